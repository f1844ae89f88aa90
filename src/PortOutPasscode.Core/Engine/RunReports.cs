using System;
using System.Collections.Generic;
using System.Linq;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Everything a run reports, called only on the run's own thread (the pipeline thread, for a cmdlet): the cmdlet
    /// side maps each call to one PowerShell stream and nothing more. The engine decides what is said; the sink only
    /// where it goes.
    /// </summary>
    internal interface IRunSink
    {
        /// <summary>
        /// An object for the output: an order (final, or as last seen, or as accepted with -NoWait) with one outcome per number
        /// it sent, or a number's protection status.
        /// </summary>
        void Output(object item);

        /// <summary>
        /// One thing that was not done, as a non-terminating error: a refused row (<see cref="InputRowException"/>), a
        /// number an order did not do (<see cref="TelephoneNumberException"/>), an order whose wait ended early. The target
        /// is what the user gave for it (the input row) or the order.
        /// </summary>
        void Failure(Exception failure, object target);

        /// <summary>Bandwidth accepted an order: said at once, so a run stopped while waiting still tells what Bandwidth has.</summary>
        void Accepted(TnOptionOrder order);

        void Progress(RunProgress progress);

        void Verbose(string text);

        void Warning(string text);

        /// <summary>The closing summary, once, when the run ends normally: shown as text, kept as the object it is.</summary>
        void Summary(object summary);

        /// <summary>
        /// Called when the run ended early (a stop, a terminating error, -ErrorAction Stop) with orders accepted and still
        /// open: the pipeline may be gone, so this goes where a stopped run can still be seen (the host).
        /// </summary>
        void Abandoned(string message);
    }

    /// <summary>Where a run stands, for Write-Progress.</summary>
    internal sealed class RunProgress
    {
        internal string Activity { get; set; }
        internal string Status { get; set; }

        /// <summary>0–100 where the total is known (a -Path file's size, orders accepted against orders final); else null.</summary>
        internal int? PercentComplete { get; set; }

        internal bool Completed { get; set; }
    }

    /// <summary>Numbers by outcome and by Bandwidth code, for the closing summary.</summary>
    internal sealed class RunSummary
    {
        private readonly Dictionary<TnOutcomeKind, long> _byOutcome = new Dictionary<TnOutcomeKind, long>();
        private readonly SortedDictionary<string, long> _failedByCode = new SortedDictionary<string, long>(StringComparer.Ordinal);

        internal string CommandName { get; set; }
        internal long RowsRead { get; set; }

        /// <summary>Rows refused before anything was sent (bad number, bad passcode, conflict).</summary>
        internal long RowsRefused { get; set; }

        /// <summary>Rows that repeat an earlier row exactly: sent once, with it.</summary>
        internal long RowsRepeated { get; set; }

        /// <summary>Numbers of orders Bandwidth refused as a whole or that could not be delivered.</summary>
        internal long NumbersNotSent { get; set; }

        /// <summary>Numbers -WhatIf or a "no" to -Confirm kept back.</summary>
        internal long NumbersSkipped { get; set; }

        internal void Count(TnOutcome outcome)
        {
            _byOutcome.TryGetValue(outcome.Outcome, out var count);
            _byOutcome[outcome.Outcome] = count + 1;
            if (outcome.Outcome == TnOutcomeKind.Failed)
            {
                var code = outcome.Code ?? "no code";
                _failedByCode.TryGetValue(code, out var byCode);
                _failedByCode[code] = byCode + 1;
            }
        }

        internal void CountNotSent(string code, long numbers)
        {
            NumbersNotSent += numbers;
            var key = code ?? "not delivered";
            _failedByCode.TryGetValue(key, out var byCode);
            _failedByCode[key] = byCode + numbers;
        }

        internal long Of(TnOutcomeKind kind) => _byOutcome.TryGetValue(kind, out var count) ? count : 0;

        /// <summary>Every number that has no clean outcome: failed, refused, not sent, or still pending.</summary>
        internal long Unfinished => Of(TnOutcomeKind.Failed) + Of(TnOutcomeKind.Pending) + RowsRefused + NumbersNotSent;

        public override string ToString()
        {
            var repeats = RowsRepeated > 0 ? $" ({Messages.Count(RowsRepeated, "repeated row")} sent once)" : "";
            return $"{CommandName}: {Messages.Count(RowsRead, "row")} read{repeats}: {Outcomes()}.";
        }

        /// <summary>"3 protected, 1 failed (5076: 1)", or "nothing to do".</summary>
        internal string Outcomes()
        {
            var parts = new List<string>();
            void Add(long count, string what)
            {
                if (count > 0) parts.Add(Messages.Number(count) + " " + what);
            }
            Add(Of(TnOutcomeKind.Protected), "protected");
            Add(Of(TnOutcomeKind.AlreadyProtected), "already protected");
            Add(Of(TnOutcomeKind.Removed), "unprotected");
            Add(Of(TnOutcomeKind.Applied), "applied");
            Add(Of(TnOutcomeKind.Pending), "pending (not final yet)");
            var failed = Of(TnOutcomeKind.Failed) + NumbersNotSent;
            if (failed > 0)
            {
                parts.Add($"{Messages.Number(failed)} failed ({string.Join(", ", _failedByCode.Select(p => $"{p.Key}: {p.Value}"))})");
            }
            Add(RowsRefused, "refused before sending");
            Add(NumbersSkipped, "skipped (-WhatIf)");
            return parts.Count == 0 ? "nothing to do" : string.Join(", ", parts);
        }
    }

    /// <summary>
    /// The run stopped before its input ended: the account cannot take orders (401, 403, 5194), or Bandwidth asked to wait
    /// longer than the connection allows. The message says what was done, what was not, and what to do.
    /// </summary>
    internal sealed class RunHaltedException : Exception
    {
        internal RunHaltedException(string message, Exception cause) : base(message, cause)
        {
        }
    }
}
