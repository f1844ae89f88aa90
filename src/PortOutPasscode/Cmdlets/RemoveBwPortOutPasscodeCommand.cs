using System.Management.Automation;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Remove-BwPortOutPasscode: takes the passcode off every number that reaches it (sends systemDefault).</summary>
    [Cmdlet(VerbsCommon.Remove, "BwPortOutPasscode", DefaultParameterSetName = FromNumbers,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class RemoveBwPortOutPasscodeCommand : PasscodeOrderCommandBase
    {
        /// <summary>Removes without asking for confirmation (still honours -WhatIf and an explicit -Confirm).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override PasscodeChange Change => PasscodeChange.Remove;

        protected override string ActionName => "Remove port-out passcode";

        protected override bool ShouldSubmit(string target)
        {
            var bound = MyInvocation.BoundParameters;
            if (Force && !bound.ContainsKey("Confirm") && !bound.ContainsKey("WhatIf"))
            {
                return true;
            }
            return base.ShouldSubmit(target);
        }
    }
}
