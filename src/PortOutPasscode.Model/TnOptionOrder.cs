using System;
using System.Linq;
using System.Xml.Linq;

namespace PortOutPasscode
{
    /// <summary>A TN option order as Bandwidth reports it: its state, the option groups, per-number errors and warnings, and what became of each number.</summary>
    public class TnOptionOrder
    {
        public string OrderId { get; set; }
        public string CustomerOrderId { get; set; }
        public string AccountId { get; set; }

        /// <summary>RECEIVED, PROCESSING, COMPLETE, PARTIAL or FAILED, as received.</summary>
        public string ProcessingStatus { get; set; }

        /// <summary>UTC; null when the API sent something that is not a date (the raw text is in <see cref="OrderCreateDateText"/>).</summary>
        public DateTime? OrderCreateDate { get; set; }
        public string OrderCreateDateText { get; set; }
        public DateTime? LastModifiedDate { get; set; }
        public string LastModifiedDateText { get; set; }

        public string CreatedByUser { get; set; }
        public string LastModifiedBy { get; set; }
        public string Name { get; set; }
        public string PeerId { get; set; }
        public string SiteId { get; set; }

        public TnOptionGroup[] Groups { get; set; } = Array.Empty<TnOptionGroup>();
        public TnOptionError[] Errors { get; set; } = Array.Empty<TnOptionError>();
        public TnOptionWarning[] Warnings { get; set; } = Array.Empty<TnOptionWarning>();

        /// <summary>Every number of every group, each once, in the order the groups list them.</summary>
        public string[] TelephoneNumbers
        {
            // Worked out when first asked for: a run reads each order's answer several times and rarely asks.
            get => _telephoneNumbers ?? (_telephoneNumbers = Groups.SelectMany(g => g.TelephoneNumbers ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray());
            set => _telephoneNumbers = value;
        }

        private string[] _telephoneNumbers;

        /// <summary>
        /// One outcome per number: for an order this module sent, per number it sent (whatever the answer listed); for an
        /// order read from Bandwidth, per number the order lists. <c>$orders.Outcomes | Export-Csv</c> is the whole report.
        /// </summary>
        public TnOutcome[] Outcomes
        {
            get => _outcomes ?? (_outcomes = OutcomesOf?.Invoke(this) ?? Array.Empty<TnOutcome>());
            set => _outcomes = value;
        }

        private TnOutcome[] _outcomes;

        /// <summary>
        /// How an order read from Bandwidth works out its outcomes, when they are first asked for: a run follows its orders
        /// through polls whose answers it only needs the status of, and 5,000 outcomes a poll would be garbage.
        /// </summary>
        internal Func<TnOptionOrder, TnOutcome[]> OutcomesOf { get; set; }

        /// <summary>Elements of the order this client does not know yet, kept as received.</summary>
        public XElement[] UnknownElements { get; set; } = Array.Empty<XElement>();

        /// <summary>True once the order is COMPLETE, PARTIAL or FAILED: it will not change any more.</summary>
        public bool IsFinal => IsFinalStatus(ProcessingStatus);

        public static bool IsFinalStatus(string processingStatus) =>
            string.Equals(processingStatus, "COMPLETE", StringComparison.OrdinalIgnoreCase)
            || string.Equals(processingStatus, "PARTIAL", StringComparison.OrdinalIgnoreCase)
            || string.Equals(processingStatus, "FAILED", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"TN option order {OrderId} ({ProcessingStatus})";
    }

    /// <summary>A per-number error of an order (ErrorList/Error), e.g. 5076 for a number that is not on the account.</summary>
    public class TnOptionError
    {
        public string Code { get; set; }
        public string Description { get; set; }

        /// <summary>The numbers the error concerns: a single TelephoneNumber or a TelephoneNumbers list in the answer.</summary>
        public string[] TelephoneNumbers { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{Code}: {Description}";
    }

    public class TnOptionWarning
    {
        public string TelephoneNumber { get; set; }
        public string Description { get; set; }

        public override string ToString() => $"{TelephoneNumber}: {Description}";
    }
}
