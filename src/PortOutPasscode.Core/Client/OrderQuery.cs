using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    /// <summary>Filters of the TN option order list; each maps to one documented query parameter.</summary>
    internal sealed class OrderQuery
    {
        /// <summary>RECEIVED, PROCESSING, COMPLETE, PARTIAL, FAILED (status, repeated).</summary>
        public string[] Status { get; set; }

        /// <summary>tn: orders that touch this number.</summary>
        public string TelephoneNumber { get; set; }

        public string CustomerOrderId { get; set; }

        /// <summary>orderIdFragment: a prefix of the order id.</summary>
        public string OrderIdFragment { get; set; }

        /// <summary>createdDateFrom, by day (yyyy-MM-dd, UTC).</summary>
        public DateTime? CreatedAfter { get; set; }

        /// <summary>createdDateTo, by day.</summary>
        public DateTime? CreatedBefore { get; set; }

        /// <summary>modifiedDateFrom, by day.</summary>
        public DateTime? ModifiedAfter { get; set; }

        /// <summary>modifiedDateTo, by day.</summary>
        public DateTime? ModifiedBefore { get; set; }

        internal IEnumerable<KeyValuePair<string, string>> ToParameters(BwConnection connection)
        {
            foreach (var status in (Status ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                yield return Pair("status", status.Trim().ToUpperInvariant());
            }
            if (!string.IsNullOrWhiteSpace(TelephoneNumber)) yield return Pair("tn", connection.ToWire(TelephoneNumber.Trim()));
            if (!string.IsNullOrWhiteSpace(CustomerOrderId)) yield return Pair("customerOrderId", CustomerOrderId);
            if (!string.IsNullOrWhiteSpace(OrderIdFragment)) yield return Pair("orderIdFragment", OrderIdFragment.Trim());
            if (CreatedAfter.HasValue) yield return Pair("createdDateFrom", Day(CreatedAfter.Value));
            if (CreatedBefore.HasValue) yield return Pair("createdDateTo", Day(CreatedBefore.Value));
            if (ModifiedAfter.HasValue) yield return Pair("modifiedDateFrom", Day(ModifiedAfter.Value));
            if (ModifiedBefore.HasValue) yield return Pair("modifiedDateTo", Day(ModifiedBefore.Value));
        }

        /// <summary>
        /// The API filters by whole days; a bound with a time of day is applied here too, to the dates the answer gives, so
        /// "-CreatedAfter (Get-Date).AddHours(-1)" means the last hour, not since midnight. An undated item is kept.
        /// </summary>
        internal bool Matches(DateTime? created, DateTime? modified) =>
            After(created, CreatedAfter) && Before(created, CreatedBefore) && After(modified, ModifiedAfter) && Before(modified, ModifiedBefore);

        private static bool After(DateTime? value, DateTime? bound) => value == null || bound == null || value.Value >= Utc(bound.Value);

        private static bool Before(DateTime? value, DateTime? bound) =>
            value == null || bound == null || bound.Value.TimeOfDay == TimeSpan.Zero || value.Value < Utc(bound.Value);

        private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

        // The API filters by UTC day; a local time is first moved to UTC so "since yesterday evening" means the same instant.
        private static string Day(DateTime value) =>
            (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
