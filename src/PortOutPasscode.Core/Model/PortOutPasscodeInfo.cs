using System;
using System.Collections.Generic;

namespace PortOutPasscode
{
    /// <summary>Whether a number carries a port-out passcode, and which.</summary>
    public class PortOutPasscodeInfo
    {
        public string TelephoneNumber { get; set; }
        public bool HasPasscode { get; set; }
        public string Passcode { get; set; }

        /// <summary>Set when the API could not answer for this number (e.g. 15610, not on the account); null otherwise, also for "no passcode" (15619).</summary>
        public string ErrorCode { get; set; }
        public string ErrorDescription { get; set; }

        // Never the passcode: this text reaches verbose output and error messages.
        public override string ToString() => $"{TelephoneNumber} ({(HasPasscode ? "has a passcode" : "no passcode")})";
    }

    /// <summary>One page of the account's protected numbers.</summary>
    public class PasscodePage
    {
        public int Page { get; set; }
        public int Size { get; set; }
        public IReadOnlyList<PortOutPasscodeInfo> Items { get; set; } = Array.Empty<PortOutPasscodeInfo>();

        /// <summary>The total the API reported, when it did.</summary>
        public int? TotalCount { get; set; }

        /// <summary>True when another page may hold more numbers (a full page, or fewer than TotalCount seen so far).</summary>
        public bool HasNextPage { get; set; }
    }
}
