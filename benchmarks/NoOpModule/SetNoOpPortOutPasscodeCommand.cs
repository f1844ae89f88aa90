using System.Management.Automation;

namespace NoOpModule
{
    /// <summary>Binds exactly like Set-BwPortOutPasscode (same parameters, sets, aliases and pipeline attributes) and does nothing.</summary>
    [Cmdlet(VerbsCommon.Set, "NoOpPortOutPasscode", DefaultParameterSetName = "TelephoneNumber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class SetNoOpPortOutPasscodeCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "TelephoneNumber")]
        [Parameter(ParameterSetName = "InputObject", ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Tn", "Number", "PhoneNumber", "FullNumber")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] TelephoneNumber { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortOutPasscode", "Pin")]
        [AllowNull]
        [AllowEmptyString]
        public object Passcode { get; set; }

        [Parameter]
        [ValidateRange(1, 5000)]
        public int BatchSize { get; set; } = 1000;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CustomerOrderId { get; set; }

        [Parameter]
        public SwitchParameter NoWait { get; set; }

        [Parameter(DontShow = true)]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        [Parameter]
        [ValidateNotNull]
        public object Connection { get; set; }

        protected override void ProcessRecord()
        {
        }
    }
}
