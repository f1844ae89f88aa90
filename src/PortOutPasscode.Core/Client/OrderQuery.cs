using System;
using System.Collections.Generic;
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
            if (CreatedAfter.HasValue) yield return Pair("createdDateFrom", QueryDays.Day(CreatedAfter.Value));
            if (CreatedBefore.HasValue) yield return Pair("createdDateTo", QueryDays.Day(CreatedBefore.Value));
            if (ModifiedAfter.HasValue) yield return Pair("modifiedDateFrom", QueryDays.Day(ModifiedAfter.Value));
            if (ModifiedBefore.HasValue) yield return Pair("modifiedDateTo", QueryDays.Day(ModifiedBefore.Value));
        }

        /// <summary>Whether an item's dates are within the bounds, to the time of day (see <see cref="QueryDays"/>).</summary>
        internal bool Matches(DateTime? created, DateTime? modified) =>
            QueryDays.AtOrAfter(created, CreatedAfter) && QueryDays.Before(created, CreatedBefore)
            && QueryDays.AtOrAfter(modified, ModifiedAfter) && QueryDays.Before(modified, ModifiedBefore);

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
