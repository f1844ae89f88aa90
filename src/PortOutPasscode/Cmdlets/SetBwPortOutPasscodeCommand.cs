using System.Management.Automation;
using PortOutPasscode.Runs;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Set-BwPortOutPasscode: protects every number that reaches it with a port-out passcode.</summary>
    [Cmdlet(VerbsCommon.Set, "BwPortOutPasscode", DefaultParameterSetName = FromNumbers,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class SetBwPortOutPasscodeCommand : PasscodeOrderCommandBase
    {
        /// <summary>4 to 10 ASCII letters or digits; for every number, or per row by property name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortOutPasscode", "Pin")]
        [AllowNull]
        [AllowEmptyString]
        public string Passcode { get; set; }

        private string _passcodeForEveryRow;

        internal override PasscodeChange Change => PasscodeChange.Set;

        protected override string ActionName => "Set port-out passcode";

        protected override string PasscodeForEveryRow => _passcodeForEveryRow;

        protected override string PasscodeOfCurrentRow => Passcode;

        protected override void BeginProcessing()
        {
            // A -Passcode on the command line applies to every row; otherwise each row brings its own.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Passcode)))
            {
                _passcodeForEveryRow = Passcode;
            }
            base.BeginProcessing();
        }
    }
}
