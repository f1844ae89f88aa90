using System;
using System.Collections.Generic;
using System.Globalization;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    /// <summary>Filters of the in-service number list; each maps to one documented query parameter.</summary>
    internal sealed class InServiceQuery
    {
        /// <summary>areacode: the NPA, three digits.</summary>
        internal string AreaCode { get; set; }

        /// <summary>npanxx: area code and exchange, six digits.</summary>
        internal string NpaNxx { get; set; }

        internal string State { get; set; }
        internal string Lata { get; set; }

        /// <summary>ratecenter: Bandwidth wants it with a state.</summary>
        internal string RateCenter { get; set; }

        /// <summary>startdate / enddate: by the day the number went into service (yyyy-MM-dd).</summary>
        internal DateTime? Since { get; set; }
        internal DateTime? Until { get; set; }

        internal bool IsEmpty => AreaCode == null && NpaNxx == null && State == null && Lata == null && RateCenter == null && Since == null && Until == null;

        internal IEnumerable<KeyValuePair<string, string>> ToParameters()
        {
            if (!string.IsNullOrWhiteSpace(AreaCode)) yield return Pair("areacode", AreaCode.Trim());
            if (!string.IsNullOrWhiteSpace(NpaNxx)) yield return Pair("npanxx", NpaNxx.Trim());
            if (!string.IsNullOrWhiteSpace(State)) yield return Pair("state", State.Trim());
            if (!string.IsNullOrWhiteSpace(Lata)) yield return Pair("lata", Lata.Trim());
            if (!string.IsNullOrWhiteSpace(RateCenter)) yield return Pair("ratecenter", RateCenter.Trim());
            if (Since.HasValue) yield return Pair("startdate", Day(Since.Value));
            if (Until.HasValue) yield return Pair("enddate", Day(Until.Value));
        }

        private static string Day(DateTime value) =>
            (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
