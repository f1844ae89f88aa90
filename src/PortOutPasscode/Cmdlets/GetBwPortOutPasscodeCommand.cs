using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using PortOutPasscode.Contract;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Get-BwPortOutPasscode: with numbers, whether each has a passcode (looked up 2,500 at a time); without, every protected
    /// number of the account, page by page (by cursor). The passcode comes as a SecureString unless -AsPlainText.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BwPortOutPasscode", DefaultParameterSetName = EveryProtectedNumber)]
    [OutputType(typeof(PortOutPasscodeInfo))]
    public sealed class GetBwPortOutPasscodeCommand : NumberInputCmdlet
    {
        private const string EveryProtectedNumber = "List";
        private const int PageSize = 500;

        private readonly List<string> _chunk = new List<string>(ApiLimits.MaxLookupNumbers);
        private readonly HashSet<string> _asked = new HashSet<string>();
        private readonly NumberlessRows _numberless = new NumberlessRows();

        /// <summary>The passcode as text instead of a SecureString: for a script that must compare or hand it on.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void BeginProcessing() => _ = Run;

        protected override void ProcessRecord()
        {
            if (ParameterSetName != EveryProtectedNumber) ReadRows();
        }

        protected override void EndInput()
        {
            if (ParameterSetName == EveryProtectedNumber)
            {
                ListEveryProtectedNumber();
                return;
            }
            LookUpChunk();
            var numberless = _numberless.Closing();
            if (numberless != null) WriteError(Bridge.ErrorBoundary.Record(numberless, null));
        }

        internal override void OnRow(InputRow row)
        {
            if (!RowRules.TryNumber(row, out var number, out var failure))
            {
                WriteError(Bridge.ErrorBoundary.Record(failure, row.Source.TargetOf(row.Position, null, row.Original)));
                return;
            }
            if (!_asked.Add(number)) return; // Asked once, answered once.
            _chunk.Add(number);
            if (_chunk.Count == ApiLimits.MaxLookupNumbers) LookUpChunk();
        }

        internal override void OnRowWithoutNumber(InputRow row, IEnumerable<string> properties)
        {
            var failure = _numberless.Add(row, properties);
            if (failure != null) WriteError(Bridge.ErrorBoundary.Record(failure, row.Original));
        }

        private void LookUpChunk()
        {
            if (_chunk.Count == 0) return;
            var numbers = _chunk.ToArray();
            _chunk.Clear();
            IReadOnlyList<PortOutPasscodeInfo> answers;
            try
            {
                answers = Run.Call((client, stop) => client.LookupPasscodesAsync(numbers, stop));
            }
            catch (BandwidthException e)
            {
                Report(e, numbers);
                return;
            }
            foreach (var info in answers) WriteObject(Shown(info));
        }

        private void ListEveryProtectedNumber()
        {
            var walk = new PageWalk(Messages.ListingPasscodes);
            try
            {
                while (walk.Current != null)
                {
                    var page = Run.Call((client, stop) => client.GetPasscodePageAsync(walk.Current, PageSize, stop));
                    foreach (var info in page.Items) WriteObject(Shown(info));
                    walk.Advance(page);
                    WriteProgress(new ProgressRecord(1, "Listing protected numbers", $"{walk.Items} numbers, {walk.Pages} pages")
                    {
                        PercentComplete = page.TotalCount > 0 ? (int)System.Math.Min(100, 100 * walk.Items / page.TotalCount.Value) : -1,
                    });
                }
            }
            catch (BandwidthException e)
            {
                Report(e, null);
            }
            WriteProgress(new ProgressRecord(1, "Listing protected numbers", $"{walk.Items} numbers") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>The passcode as the user asked for it: a SecureString, or text with -AsPlainText.</summary>
        private PortOutPasscodeInfo Shown(PortOutPasscodeInfo info)
        {
            if (info.Passcode is string text && !AsPlainText) info.Passcode = SecureText.From(text);
            return info;
        }
    }
}
