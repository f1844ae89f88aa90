using System;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Get-BwPortOut: port-out requests against the account's numbers, every page (by cursor), filtered by status, last
    /// modification and number; or single port-outs by id (also from the pipeline), with all their numbers.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BwPortOut", DefaultParameterSetName = ListPortOuts)]
    [OutputType(typeof(BwPortOut))]
    public sealed class GetBwPortOutCommand : BwApiCmdlet
    {
        private const string ListPortOuts = "List";
        private const string ById = "OrderId";
        private const int PageSize = 300;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] OrderId { get; set; }

        /// <summary>Port-outs in any of these states (one query each).</summary>
        [Parameter(ParameterSetName = ListPortOuts)]
        [ValidateSet("NEW", "SUPP", "MODIFY", "COMPLETE", "CANCELLED", "VALIDATION_FAILED_NEW", "VALIDATION_FAILED_SUPP",
            "VALIDATION_FAILED_MODIFY", "EXCEPTION", "SOA_PENDING", "SOA_CONFLICT", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Last modified at or after this time.</summary>
        [Parameter(ParameterSetName = ListPortOuts)]
        public DateTime Since { get; set; }

        /// <summary>Last modified before this time (a bare date: through that day).</summary>
        [Parameter(ParameterSetName = ListPortOuts)]
        public DateTime Until { get; set; }

        /// <summary>Port-outs of any of these numbers.</summary>
        [Parameter(ParameterSetName = ListPortOuts)]
        [ValidateNotNullOrEmpty]
        [Alias("Tn")]
        public string[] TelephoneNumber { get; set; }

        protected override void BeginProcessing()
        {
            if (ParameterSetName == ListPortOuts && Bound(nameof(Since)) && Bound(nameof(Until)) && QueryDays.Utc(Since) >= QueryDays.Utc(Until))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-Since ({Since:u}) must be before -Until ({Until:u}); nothing was asked."),
                    "InvalidDateRange", ErrorCategory.InvalidArgument, null));
            }
            _ = Run;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != ById) return;
            WriteEach(OrderId, (client, id, stop) => client.GetPortOutAsync(id, stop));
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != ListPortOuts) return;
            var numbers = TelephoneNumber == null ? new string[] { null } : NumberParameters.Normalized(this, nameof(TelephoneNumber), TelephoneNumber);
            var statuses = Status == null ? new string[] { null } : Status;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var status in statuses)
            {
                foreach (var number in numbers)
                {
                    var query = new PortOutQuery
                    {
                        Status = status,
                        TelephoneNumber = number,
                        Since = Bound(nameof(Since)) ? Since : (DateTime?)null,
                        Until = Bound(nameof(Until)) ? Until : (DateTime?)null,
                    };
                    List(query, seen);
                }
            }
        }

        /// <summary>Every page of one query; a port-out another query of this call already output is not output again.</summary>
        private void List(PortOutQuery query, HashSet<string> seen)
        {
            var walk = new PageWalk(Messages.ListingPortOuts);
            try
            {
                while (walk.Current != null)
                {
                    var page = Run.Call((client, stop) => client.GetPortOutPageAsync(walk.Current, PageSize, query, stop));
                    foreach (var portOut in page.Items)
                    {
                        if (!query.Matches(portOut)) continue;
                        if (portOut.OrderId == null || seen.Add(portOut.OrderId)) WriteObject(portOut);
                    }
                    walk.Advance(page);
                }
            }
            catch (BandwidthException e)
            {
                Report(e, query.TelephoneNumber);
            }
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
    }
}
