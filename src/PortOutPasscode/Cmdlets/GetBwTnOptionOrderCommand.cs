using System;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Get-BwTnOptionOrder: orders by id (also from the pipeline), or a filtered list of the account's orders.</summary>
    [Cmdlet(VerbsCommon.Get, "BwTnOptionOrder", DefaultParameterSetName = ListOrders)]
    [OutputType(typeof(TnOptionOrderSummary), ParameterSetName = new[] { ListOrders })]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class GetBwTnOptionOrderCommand : BwApiCmdlet, IDisposable
    {
        private const string ListOrders = "List";
        private const string ById = "OrderId";

        private CmdletRun _run;
        private BandwidthClient _client;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        [ValidateSet("RECEIVED", "PROCESSING", "COMPLETE", "PARTIAL", "FAILED", IgnoreCase = true)]
        public string[] Status { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        [ValidateNotNullOrEmpty]
        public string CustomerOrderId { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        [ValidateNotNullOrEmpty]
        [Alias("Tn")]
        public string TelephoneNumber { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime CreatedAfter { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime CreatedBefore { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime ModifiedAfter { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime ModifiedBefore { get; set; }

        /// <summary>Full orders (groups, numbers, errors) instead of summaries.</summary>
        [Parameter(ParameterSetName = ListOrders)]
        public SwitchParameter Detailed { get; set; }

        protected override void BeginProcessing()
        {
            _run = new CmdletRun(this);
            _client = _run.Client(ResolveConnection());
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != ById) return;
            foreach (var id in OrderId)
            {
                try
                {
                    WriteObject(_run.Bridge.Run(_client.GetOrderAsync(id, _run.Bridge.Stopping)));
                }
                catch (BandwidthNotFoundException e)
                {
                    WriteError(new ErrorRecord(e, "OrderNotFound", ErrorCategory.ObjectNotFound, id));
                }
                catch (BandwidthException e) when (!(e is BandwidthAuthenticationException))
                {
                    WriteError(BandwidthErrors.Record(e, "OrderNotRead", id));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != ListOrders) return;
            var query = new OrderQuery
            {
                Status = Status,
                CustomerOrderId = CustomerOrderId,
                TelephoneNumber = NormalizedFilterNumber(),
                CreatedAfter = Bound(nameof(CreatedAfter)) ? CreatedAfter : (DateTime?)null,
                CreatedBefore = Bound(nameof(CreatedBefore)) ? CreatedBefore : (DateTime?)null,
                ModifiedAfter = Bound(nameof(ModifiedAfter)) ? ModifiedAfter : (DateTime?)null,
                ModifiedBefore = Bound(nameof(ModifiedBefore)) ? ModifiedBefore : (DateTime?)null,
            };
            if (Detailed)
            {
                WriteObject(_run.Bridge.Run(_client.ListOrdersAsync(query, _run.Bridge.Stopping)), enumerateCollection: true);
            }
            else
            {
                WriteObject(_run.Bridge.Run(_client.ListOrderSummariesAsync(query, _run.Bridge.Stopping)), enumerateCollection: true);
            }
        }

        protected override void StopProcessing() => _run?.Bridge.Stop();

        public void Dispose() => _run?.Dispose();

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        private string NormalizedFilterNumber()
        {
            if (TelephoneNumber == null) return null;
            if (Input.TelephoneNumbers.TryNormalize(TelephoneNumber, out var number, out var problem)) return number;
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-TelephoneNumber '{TelephoneNumber}' is not a valid North American telephone number: {problem}."),
                "InvalidTelephoneNumber", ErrorCategory.InvalidArgument, TelephoneNumber));
            return null;
        }
    }
}
