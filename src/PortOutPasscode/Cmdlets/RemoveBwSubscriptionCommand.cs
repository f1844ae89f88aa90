using System;
using System.Management.Automation;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Remove-BwSubscription: ends notification subscriptions by id (also from Get-BwSubscription). Asks first.</summary>
    [Cmdlet(VerbsCommon.Remove, "BwSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveBwSubscriptionCommand : BwApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; }

        /// <summary>Removes without asking for confirmation (still honours -WhatIf and an explicit -Confirm).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing() => _ = Run;

        protected override void ProcessRecord()
        {
            foreach (var id in SubscriptionId)
            {
                if (!Confirmed(id)) continue;
                try
                {
                    Run.Call((client, stop) => client.DeleteSubscriptionAsync(id, stop));
                    WriteVerbose($"Subscription {id} removed.");
                }
                catch (Exception e) when (e is BandwidthException || e is ArgumentException)
                {
                    Report(e, id);
                }
            }
        }

        private bool Confirmed(string id)
        {
            var bound = MyInvocation.BoundParameters;
            if (Force && !bound.ContainsKey("Confirm") && !bound.ContainsKey("WhatIf")) return true;
            return ShouldProcess($"subscription {id}", "Remove subscription");
        }
    }
}
