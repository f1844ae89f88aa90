using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Get-BwTnOptionOrder: orders by id (also from the pipeline), or a filtered list of the account's orders.</summary>
    [Cmdlet(VerbsCommon.Get, "BwTnOptionOrder", DefaultParameterSetName = ListOrders)]
    [OutputType(typeof(TnOptionOrderSummary), ParameterSetName = new[] { ListOrders })]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class GetBwTnOptionOrderCommand : BwApiCmdlet
    {
        private const string ListOrders = "List";
        private const string ById = "OrderId";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        [ValidateSet("RECEIVED", "PROCESSING", "COMPLETE", "PARTIAL", "FAILED", IgnoreCase = true)]
        public string[] Status { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        [ValidateNotNullOrEmpty]
        public string CustomerOrderId { get; set; }

        /// <summary>Orders that touch any of these numbers.</summary>
        [Parameter(ParameterSetName = ListOrders)]
        [ValidateNotNullOrEmpty]
        [Alias("Tn")]
        public string[] TelephoneNumber { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime CreatedAfter { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime CreatedBefore { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime ModifiedAfter { get; set; }

        [Parameter(ParameterSetName = ListOrders)]
        public DateTime ModifiedBefore { get; set; }

        /// <summary>Full orders (groups, numbers, errors, outcomes) instead of summaries.</summary>
        [Parameter(ParameterSetName = ListOrders)]
        public SwitchParameter Detailed { get; set; }

        protected override void BeginProcessing() => _ = Run;

        protected override void ProcessRecord()
        {
            if (ParameterSetName != ById) return;
            WriteEach(OrderId, (client, id, stop) => client.GetOrderAsync(id, stop));
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != ListOrders) return;
            var numbers = TelephoneNumber == null ? new string[] { null } : NumberParameters.Normalized(this, nameof(TelephoneNumber), TelephoneNumber);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var number in numbers)
            {
                var query = new OrderQuery
                {
                    Status = Status,
                    CustomerOrderId = CustomerOrderId,
                    TelephoneNumber = number,
                    CreatedAfter = Bound(nameof(CreatedAfter)) ? CreatedAfter : (DateTime?)null,
                    CreatedBefore = Bound(nameof(CreatedBefore)) ? CreatedBefore : (DateTime?)null,
                    ModifiedAfter = Bound(nameof(ModifiedAfter)) ? ModifiedAfter : (DateTime?)null,
                    ModifiedBefore = Bound(nameof(ModifiedBefore)) ? ModifiedBefore : (DateTime?)null,
                };
                try
                {
                    if (Detailed)
                    {
                        var list = Run.Call((client, stop) => client.ListOrdersAsync(query, stop));
                        WarnIfCut(list.Items.Count, list.TotalCount);
                        foreach (var order in list.Items.Where(o => query.Matches(o.OrderCreateDate, o.LastModifiedDate)))
                        {
                            if (order.OrderId == null || seen.Add(order.OrderId)) WriteObject(order);
                        }
                    }
                    else
                    {
                        var list = Run.Call((client, stop) => client.ListOrderSummariesAsync(query, stop));
                        WarnIfCut(list.Items.Count, list.TotalCount);
                        foreach (var summary in list.Items.Where(o => query.Matches(o.OrderDate, o.LastModifiedDate)))
                        {
                            if (summary.OrderId == null || seen.Add(summary.OrderId)) WriteObject(summary);
                        }
                    }
                }
                catch (BandwidthException e)
                {
                    Report(e, number);
                }
            }
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <summary>The API lists at most 1,000 orders: say so when it says more matched.</summary>
        private void WarnIfCut(int listed, int? total)
        {
            if (total > listed)
            {
                WriteWarning($"Bandwidth lists {listed} of the {total} orders that match; narrow the query (-CreatedAfter, -CreatedBefore, -Status, -CustomerOrderId, -TelephoneNumber) to see the others.");
            }
        }
    }
}
