using System;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Wait-BwTnOptionOrder: follows orders from the pipeline until each is COMPLETE, PARTIAL or FAILED, outputs their final
    /// state with one outcome per number, and reports per-number failures as Set-BwPortOutPasscode does.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "BwTnOptionOrder")]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class WaitBwTnOptionOrderCommand : BwApiCmdlet
    {
        private WaitRun _wait;

        /// <summary>Order ids, or orders (their OrderId property binds).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        /// <summary>How long to follow each order, from the moment it reaches this cmdlet.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing() =>
            _wait = new WaitRun(Run.Client, new CmdletSink(this), Run.Queue, Run.Log, ThrottleLimit, TimeSpan.FromSeconds(TimeoutSec));

        protected override void ProcessRecord()
        {
            foreach (var id in OrderId) Run.Pump(() => _wait.Add(id));
        }

        protected override void EndProcessing() => Run.Pump(_wait.Complete);

        protected override void DisposeWork() => _wait?.Dispose();
    }
}
