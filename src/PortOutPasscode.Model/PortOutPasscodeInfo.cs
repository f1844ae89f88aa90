namespace PortOutPasscode
{
    /// <summary>Whether a number carries a port-out passcode.</summary>
    public class PortOutPasscodeInfo
    {
        public string TelephoneNumber { get; set; }
        public bool HasPasscode { get; set; }

        /// <summary>
        /// A SecureString, or the passcode as text when Get-BwPortOutPasscode was asked with -AsPlainText; null when the
        /// number has none. It is left out when the object is serialized (Export-Clixml, remoting, jobs): on Linux and
        /// macOS a serialized SecureString is only hex-encoded.
        /// </summary>
        public object Passcode { get; set; }

        /// <summary>Set when the API could not answer for this number (e.g. 15610, not on the account); null otherwise, also for "no passcode" (15619).</summary>
        public string ErrorCode { get; set; }
        public string ErrorDescription { get; set; }

        // Never the passcode: this text reaches verbose output and error messages.
        public override string ToString() => $"{TelephoneNumber} ({(HasPasscode ? "has a passcode" : "no passcode")})";
    }
}
