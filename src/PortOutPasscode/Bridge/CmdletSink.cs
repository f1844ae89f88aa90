using System;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Bridge
{
    /// <summary>
    /// The engine's reports as a user meets them: orders to the output, failures as non-terminating errors through the
    /// one error boundary, progress, verbose and warnings to their streams, the closing summary as host text (shown at the
    /// prompt, captured with -InformationVariable or 6>&amp;1, silenced with -InformationAction Ignore). Called on the
    /// pipeline thread only.
    /// </summary>
    internal sealed class CmdletSink : IRunSink
    {
        internal const string AcceptedOrderTag = "OrderAccepted";
        internal const string SummaryTag = "PortOutPasscode.Summary";

        private readonly PSCmdlet _cmdlet;
        private readonly int _progressId;

        internal CmdletSink(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            _progressId = Math.Abs(cmdlet.GetHashCode() % 10000) + 1;
        }

        /// <summary>Numbers reported as failed or refused (a run's $? and the summary both count them).</summary>
        internal long Failures { get; private set; }

        public void Output(object item) => _cmdlet.WriteObject(item);

        /// <summary>A non-terminating error, or the terminating one when nothing else could succeed (the account refused).</summary>
        public void Failure(Exception failure, object target)
        {
            Failures++;
            var record = ErrorBoundary.Record(failure, target);
            if (ErrorBoundary.IsAccountWide(failure)) _cmdlet.ThrowTerminatingError(record);
            _cmdlet.WriteError(record);
        }

        // Said now, not only when it finishes: a run stopped while waiting can write nothing more, and the orders
        // Bandwidth already has must still be on record (-InformationVariable).
        public void Accepted(TnOptionOrder order) => _cmdlet.WriteInformation(order, new[] { AcceptedOrderTag });

        public void Progress(RunProgress progress) =>
            _cmdlet.WriteProgress(new ProgressRecord(_progressId, progress.Activity, progress.Status)
            {
                PercentComplete = progress.PercentComplete ?? -1,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });

        public void Verbose(string text) => _cmdlet.WriteVerbose(text);

        public void Warning(string text) => _cmdlet.WriteWarning(text);

        /// <summary>
        /// Written as Write-Host writes (the PSHOST tag): shown at the prompt, captured with -InformationVariable, silenced
        /// with -InformationAction Ignore. A public summary type (ProtectionSummary) is kept as the object; the host shows
        /// its text.
        /// </summary>
        public void Summary(object summary) =>
            _cmdlet.WriteInformation(summary is RunSummary ? new HostInformationMessage { Message = summary.ToString() } : summary,
                new[] { "PSHOST", SummaryTag });

        public void Abandoned(string message)
        {
            // The pipeline has stopped (Ctrl+C, a terminating error, -ErrorAction Stop): only the host can still be written.
            try
            {
                _cmdlet.Host?.UI?.WriteWarningLine(message);
            }
            catch (Exception e) when (e is PipelineStoppedException || e is InvalidOperationException || e is NotImplementedException)
            {
            }
        }
    }
}
