using System.Management.Automation;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Set-BwPortOutPasscode: protects every number that reaches it with a port-out passcode.</summary>
    [Cmdlet(VerbsCommon.Set, "BwPortOutPasscode", DefaultParameterSetName = FromNumbers,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TnOptionOrder), typeof(PortOutPasscodeAssignment))]
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

        /// <summary>A row property (or -Path column) whose every distinct value gets a fresh PIN of its own, output at the end.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string NewPasscodePer { get; set; }

        /// <summary>Characters of each PIN -NewPasscodePer makes.</summary>
        [Parameter]
        [ValidateRange(Passcodes.MinLength, Passcodes.MaxLength)]
        public int PasscodeLength { get; set; } = PinGenerator.DefaultLength;

        /// <summary>-NewPasscodePer PINs of digits and capital letters (without 0, O, 1, I, L) instead of digits only.</summary>
        [Parameter]
        public SwitchParameter Alphanumeric { get; set; }

        private object _passcodeForEveryRow;

        internal override PasscodeChange Change => PasscodeChange.Set;

        protected override string ActionName => "Set port-out passcode";

        protected override object PasscodeForEveryRow => _passcodeForEveryRow;

        protected override object PasscodeOfCurrentRow => Passcode;

        internal override string PasscodeGroupProperty => NewPasscodePer;

        protected override void BeginProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            // A -Passcode on the command line applies to every row; otherwise each row brings its own.
            if (bound.ContainsKey(nameof(Passcode)))
            {
                _passcodeForEveryRow = Passcode;
            }
            if (NewPasscodePer != null)
            {
                if (bound.ContainsKey(nameof(Passcode))) Refuse("NewPasscodePerWithPasscode", Messages.NewPasscodePerWithPasscode(NewPasscodePer));
                if (ParameterSetName == FromNumbers) Refuse("NewPasscodePerNeedsRows", Messages.NewPasscodePerNeedsRows(NewPasscodePer));
            }
            else if (bound.ContainsKey(nameof(PasscodeLength)) || bound.ContainsKey(nameof(Alphanumeric)))
            {
                Refuse("PinOptionsNeedNewPasscodePer", Messages.PinOptionsNeedNewPasscodePer);
            }
            base.BeginProcessing();
        }

        internal override void Configure(PasscodeRunSettings settings)
        {
            settings.NewPasscodePer = NewPasscodePer;
            settings.PinLength = PasscodeLength;
            settings.AlphanumericPins = Alphanumeric;
        }

        private void Refuse(string errorId, string message) =>
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), errorId, ErrorCategory.InvalidArgument, null));
    }
}
