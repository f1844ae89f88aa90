using System;
using System.Threading.Tasks;
using System.Collections.Generic;
using System.Linq;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Input;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// What is protected, and what should be: the account's protected numbers (tnPortoutPasscodes, walked by cursor) held
    /// compactly as number → which passcode, so that a million in-service numbers can be checked against them as they
    /// stream by. Passcodes are kept only as an index into the few distinct ones, and never leave it.
    /// </summary>
    internal sealed class ProtectedNumbers
    {
        private readonly SeenNumbers _numbers = new SeenNumbers();
        private readonly PasscodeTable _passcodes = new PasscodeTable();

        internal long Count => _numbers.Count;

        /// <summary>Walks every page of the account's protected numbers; <paramref name="onPage"/> hears how far it is.</summary>
        internal static ProtectedNumbers Read(BandwidthClient client, WorkQueue queue, ActivityScope log, int pageSize, Action<PageWalk> onPage)
        {
            var result = new ProtectedNumbers();
            var walk = new PageWalk(Messages.ListingPasscodes);
            Task<Page<PortOutPasscodeInfo>> Fetch(string cursor) => log.Start(() => client.GetPasscodePageAsync(cursor, pageSize, queue.Stopping));
            var pending = walk.Current != null ? Fetch(walk.Current) : null;
            while (pending != null)
            {
                var page = queue.Run(pending);
                walk.Advance(page);
                // The next page is asked for before this one is taken in: Bandwidth works on it meanwhile.
                pending = walk.Current != null ? Fetch(walk.Current) : null;
                foreach (var info in page.Items)
                {
                    if (TelephoneNumbers.TryNormalize(info.TelephoneNumber, out var number, out _)) result.Add(number, info.Passcode as string);
                }
                onPage?.Invoke(walk);
            }
            return result;
        }

        internal void Add(string tenDigits, string passcode) =>
            _numbers.TryAdd(TelephoneNumbers.ToKey(tenDigits), _passcodes.IndexOf(passcode ?? ""), 0, out _, out _);

        /// <summary>The number's state: Unprotected, Protected, or against <paramref name="desired"/> Matches / Differs.</summary>
        internal ProtectionState StateOf(string tenDigits, string desired)
        {
            if (!_numbers.TryGet(TelephoneNumbers.ToKey(tenDigits), out var index)) return ProtectionState.Unprotected;
            if (desired == null) return ProtectionState.Protected;
            return _passcodes.TryGetIndex(desired, out var wanted) && wanted == index ? ProtectionState.Matches : ProtectionState.Differs;
        }
    }

    /// <summary>
    /// The account's in-service numbers, read page by page in the background from the moment it is made, while the run's
    /// thread reads the protected numbers: the two lists are independent, so the audit takes about as long as the longer
    /// of them instead of both in turn. Pages wait here as ten-digit strings until <see cref="ForEachPage"/> takes them on
    /// the run's thread (the only one that reports); a failure of the walk is thrown there.
    /// </summary>
    internal sealed class InServiceReadAhead : IDisposable
    {
        private readonly WorkQueue _queue;
        private readonly Queue<Page<string>> _pages = new Queue<Page<string>>();
        private readonly System.Threading.CancellationTokenSource _stop;
        private bool _done;
        private Exception _failure;

        internal InServiceReadAhead(BandwidthClient client, WorkQueue queue, ActivityScope log, InServiceQuery query, int pageSize)
        {
            _queue = queue;
            _stop = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(queue.Stopping);
            var token = _stop.Token;
            System.Threading.Tasks.Task.Run(async () =>
            {
                var walk = new PageWalk(Messages.ListingInService);
                while (walk.Current != null)
                {
                    var cursor = walk.Current;
                    var page = await log.Start(() => client.GetInServicePageAsync(cursor, pageSize, query, token)).ConfigureAwait(false);
                    walk.Advance(page);
                    queue.Post(() => _pages.Enqueue(page));
                }
            }, token).ContinueWith(walked => queue.Post(() =>
            {
                _failure = walked.IsFaulted ? walked.Exception.GetBaseException() : walked.IsCanceled ? new OperationCanceledException(token) : null;
                _done = true;
            }), System.Threading.Tasks.TaskContinuationOptions.ExecuteSynchronously);
        }

        /// <summary>Hands every page on, in order, as it arrives (those read meanwhile at once), until the list ends.</summary>
        internal void ForEachPage(Action<Page<string>> take)
        {
            while (true)
            {
                while (_pages.Count > 0) take(_pages.Dequeue());
                if (_done) break;
                _queue.PumpUntil(() => _pages.Count > 0 || _done);
            }
            if (_failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    internal sealed class ProtectionAuditSettings
    {
        /// <summary>Which in-service numbers, when no numbers are given.</summary>
        internal InServiceQuery Query { get; set; } = new InServiceQuery();

        /// <summary>The passcode every number should have (-Passcode), or null.</summary>
        internal string Passcode { get; set; }

        /// <summary>Only the verdict (-Quiet): no status objects, no summary.</summary>
        internal bool Quiet { get; set; }

        internal int PageSize { get; set; } = 1000;
    }

    /// <summary>
    /// Test-BwPortOutProtection: one status per number in scope (every in-service number, or the numbers given) and a closing
    /// summary an auditor can quote (in service, protected, unprotected, coverage). Desired passcodes are compared here and
    /// never output. Streams: memory is the protected set, not the output.
    /// </summary>
    internal sealed class ProtectionAudit
    {
        private readonly ProtectionAuditSettings _settings;
        private readonly BandwidthClient _client;
        private readonly IRunSink _sink;
        private readonly WorkQueue _queue;
        private readonly ActivityScope _log;
        private readonly ProtectionSummary _summary;
        private readonly HashSet<long> _asked = new HashSet<long>();
        private readonly List<(string Number, string Desired)> _chunk = new List<(string, string)>();
        private long _refused;
        private readonly NumberlessRows _numberless = new NumberlessRows();
        private long _unanswered;

        internal ProtectionAudit(ProtectionAuditSettings settings, BandwidthClient client, IRunSink sink, WorkQueue queue, ActivityScope log)
        {
            _settings = settings;
            _client = client;
            _sink = sink;
            _queue = queue;
            _log = log ?? ActivityScope.None;
            _summary = new ProtectionSummary();
        }

        internal ProtectionSummary Summary => _summary;

        /// <summary>True when every number in scope is protected as desired, all were found, and no row was refused.</summary>
        internal bool Compliant => _summary.Compliant && _refused == 0 && _unanswered == 0;

        /// <summary>A number given (pipeline or -Path): checked in look-ups of 2,500.</summary>
        internal void Add(InputRow row)
        {
            if (!RowRules.TryNumber(row, out var number, out var failure))
            {
                Refuse(failure, row.Source.TargetOf(row.Position, null, row.Original));
                return;
            }
            string desired = null;
            if (_settings.Passcode != null) desired = _settings.Passcode;
            else if (row.Passcode != null && !(row.Passcode is string text && text.Length == 0))
            {
                if (!RowRules.TryPasscode(row, number, out desired, out failure))
                {
                    Refuse(failure, row.Source.TargetOf(row.Position, number, row.Original));
                    return;
                }
            }
            if (!_asked.Add(TelephoneNumbers.ToKey(number))) return; // asked once, answered once
            _chunk.Add((number, desired));
            if (_chunk.Count == ApiLimits.MaxLookupNumbers) LookUp();
        }

        /// <summary>The first such row is reported, the others counted (one closing error names them).</summary>
        internal void AddRowWithoutNumberProperty(InputRow row, IEnumerable<string> properties)
        {
            var failure = _numberless.Add(row, properties);
            if (failure != null) Refuse(failure, row.Original);
            else _refused++;
        }

        /// <summary>With numbers given: the last look-up. Without: every in-service number against the protected ones.</summary>
        internal void Complete(bool numbersGiven, object accountTarget)
        {
            var numberless = _numberless.Closing();
            if (numberless != null) _sink.Failure(numberless, null);
            try
            {
                if (numbersGiven) LookUp();
                else AuditInService();
            }
            catch (BandwidthException e)
            {
                // The audit could not finish: no summary that would read as a whole answer, and -Quiet says not compliant.
                _unanswered++;
                _sink.Failure(e, accountTarget);
                if (_settings.Quiet) _sink.Output(false);
                return;
            }
            _sink.Progress(new RunProgress { Activity = Messages.AuditActivity, Status = Messages.AuditDone(_summary.InService), PercentComplete = 100, Completed = true });
            if (!numbersGiven && _summary.InService == 0) _sink.Warning(Messages.NoInServiceNumbers(!_settings.Query.IsEmpty));
            if (_settings.Quiet)
            {
                _sink.Output(Compliant);
                return;
            }
            _sink.Summary(_summary);
        }

        private void AuditInService()
        {
            var desired = _settings.Passcode;
            if (desired != null) _summary.Matches = _summary.Differs = 0;
            using (var inService = new InServiceReadAhead(_client, _queue, _log, _settings.Query, _settings.PageSize))
            {
                var protectedNumbers = ProtectedNumbers.Read(_client, _queue, _log, _settings.PageSize,
                    walk => _sink.Progress(new RunProgress { Activity = Messages.AuditActivity, Status = Messages.AuditReadingProtected(walk.Items) }));
                long read = 0;
                inService.ForEachPage(page =>
                {
                    foreach (var number in page.Items) Report(number, protectedNumbers.StateOf(number, desired), null);
                    read += page.Items.Count;
                    _sink.Progress(new RunProgress
                    {
                        Activity = Messages.AuditActivity,
                        Status = Messages.AuditProgress(_summary.InService, _summary.Unprotected),
                        PercentComplete = page.TotalCount > 0 ? (int)Math.Min(100, 100 * read / page.TotalCount.Value) : (int?)null,
                    });
                });
            }
        }

        private void LookUp()
        {
            if (_chunk.Count == 0) return;
            var chunk = _chunk.ToArray();
            _chunk.Clear();
            var numbers = chunk.Select(c => c.Number).ToArray();
            IReadOnlyList<PortOutPasscodeInfo> answers;
            try
            {
                answers = _queue.Run(_log.Start(() => _client.LookupPasscodesAsync(numbers, _queue.Stopping)));
            }
            catch (BandwidthException e)
            {
                // These numbers have no answer (each says Unknown); the rest of the audit goes on, and cannot be called compliant.
                _sink.Failure(e, numbers[0]);
                foreach (var number in numbers) Report(number, ProtectionState.Unknown, null);
                return;
            }
            for (var i = 0; i < chunk.Length; i++)
            {
                var info = answers[i];
                var (number, desired) = chunk[i];
                if (desired != null && _summary.Matches == null) _summary.Matches = _summary.Differs = 0;
                ProtectionState state;
                if (info.ErrorCode != null) state = ProtectionState.NotInService;
                else if (!info.HasPasscode) state = ProtectionState.Unprotected;
                else if (desired == null) state = ProtectionState.Protected;
                else state = string.Equals(info.Passcode as string, desired, StringComparison.Ordinal) ? ProtectionState.Matches : ProtectionState.Differs;
                Report(number, state, info.ErrorCode);
            }
        }

        private void Report(string number, ProtectionState state, string errorCode)
        {
            switch (state)
            {
                case ProtectionState.NotInService:
                    _summary.NotInService++;
                    break;
                case ProtectionState.Unknown:
                    _summary.Unknown++;
                    break;
                case ProtectionState.Unprotected:
                    _summary.InService++;
                    _summary.Unprotected++;
                    break;
                default:
                    _summary.InService++;
                    _summary.Protected++;
                    if (state == ProtectionState.Matches) _summary.Matches++;
                    if (state == ProtectionState.Differs) _summary.Differs++;
                    break;
            }
            if (!_settings.Quiet) _sink.Output(new ProtectionStatus { TelephoneNumber = number, Status = state, ErrorCode = errorCode });
        }

        private void Refuse(InputRowException failure, object target)
        {
            _refused++;
            _sink.Failure(failure, target);
        }
    }
}
