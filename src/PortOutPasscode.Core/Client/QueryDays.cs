using System;
using System.Globalization;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// Date bounds of list queries. The API filters by whole UTC days; a bound with a time of day is applied on this side
    /// too, to the dates the answer gives, so "-Since (Get-Date).AddHours(-1)" means the last hour, not since midnight.
    /// A bound of midnight (a bare date) keeps the API's meaning: an upper bound includes that whole day.
    /// </summary>
    internal static class QueryDays
    {
        /// <summary>The bound's UTC day as the API takes it (yyyy-MM-dd); a local time is first moved to UTC.</summary>
        internal static string Day(DateTime value) => Utc(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>At or after the lower bound; an undated item, or no bound, passes.</summary>
        internal static bool AtOrAfter(DateTime? value, DateTime? bound) => value == null || bound == null || value.Value >= Utc(bound.Value);

        /// <summary>Before the upper bound; a bound of midnight is a whole day the API has already applied.</summary>
        internal static bool Before(DateTime? value, DateTime? bound) =>
            value == null || bound == null || bound.Value.TimeOfDay == TimeSpan.Zero || value.Value < Utc(bound.Value);

        /// <summary>Local times moved to UTC; unspecified ones (a bare '2026-12-01') taken as UTC, as the API's days are.</summary>
        internal static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
    }
}
