using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PortOutPasscode.Batching;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;
using PortOutPasscode.Runs;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Wait-BwTnOptionOrder: follows orders from the pipeline until each is COMPLETE, PARTIAL or FAILED,
    /// outputs their final state and reports per-number failures as Set-BwPortOutPasscode does.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "BwTnOptionOrder")]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class WaitBwTnOptionOrderCommand : BwApiCmdlet, IDisposable
    {
        private readonly HashSet<string> _following = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<TnOptionOrder> _stillOpen = new List<TnOptionOrder>();
        private CmdletRun _run;
        private OrderWatch _watch;
        private DateTime _deadline;

        /// <summary>Order ids, or orders (their OrderId property binds).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            _run = new CmdletRun(this);
            _watch = new OrderWatch(_run.Bridge, _run.Client(ResolveConnection()), ThrottleLimit);
            _deadline = DateTime.UtcNow.AddSeconds(TimeoutSec);
        }

        protected override void ProcessRecord()
        {
            foreach (var id in OrderId)
            {
                if (!_following.Add(id)) continue;
                _watch.Start(null, id, _deadline, (cmdlet, poll) => OnEnd(id, poll));
            }
            _run.Bridge.Drain();
        }

        protected override void EndProcessing()
        {
            _run.Bridge.PumpUntil(() => _watch.Pending == 0);
            if (_stillOpen.Count > 0)
            {
                var names = string.Join(", ", _stillOpen.Select(o => $"{o.OrderId} ({o.ProcessingStatus})"));
                WriteError(new ErrorRecord(
                    new TimeoutException($"{_stillOpen.Count} order{(_stillOpen.Count == 1 ? " was" : "s were")} still open after {TimeoutSec} s: {names}. They go on at Bandwidth; wait again later with Wait-BwTnOptionOrder."),
                    "OrderWaitTimedOut", ErrorCategory.OperationTimeout, _stillOpen.ToArray()));
            }
        }

        protected override void StopProcessing() => _run?.Bridge.Stop();

        public void Dispose()
        {
            _run?.Dispose();
            _watch?.Dispose();
        }

        private void OnEnd(string id, Task<TnOptionOrder> poll)
        {
            if (poll.Status == TaskStatus.RanToCompletion)
            {
                OrderReport.Write(this, poll.Result);
                return;
            }
            var failure = poll.Exception?.GetBaseException();
            switch (failure)
            {
                case null:
                    return; // Cancelled: the pipeline is stopping.
                case OrderWaitTimeoutException timeout:
                    _stillOpen.Add(timeout.LastSeen);
                    return;
                case BandwidthNotFoundException notFound:
                    WriteError(new ErrorRecord(notFound, "OrderNotFound", ErrorCategory.ObjectNotFound, id));
                    return;
                default:
                    WriteError(BandwidthErrors.Record(failure, "OrderWaitFailed", id));
                    return;
            }
        }
    }
}
