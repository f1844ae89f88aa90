using System;
using System.Collections.Generic;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    /// <summary>Filters of the port-out list (GET portouts); each maps to one query parameter.</summary>
    internal sealed class PortOutQuery
    {
        /// <summary>
        /// The day sent as startdate when only an upper bound is given: the API wants both or neither, and without a range
        /// it lists only the last two years.
        /// </summary>
        internal static readonly DateTime EarliestDay = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>status: one of the documented PortOutStatus values (NEW, COMPLETE, EXCEPTION, …).</summary>
        public string Status { get; set; }

        /// <summary>tn: port-outs of this number (ten digits; sent as the base wants it).</summary>
        public string TelephoneNumber { get; set; }

        /// <summary>Last modified at or after this (startdate by day, then to the time of day here).</summary>
        public DateTime? Since { get; set; }

        /// <summary>Last modified before this (enddate by day, inclusive; a time of day is applied here).</summary>
        public DateTime? Until { get; set; }

        /// <param name="today">The client's UTC day: the enddate sent when only <see cref="Since"/> is given.</param>
        internal IEnumerable<KeyValuePair<string, string>> ToParameters(BwConnection connection, DateTime today)
        {
            if (!string.IsNullOrWhiteSpace(Status)) yield return Pair("status", Status.Trim().ToUpperInvariant());
            if (!string.IsNullOrWhiteSpace(TelephoneNumber)) yield return Pair("tn", connection.ToWire(TelephoneNumber.Trim()));
            if (Since.HasValue || Until.HasValue)
            {
                yield return Pair("startdate", QueryDays.Day(Since ?? EarliestDay));
                // A day past today: a server whose clock runs ahead (or a later time zone's today) still lists today's.
                yield return Pair("enddate", QueryDays.Day(Until ?? today.Date.AddDays(1)));
            }
        }

        /// <summary>Whether a port-out's last modification is within the bounds, to the time of day.</summary>
        internal bool Matches(BwPortOut portOut) =>
            QueryDays.AtOrAfter(portOut.LastModifiedDate, Since) && QueryDays.Before(portOut.LastModifiedDate, Until);

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
