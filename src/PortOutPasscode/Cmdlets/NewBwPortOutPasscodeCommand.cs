using System;
using System.Management.Automation;
using System.Security;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// New-BwPortOutPasscode: strong port-out PINs from the system's cryptographic generator, none trivial and none holding a
    /// part of the numbers they are for. Each is a SecureString unless -AsPlainText. Needs no connection: nothing is sent.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "BwPortOutPasscode")]
    [OutputType(typeof(SecureString), typeof(string))]
    public sealed class NewBwPortOutPasscodeCommand : PSCmdlet
    {
        /// <summary>Characters per PIN.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(Passcodes.MinLength, Passcodes.MaxLength)]
        public int Length { get; set; } = PinGenerator.DefaultLength;

        /// <summary>Digits and capital letters (without 0, O, 1, I, L) instead of digits only.</summary>
        [Parameter]
        public SwitchParameter Alphanumeric { get; set; }

        /// <summary>How many PINs, each different.</summary>
        [Parameter]
        [ValidateRange(1, 100_000)]
        public int Count { get; set; } = 1;

        /// <summary>The numbers the PINs are for: no 4 characters in a row of any of them appear in a PIN.</summary>
        [Parameter]
        [ValidateNotNull]
        [AllowEmptyCollection]
        [Alias("Tn")]
        public string[] TelephoneNumber { get; set; }

        /// <summary>Each PIN as text instead of a SecureString: for a script that hands it on at once.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void EndProcessing()
        {
            var numbers = NumberParameters.Normalized(this, nameof(TelephoneNumber), TelephoneNumber ?? Array.Empty<string>());
            using (var generator = new PinGenerator())
            {
                try
                {
                    foreach (var pin in generator.Generate(Count, Length, Alphanumeric, numbers))
                    {
                        WriteObject(AsPlainText ? (object)pin : SecureText.From(pin));
                    }
                }
                catch (InvalidOperationException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "NoStrongPinLeft", ErrorCategory.LimitsExceeded, null));
                }
            }
        }
    }
}
