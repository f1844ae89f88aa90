using System;
using System.Linq;
using System.Management.Automation;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Get-BwSubscription: the account's notification subscriptions, all or those of some order types, or by id.</summary>
    [Cmdlet(VerbsCommon.Get, "BwSubscription", DefaultParameterSetName = ListSubscriptions)]
    [OutputType(typeof(BwSubscription))]
    public sealed class GetBwSubscriptionCommand : BwApiCmdlet
    {
        private const string ListSubscriptions = "List";
        private const string ById = "SubscriptionId";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; }

        /// <summary>Only subscriptions to these order types (numbers.yml's SubscriptionOrderType values).</summary>
        [Parameter(ParameterSetName = ListSubscriptions)]
        [ValidateSet("portouts", "tnoptions", "portins", "orders", "disconnects", "dldas", "lsrorders", "e911s", "externalTns", "lidb",
            "bulkPortins", "importtnorders", "removeImportedTnOrders", "csrs", "emergencyNotificationGroup", "emergencyEndpointGroup",
            "tollfreePortingValidations", IgnoreCase = true)]
        public string[] OrderType { get; set; }

        protected override void BeginProcessing() => _ = Run;

        protected override void ProcessRecord()
        {
            if (ParameterSetName != ById) return;
            WriteEach(SubscriptionId, (client, id, stop) => client.GetSubscriptionAsync(id, stop));
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != ListSubscriptions) return;
            try
            {
                var subscriptions = Run.Call((client, stop) => client.ListSubscriptionsAsync(stop));
                foreach (var subscription in subscriptions)
                {
                    if (OrderType == null || OrderType.Contains(subscription.OrderType, StringComparer.OrdinalIgnoreCase)) WriteObject(subscription);
                }
            }
            catch (BandwidthException e)
            {
                Report(e, null);
            }
        }
    }
}
