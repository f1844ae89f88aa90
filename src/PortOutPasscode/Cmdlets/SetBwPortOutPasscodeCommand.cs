using System.Management.Automation;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Set-BwPortOutPasscode: protects every number that reaches it with a port-out passcode.</summary>
    [Cmdlet(VerbsCommon.Set, "BwPortOutPasscode", DefaultParameterSetName = FromNumbers,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class SetBwPortOutPasscodeCommand : PasscodeOrderCommandBase
    {
        /// <summary>
        /// 4 to 10 ASCII letters or digits, as text or a SecureString (Get-Secret, Read-Host -AsSecureString); for every
        /// number, or per row from a Passcode (PortOutPasscode, Pin) property or column.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortOutPasscode", "Pin")]
        [AllowNull]
        [AllowEmptyString]
        public object Passcode { get; set; }

        private object _passcodeForEveryRow;

        internal override PasscodeChange Change => PasscodeChange.Set;

        protected override string ActionName => "Set port-out passcode";

        protected override object PasscodeForEveryRow => _passcodeForEveryRow;

        protected override object PasscodeOfCurrentRow => Passcode;

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
