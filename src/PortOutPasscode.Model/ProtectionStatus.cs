namespace PortOutPasscode
{
    /// <summary>Where a number stands against port-outs, and against the passcode it should have.</summary>
    public enum ProtectionState
    {
        /// <summary>It carries a passcode (no desired passcode was given to compare with).</summary>
        Protected,
        /// <summary>It carries no passcode: it can be ported away without a PIN.</summary>
        Unprotected,
        /// <summary>Given, but not on the account (15610): there is nothing to protect.</summary>
        NotInService,
        /// <summary>It carries the desired passcode.</summary>
        Matches,
        /// <summary>It carries a passcode, but not the desired one.</summary>
        Differs,
        /// <summary>Bandwidth could not be asked (the error says why): not known to be protected.</summary>
        Unknown,
    }

    /// <summary>
    /// One number of a coverage audit (Test-BwPortOutProtection). It never holds a passcode: desired and actual passcodes
    /// are compared inside the module. TelephoneNumber binds to Set-BwPortOutPasscode, to protect what is missing.
    /// </summary>
    public sealed class ProtectionStatus
    {
        public string TelephoneNumber { get; set; }
        public ProtectionState Status { get; set; }

        /// <summary>True when the number carries any passcode (Protected, Matches, Differs).</summary>
        public bool HasPasscode => Status == ProtectionState.Protected || Status == ProtectionState.Matches || Status == ProtectionState.Differs;

        /// <summary>True when nothing needs doing: protected, and as desired when a passcode was given.</summary>
        public bool AsDesired => Status == ProtectionState.Protected || Status == ProtectionState.Matches;

        /// <summary>Bandwidth's code when it could not answer for the number (15610).</summary>
        public string ErrorCode { get; set; }

        public override string ToString() => $"{TelephoneNumber}: {Status}";
    }

    /// <summary>
    /// The closing summary of a coverage audit: what the auditor asks. Written to the host at the end; captured with
    /// -InformationVariable (its MessageData), silenced with -InformationAction Ignore.
    /// </summary>
    public sealed class ProtectionSummary
    {
        /// <summary>Numbers in scope that are on the account (in service, or given and found).</summary>
        public long InService { get; set; }
        public long Protected { get; set; }
        public long Unprotected { get; set; }

        /// <summary>With a desired passcode: how many carry it, and how many carry another.</summary>
        public long? Matches { get; set; }
        public long? Differs { get; set; }

        /// <summary>Numbers given that are not on the account.</summary>
        public long NotInService { get; set; }

        /// <summary>Numbers Bandwidth could not be asked about (an error was written for them).</summary>
        public long Unknown { get; set; }

        /// <summary>Protected numbers as a percentage of those in service; null when none was in scope (100% of nothing is no coverage).</summary>
        public double? CoveragePercent => InService == 0 ? (double?)null : System.Math.Round(100.0 * Protected / InService, 1);

        /// <summary>
        /// True when numbers were in scope and every one is protected, as desired when a passcode was given, and all were
        /// found and answered. An empty scope (a wrong account, a filter that matches nothing) is never compliant.
        /// </summary>
        public bool Compliant => InService > 0 && Unprotected == 0 && (Differs ?? 0) == 0 && NotInService == 0 && Unknown == 0;

        public override string ToString()
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            var text = $"Test-BwPortOutProtection: {InService.ToString("N0", culture)} in service: {Protected.ToString("N0", culture)} protected, {Unprotected.ToString("N0", culture)} unprotected; "
                + (CoveragePercent.HasValue ? $"coverage {CoveragePercent.Value.ToString("0.0", culture)}%" : "no coverage to report: nothing in scope");
            if (Matches.HasValue) text += $"; {Matches.Value.ToString("N0", culture)} with the desired passcode, {(Differs ?? 0).ToString("N0", culture)} with another";
            if (NotInService > 0) text += $"; {NotInService.ToString("N0", culture)} given but not on the account";
            if (Unknown > 0) text += $"; {Unknown.ToString("N0", culture)} not known (Bandwidth could not be asked)";
            return text + ".";
        }
    }
}
