using System;
using System.Management.Automation;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Get-BwTnOptionOrderHistory: what happened to an order, step by step.</summary>
    [Cmdlet(VerbsCommon.Get, "BwTnOptionOrderHistory")]
    [OutputType(typeof(OrderHistoryEntry))]
    public sealed class GetBwTnOptionOrderHistoryCommand : BwApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        protected override void BeginProcessing() => _ = Run;

        protected override void ProcessRecord()
        {
            WriteEach(OrderId, (client, id, stop) => client.GetOrderHistoryAsync(id, stop), enumerateCollection: true);
        }
    }
}
