using System;
using System.Xml.Linq;

namespace PortOutPasscode
{
    /// <summary>
    /// A port-out request against numbers of the account: another carrier asking to take them. A PIN that does not match
    /// the numbers' passcode leaves it in EXCEPTION with error 7610 until the carrier corrects the PIN.
    /// </summary>
    public class BwPortOut
    {
        /// <summary>The error Bandwidth gives a port-out whose PIN does not match the numbers' passcode.</summary>
        public const string PinMismatchCode = "7610";

        public string OrderId { get; set; }

        /// <summary>port_out in lists; null in a single order's answer.</summary>
        public string OrderType { get; set; }

        public string AccountId { get; set; }

        /// <summary>NEW, COMPLETE, EXCEPTION, CANCELLED, …, as received (PortOutStatus in a single order's answer).</summary>
        public string ProcessingStatus { get; set; }

        /// <summary>
        /// The numbers the answer names, as ten digits. A single order's answer lists them all; a list item names only its
        /// billing number (CountOfTNs says how many there are): pipe it to Get-BwPortOut for the rest.
        /// </summary>
        public string[] TelephoneNumbers { get; set; } = Array.Empty<string>();

        public int? CountOfTNs { get; set; }
        public string BillingTelephoneNumber { get; set; }

        /// <summary>When the port-out was placed (OrderDate, or OrderCreateDate in a single order's answer), UTC.</summary>
        public DateTime? OrderDate { get; set; }
        public string OrderDateText { get; set; }
        public DateTime? LastModifiedDate { get; set; }
        public string LastModifiedDateText { get; set; }

        /// <summary>The FOC (firm order commitment) date the winning carrier asked for.</summary>
        public DateTime? RequestedFocDate { get; set; }
        public string RequestedFocDateText { get; set; }

        /// <summary>The FOC date given, once there is one.</summary>
        public DateTime? ActualFocDate { get; set; }
        public string ActualFocDateText { get; set; }

        /// <summary>The winning carrier's SPID (VendorId in lists, SPID in a single order's answer).</summary>
        public string VendorId { get; set; }
        public string VendorName { get; set; }

        /// <summary>The port order number (PON).</summary>
        public string Pon { get; set; }

        public string UserId { get; set; }

        /// <summary>The list item's ErrorCode: 7610 when the PIN did not match; other codes describe other states (201 received…).</summary>
        public string ErrorCode { get; set; }
        public string ErrorMessage { get; set; }

        /// <summary>True when the port-out is held because its PIN did not match the numbers' passcode (7610).</summary>
        public bool PinMismatch => ErrorCode == PinMismatchCode;

        /// <summary>Elements of the answer this client does not know yet, kept as received.</summary>
        public XElement[] UnknownElements { get; set; } = Array.Empty<XElement>();

        public override string ToString() => $"Port-out {OrderId} ({ProcessingStatus})";
    }
}
