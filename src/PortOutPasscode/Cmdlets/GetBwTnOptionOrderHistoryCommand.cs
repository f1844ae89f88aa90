using System;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Get-BwTnOptionOrderHistory: what happened to an order, step by step.</summary>
    [Cmdlet(VerbsCommon.Get, "BwTnOptionOrderHistory")]
    [OutputType(typeof(OrderHistoryEntry))]
    public sealed class GetBwTnOptionOrderHistoryCommand : BwApiCmdlet, IDisposable
    {
        private CmdletRun _run;
        private BandwidthClient _client;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        protected override void BeginProcessing()
        {
            _run = new CmdletRun(this);
            _client = _run.Client(ResolveConnection());
        }

        protected override void ProcessRecord()
        {
            foreach (var id in OrderId)
            {
                try
                {
                    WriteObject(_run.Bridge.Run(_client.GetOrderHistoryAsync(id, _run.Bridge.Stopping)), enumerateCollection: true);
                }
                catch (BandwidthNotFoundException e)
                {
                    WriteError(new ErrorRecord(e, "OrderNotFound", ErrorCategory.ObjectNotFound, id));
                }
                catch (BandwidthException e) when (!(e is BandwidthAuthenticationException))
                {
                    WriteError(BandwidthErrors.Record(e, "OrderHistoryNotRead", id));
                }
            }
        }

        protected override void StopProcessing() => _run?.Bridge.Stop();

        public void Dispose() => _run?.Dispose();
    }
}
