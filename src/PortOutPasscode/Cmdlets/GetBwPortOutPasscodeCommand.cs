using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Runs;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Get-BwPortOutPasscode: with numbers, whether each has a passcode (looked up 2,500 at a time);
    /// without, every protected number of the account, page by page.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BwPortOutPasscode", DefaultParameterSetName = EveryProtectedNumber)]
    [OutputType(typeof(PortOutPasscodeInfo))]
    public sealed class GetBwPortOutPasscodeCommand : NumberInputCmdlet, System.IDisposable
    {
        private const string EveryProtectedNumber = "List";

        /// <summary>The API's limit for one lookup (error 15607 above it).</summary>
        internal const int LookupChunk = 2500;
        private const int PageSize = 500;

        private readonly List<string> _chunk = new List<string>(LookupChunk);
        private readonly HashSet<string> _asked = new HashSet<string>();
        private CmdletRun _run;
        private BwConnection _connection;

        protected override void BeginProcessing()
        {
            _connection = ResolveConnection();
            _run = new CmdletRun(this);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != EveryProtectedNumber) ReadRows(Add);
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == EveryProtectedNumber)
            {
                ListEveryProtectedNumber();
                return;
            }
            LookUpChunk();
        }

        protected override void StopProcessing() => _run?.Bridge.Stop();

        public void Dispose() => _run?.Dispose();

        private void Add(InputRow row)
        {
            if (!NumberInput.TryNormalize(this, row, out var number)) return;
            if (!_asked.Add(number)) return; // Asked once, answered once.
            _chunk.Add(number);
            if (_chunk.Count == LookupChunk) LookUpChunk();
        }

        private void LookUpChunk()
        {
            if (_chunk.Count == 0) return;
            var numbers = _chunk.ToArray();
            _chunk.Clear();
            var client = _run.Client(_connection);
            foreach (var info in _run.Bridge.Run(client.LookupPasscodesAsync(numbers, _run.Bridge.Stopping)))
            {
                WriteObject(info);
            }
        }

        private void ListEveryProtectedNumber()
        {
            var client = _run.Client(_connection);
            var listed = 0;
            for (var page = 1; ; page++)
            {
                var answer = _run.Bridge.Run(client.GetPasscodePageAsync(page, PageSize, _run.Bridge.Stopping));
                foreach (var info in answer.Items)
                {
                    WriteObject(info);
                }
                listed += answer.Items.Count;
                WriteProgress(new ProgressRecord(1, "Listing protected numbers", $"{listed} numbers, page {page}"));
                if (!answer.HasNextPage) break;
            }
            WriteProgress(new ProgressRecord(1, "Listing protected numbers", $"{listed} numbers") { RecordType = ProgressRecordType.Completed });
        }
    }
}
