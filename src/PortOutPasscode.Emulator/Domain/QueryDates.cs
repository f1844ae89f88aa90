using System.Globalization;

namespace PortOutPasscode.Emulator.Domain;

/// <summary>The day parameters of the API's queries: yyyy-MM-dd, a UTC day.</summary>
internal static class QueryDates
{
    public static bool TryParseDay(string text, out DateTimeOffset day)
    {
        day = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        day = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }

    /// <summary>An optional day parameter: absent is fine, present must be a day; the problem names the parameter.</summary>
    public static bool TryOptionalDay(string? text, string name, out DateTimeOffset? day, out string? problem)
    {
        day = null;
        problem = null;
        if (text == null) return true;
        if (TryParseDay(text, out var parsed))
        {
            day = parsed;
            return true;
        }
        problem = $"{name} '{text}' is not a date (yyyy-MM-dd).";
        return false;
    }
}
