using System;
using System.Management.Automation;
using PortOutPasscode.Client;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// The in-service filters Test-BwPortOutProtection and Sync-BwPortOutPasscode -AllInService both take, turned into one
    /// query by one rule, and the one passcode such a run compares with or sets, checked before anything is asked.
    /// </summary>
    internal static class InServiceScope
    {
        // The filters' shapes, checked by the binder of both cmdlets: an area code, NPA-NXX, state, LATA.
        internal const string AreaCodePattern = "^[2-9][0-9]{2}$";
        internal const string NpaNxxPattern = "^[2-9][0-9]{2}[2-9][0-9]{2}$";
        internal const string StatePattern = "^[A-Za-z]{2}$";
        internal const string LataPattern = "^[0-9]{3,5}$";

        internal static InServiceQuery Query(PSCmdlet cmdlet, string areaCode, string npaNxx, string state, string lata, string rateCenter,
            DateTime? since, DateTime? until)
        {
            if (rateCenter != null && state == null)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-RateCenter names a rate center within a state: give -State too (for example -State NC -RateCenter RALEIGH)."),
                    "RateCenterWithoutState", ErrorCategory.InvalidArgument, rateCenter));
            }
            if (since.HasValue && until.HasValue && since.Value > until.Value)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-InServiceSince is after -InServiceUntil, so no number could match: swap them."),
                    "InServiceDatesReversed", ErrorCategory.InvalidArgument, since.Value));
            }
            return new InServiceQuery
            {
                AreaCode = areaCode,
                NpaNxx = npaNxx,
                State = state?.ToUpperInvariant(),
                Lata = lata,
                RateCenter = rateCenter?.ToUpperInvariant(),
                Since = since,
                Until = until,
            };
        }

        /// <summary>The -Passcode for every number as text (a SecureString read), or a terminating error that never repeats it.</summary>
        internal static string Passcode(PSCmdlet cmdlet, object value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            if (!RowRules.TryReadPasscode(value, out var passcode))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Passcode must be text or a SecureString."),
                    "InvalidPasscode", ErrorCategory.InvalidArgument, null));
            }
            if (!Passcodes.TryValidate(passcode, out var problem))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Passcode: {problem}. Nothing was sent."),
                    "InvalidPasscode", ErrorCategory.InvalidArgument, null));
            }
            return passcode;
        }
    }
}
