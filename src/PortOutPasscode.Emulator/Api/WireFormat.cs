using System.Globalization;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.Api;

/// <summary>
/// How numbers and times look on the wire of one request: 10 digits on v1, E.164 on v2; dates on the server's clock,
/// which may be set ahead or behind (the clockOffsetSeconds setting) while orders keep their real timing.
/// </summary>
internal sealed record WireFormat(ApiVersion Version, TimeSpan ClockOffset)
{
    public static readonly WireFormat V1 = new(ApiVersion.V1, TimeSpan.Zero);

    public bool IsE164 => Version == ApiVersion.V2;

    /// <summary>What the numbers of this API version look like, for error messages.</summary>
    public string NumberShape => IsE164 ? "an E.164 number (+12018551020)" : "a 10-digit number (2018551020)";

    public string Number(long number) => IsE164 ? TelephoneNumbers.FormatE164(number) : TelephoneNumbers.Format(number);

    /// <summary>A number kept as 10-digit text in this format; text that is no number at all stays as it was given.</summary>
    public string NumberText(string stored) => TelephoneNumbers.TryParse(stored, out var number) ? Number(number) : stored;

    public bool TryParseNumber(string? text, out long number)
    {
        number = 0;
        return text != null && (IsE164 ? TelephoneNumbers.TryParseE164(text, out number) : TelephoneNumbers.TryParse(text, out number));
    }

    /// <summary>A moment as the server's clock shows it.</summary>
    public DateTimeOffset ServerTime(DateTimeOffset at) => at + ClockOffset;

    /// <summary>ISO-8601 UTC with milliseconds, on the server's clock: 2016-01-15T12:01:14.324Z.</summary>
    public string Date(DateTimeOffset at) =>
        ServerTime(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
