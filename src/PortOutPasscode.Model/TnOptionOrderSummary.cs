using System;

namespace PortOutPasscode
{
    /// <summary>One order of a list answer without details (TnOptionOrderSummary).</summary>
    public class TnOptionOrderSummary
    {
        public string OrderId { get; set; }
        public string AccountId { get; set; }
        public int? CountOfTNs { get; set; }
        public string UserId { get; set; }
        public DateTime? LastModifiedDate { get; set; }
        public string LastModifiedDateText { get; set; }
        public DateTime? OrderDate { get; set; }
        public string OrderDateText { get; set; }

        /// <summary>tn_option for these orders.</summary>
        public string OrderType { get; set; }

        /// <summary>RECEIVED, PROCESSING, COMPLETE, PARTIAL or FAILED, as received.</summary>
        public string OrderStatus { get; set; }

        public override string ToString() => $"TN option order {OrderId} ({OrderStatus})";
    }

    /// <summary>One step of an order's history (received, processing, complete…), status as received (lower case).</summary>
    public class OrderHistoryEntry
    {
        public string OrderId { get; set; }
        public DateTime? OrderDate { get; set; }
        public string OrderDateText { get; set; }
        public string Note { get; set; }
        public string Author { get; set; }
        public string Status { get; set; }
    }
}
