using System;
using System.Security;

namespace PortOutPasscode
{
    /// <summary>
    /// One value of the -NewPasscodePer property (a customer, a billing account) and the fresh PIN Set-BwPortOutPasscode
    /// gave all of its numbers: output once, after the orders, for the caller to hand to the end customer or store
    /// (Set-Secret). The PIN is a SecureString and never part of ToString.
    /// </summary>
    public sealed class PortOutPasscodeAssignment
    {
        /// <summary>The row property the PINs were made per, as given to -NewPasscodePer (Customer, BillingAccount…).</summary>
        public string NewPasscodePer { get; set; }

        /// <summary>The property's value on the rows of these numbers.</summary>
        public string Value { get; set; }

        /// <summary>The PIN, read-only: <c>[pscredential]::new('x', $a.Passcode).GetNetworkCredential().Password</c> shows it.</summary>
        public SecureString Passcode { get; set; }

        /// <summary>Every number of the value that was sent (Protected + Failed + Pending of them).</summary>
        public string[] TelephoneNumbers { get; set; } = Array.Empty<string>();

        /// <summary>The orders that carried them (none for an order Bandwidth refused whole or never received).</summary>
        public string[] OrderIds { get; set; } = Array.Empty<string>();

        /// <summary>Numbers that carry the PIN now (Protected, and AlreadyProtected).</summary>
        public long Protected { get; set; }

        /// <summary>Numbers Bandwidth did not do, or whose order it refused or never received: the PIN is not on them.</summary>
        public long Failed { get; set; }

        /// <summary>Numbers whose order had not finished when the command stopped following it (-NoWait, a timeout).</summary>
        public long Pending { get; set; }

        // Never the PIN: this text reaches the host, logs and transcripts.
        public override string ToString() =>
            $"{NewPasscodePer} {Value}: {TelephoneNumbers.Length} number{(TelephoneNumbers.Length == 1 ? "" : "s")} ({Protected} protected, {Failed} failed, {Pending} pending)";
    }
}
