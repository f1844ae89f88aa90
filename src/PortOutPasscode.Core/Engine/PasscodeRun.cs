using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Input;

namespace PortOutPasscode.Engine
{
    /// <summary>What a run does to every number: set a passcode, or remove it.</summary>
    internal enum PasscodeChange
    {
        Set,
        Remove,
    }

    internal sealed class PasscodeRunSettings
    {
        internal PasscodeChange Change { get; set; }
        internal string CommandName { get; set; } = "Set-BwPortOutPasscode";
        internal int BatchSize { get; set; } = 1000;
        internal int ThrottleLimit { get; set; } = 4;

        /// <summary>
        /// How many numbers the orders being sent or followed may hold before reading waits for one to end: at a few hundred
        /// bytes a number while followed, tens of megabytes; fifty orders of 5,000, enough to keep Bandwidth busy.
        /// </summary>
        internal int MaxNumbersOut { get; set; } = 250_000;

        /// <summary>The base of the orders' CustomerOrderIds; generated when null.</summary>
        internal string CustomerOrderIdBase { get; set; }

        /// <summary>Wait until each order is final (the default); false for -NoWait.</summary>
        internal bool Wait { get; set; } = true;

        /// <summary>How long to follow each order, from its acceptance.</summary>
        internal TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Asks -WhatIf / -Confirm whether an order may go out.</summary>
        internal Func<string, bool> ShouldSubmit { get; set; } = _ => true;

        /// <summary>How far through its input the run is (0–1), when that is known (a -Path file); else null.</summary>
        internal Func<double?> FractionRead { get; set; } = () => null;

        internal PollSchedule PollSchedule { get; set; }

        /// <summary>False when the run is a step of a bigger one (Sync) that says its own summary.</summary>
        internal bool WriteSummary { get; set; } = true;

        /// <summary>Where every number's final outcome is recorded (-AuditLogPath); null for nowhere.</summary>
        internal AuditTrail Audit { get; set; }

        /// <summary>-NewPasscodePer: the row property whose every value gets a fresh PIN of its own; null to take the rows' passcodes.</summary>
        internal string NewPasscodePer { get; set; }

        internal int PinLength { get; set; } = PinGenerator.DefaultLength;

        internal bool AlphanumericPins { get; set; }

        /// <summary>The -NewPasscodePer PINs' random bytes: null for the system's cryptographic generator (tests script them).</summary>
        internal System.Security.Cryptography.RandomNumberGenerator PinRandom { get; set; }
    }

    /// <summary>
    /// One run of Set- or Remove-BwPortOutPasscode: checks each row as it arrives, batches numbers into orders, keeps up to
    /// ThrottleLimit of them in flight, follows each to its end, and reports every row exactly once through the sink: in
    /// an output order (one outcome per number), or in one error. Everything it reports happens on the thread that calls
    /// it, through the work queue; its counters need no lock.
    /// </summary>
    internal sealed class PasscodeRun : IDisposable
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly PasscodeRunSettings _settings;
        private readonly BandwidthClient _client;
        private readonly IRunSink _sink;
        private readonly WorkQueue _queue;
        private readonly ActivityScope _log;
        private readonly OrderBatcher _batcher;
        private readonly OrderSubmitter _submitter;
        private readonly OrderFollower _follower;
        private readonly RunSummary _summary;
        private readonly PasscodeAssignments _assignments;
        private readonly string _base;
        private readonly bool _baseGiven;
        private readonly RowKeys _rows = new RowKeys();
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private readonly Dictionary<string, SentOrder> _open = new Dictionary<string, SentOrder>(StringComparer.Ordinal);


        /// <summary>Numbers of the orders sent and not yet ended (being sent, or followed).</summary>
        private long _numbersOut;
        /// <summary>Orders being sent, with their submission: a run stopped before an answer was handed on can still read it.</summary>
        private readonly Dictionary<TnOptionOrderRequest, Task<SubmissionResult>> _inFlight = new Dictionary<TnOptionOrderRequest, Task<SubmissionResult>>();
        private readonly string _activity;

        /// <summary>Pipeline objects of the numbers in the order being filled, by number: an error hands the row back as given.</summary>
        private Dictionary<string, object> _pendingTargets = new Dictionary<string, object>(StringComparer.Ordinal);

        private bool _checkedBase;
        private bool _saidNoWait;
        private long _queued;
        private long _sent;
        private long _done;
        private int _ordersAccepted;
        private int _ordersEnded;
        private readonly NumberlessRows _numberless = new NumberlessRows();
        private RunHaltedException _halt;
        private bool _completed;
        private bool _assignmentsWritten;

        internal PasscodeRun(PasscodeRunSettings settings, BandwidthClient client, IRunSink sink, WorkQueue queue, ActivityScope log)
        {
            _settings = settings;
            _client = client;
            _sink = sink;
            _queue = queue;
            _log = log ?? ActivityScope.None;
            _baseGiven = settings.CustomerOrderIdBase != null;
            _base = settings.CustomerOrderIdBase ?? CustomerOrderIds.NewBase(DateTime.UtcNow);
            _batcher = new OrderBatcher(settings.BatchSize, new CustomerOrderIds(_base));
            if (settings.NewPasscodePer != null && settings.Change == PasscodeChange.Set)
            {
                _assignments = new PasscodeAssignments(settings.NewPasscodePer, settings.PinLength, settings.AlphanumericPins, _batcher, settings.PinRandom);
            }
            _submitter = new OrderSubmitter(client.CreateOrderAsync);
            _follower = new OrderFollower(queue, client.GetOrderAsync, settings.ThrottleLimit, _log, settings.PollSchedule);
            _summary = new RunSummary { CommandName = settings.CommandName };
            _activity = settings.Change == PasscodeChange.Set ? "Setting port-out passcodes" : "Removing port-out passcodes";
            sink.Verbose(Messages.RunOrderIds(_base));
        }

        internal string CustomerOrderIdBase => _base;

        /// <summary>Called from another thread (StopProcessing): cancels every request in flight.</summary>
        internal void Stop() => _queue.Stop();

        /// <summary>
        /// Takes one row on the run's thread; may wait (running queued reports) while ThrottleLimit orders are in flight.
        /// Throws <see cref="RunHaltedException"/> when the run cannot go on, OperationCanceledException when stopped.
        /// </summary>
        internal void Add(InputRow row)
        {
            _summary.RowsRead++;
            if (Accept(row, out var number, out var passcode)) Queue(row, number, passcode);
            _queue.Drain();
            ThrowIfHalted();
            ReportProgressIfDue();
        }

        /// <summary>A number whose passcode is to be removed in a run that sets others (Sync-BwPortOutPasscode -RemoveUnlisted).</summary>
        internal void AddRemoval(InputRow row)
        {
            _summary.RowsRead++;
            if (RowRules.TryNumber(row, out var number, out var failure)) Queue(row, number, Passcodes.SystemDefault);
            else Refuse(failure, TargetOf(row, null));
            _queue.Drain();
            ThrowIfHalted();
            ReportProgressIfDue();
        }

        private void Queue(InputRow row, string number, string passcode)
        {
            var verdict = _batcher.Add(number, passcode, _rows.KeyOf(row), out var firstKey, out var fullOrder);
            switch (verdict)
            {
                case RowVerdict.Duplicate:
                    _summary.RowsRepeated++;
                    _sink.Verbose(Messages.DuplicateRow(row.Label, number, _rows.LabelOf(firstKey)));
                    break;
                case RowVerdict.Conflict:
                    var message = _assignments == null
                        ? Messages.PasscodeConflict(row.Label, number, _rows.LabelOf(firstKey))
                        : Messages.NewPasscodePerConflict(row.Label, number, _rows.LabelOf(firstKey), _assignments.Property, _assignments.ValueOfNumber(number), row.PasscodeGroup?.Trim());
                    Refuse(new InputRowException(InputRowProblem.PasscodeConflict, row.Label, number, message), TargetOf(row, number));
                    break;
                default:
                    _queued++;
                    if (row.Original != null) _pendingTargets[number] = row.Original;
                    break;
            }
            if (fullOrder != null) Submit(fullOrder);
        }

        /// <summary>A row without any number property, counted (the first one was reported with what it had).</summary>
        internal void AddRowWithoutNumberProperty(InputRow row, IEnumerable<string> properties)
        {
            _summary.RowsRead++;
            var failure = _numberless.Add(row, properties);
            if (failure != null) Refuse(failure, row.Original);
            else _summary.RowsRefused++;
        }

        /// <summary>Called when the input has ended: sends the last order, waits for every order, then sums up.</summary>
        internal void Complete()
        {
            if (_halt == null)
            {
                var last = _batcher.Flush();
                if (last != null) Submit(last);
            }
            _queue.PumpUntil(() => _inFlight.Count == 0 && _follower.Pending == 0, ReportProgress, TimeSpan.FromSeconds(1));
            var numberless = _numberless.Closing();
            if (numberless != null) _sink.Failure(numberless, null);
            WriteAssignments();
            _completed = true;
            ThrowIfHalted();
            ReportProgress(completed: true);
            if (_settings.WriteSummary) _sink.Summary(_summary);
        }

        internal RunSummary Summary => _summary;

        private bool Accept(InputRow row, out string number, out string passcode)
        {
            passcode = null;
            if (!RowRules.TryNumber(row, out number, out var failure))
            {
                Refuse(failure, TargetOf(row, null));
                return false;
            }
            if (_settings.Change == PasscodeChange.Remove)
            {
                passcode = Passcodes.SystemDefault;
                return true;
            }
            var accepted = _assignments == null
                ? RowRules.TryPasscode(row, number, out passcode, out failure)
                : _assignments.TryPasscode(row, number, out passcode, out failure);
            if (!accepted)
            {
                Refuse(failure, TargetOf(row, number));
                return false;
            }
            return true;
        }

        private void Refuse(InputRowException failure, object target)
        {
            _summary.RowsRefused++;
            _sink.Failure(failure, target);
        }

        private void Submit(TnOptionOrderRequest request)
        {
            var order = new SentOrder(request, _pendingTargets);
            _pendingTargets = new Dictionary<string, object>(StringComparer.Ordinal);
            if (!_settings.ShouldSubmit(Messages.OrderTarget(request)))
            {
                _summary.NumbersSkipped += request.NumberCount;
                return;
            }
            CheckBaseOnce();
            // Reading waits while ThrottleLimit orders are being sent, and while the orders out hold MaxNumbersOut: memory
            // stays flat however large the input, and however slowly Bandwidth finishes orders.
            _queue.PumpUntil(() => (_inFlight.Count < _settings.ThrottleLimit && _numbersOut < _settings.MaxNumbersOut) || _halt != null,
                ReportProgress, TimeSpan.FromSeconds(1));
            if (_halt != null)
            {
                return; // counted as not sent in the halt's message
            }
            _sent += request.NumberCount;
            _numbersOut += request.NumberCount;
            var submission = _log.Start(() => _submitter.Submit(request, _queue.Stopping));
            _inFlight[request] = submission;
            submission.ContinueWith(t => _queue.Post(() => OnSubmitted(order, t.Result)), TaskContinuationOptions.ExecuteSynchronously);
        }

        /// <summary>
        /// A base the user chose may already name orders of an earlier run (a nightly job). Said once, before the first order;
        /// a wrong adoption is impossible either way (the client adopts only an order it provably created).
        /// </summary>
        private void CheckBaseOnce()
        {
            if (_checkedBase || !_baseGiven) return;
            _checkedBase = true;
            var firstId = _base + "-1";
            try
            {
                var existing = _queue.Run(_log.Start(() => _client.ListOrderSummariesAsync(new OrderQuery { CustomerOrderId = firstId }, _queue.Stopping)));
                if (existing.Items.Count > 0) _sink.Warning(Messages.BaseAlreadyUsed(_base, firstId, existing.Items.Count));
            }
            catch (BandwidthException e) when (!(e is BandwidthAuthenticationException))
            {
                _sink.Verbose(Messages.BaseNotChecked(_base, e.Message));
            }
        }

        private void OnSubmitted(SentOrder order, SubmissionResult result)
        {
            _inFlight.Remove(order.Request);
            var request = order.Request;
            var followed = result.Outcome == SubmissionOutcome.Accepted && _settings.Wait;
            if (!followed) _numbersOut -= request.NumberCount;
            switch (result.Outcome)
            {
                case SubmissionOutcome.Accepted:
                    _ordersAccepted++;
                    order.LastSeen = result.Order;
                    if (_settings.Wait)
                    {
                        _sink.Accepted(result.Order);
                        _open[result.Order.OrderId ?? request.CustomerOrderId] = order;
                        _follower.Follow(result.Order, result.Order.OrderId, _settings.Timeout, poll => OnFollowed(order, poll));
                    }
                    else
                    {
                        Report(order, result.Order);
                        if (!_saidNoWait)
                        {
                            _saidNoWait = true;
                            _sink.Warning(Messages.NoWaitOutcomesUnknown(_base));
                        }
                    }
                    break;
                case SubmissionOutcome.Rejected:
                    var rejection = (BandwidthOrderRejectedException)result.Failure;
                    _summary.CountNotSent(rejection.Code, request.NumberCount);
                    Settle(order, NotDone(request, rejection.Code));
                    foreach (var number in request.Numbers)
                    {
                        _sink.Failure(new TelephoneNumberException(Messages.OrderRejectedForNumber(number, request.CustomerOrderId, rejection.Message),
                            number, rejection.Code, rejection.Description, null, request.CustomerOrderId, rejection), TargetOf(order, number));
                    }
                    break;
                case SubmissionOutcome.NotSubmitted:
                    _summary.CountNotSent(null, request.NumberCount);
                    Settle(order, NotDone(request, (result.Failure as BandwidthException)?.ErrorCode));
                    var refused = WasRefused(result.Failure);
                    foreach (var number in request.Numbers)
                    {
                        _sink.Failure(new TelephoneNumberException(Messages.OrderNotDeliveredForNumber(number, request.CustomerOrderId, result.Failure.Message, refused),
                            number, (result.Failure as BandwidthException)?.ErrorCode, null, null, request.CustomerOrderId, result.Failure), TargetOf(order, number));
                    }
                    break;
                case SubmissionOutcome.ThrottledBeyondCap:
                    _sent -= request.NumberCount;
                    Halt(Messages.ThrottledBeyondCapHalt((BandwidthThrottledException)result.Failure), result.Failure);
                    break;
                case SubmissionOutcome.AccountFailure:
                    _sent -= request.NumberCount;
                    Halt(result.Failure.Message, result.Failure);
                    break;
                case SubmissionOutcome.Cancelled:
                    break;
            }
            ReportProgressIfDue();
        }

        private void OnFollowed(SentOrder order, Task<TnOptionOrder> poll)
        {
            _open.Remove(order.LastSeen.OrderId ?? order.Request.CustomerOrderId);
            _numbersOut -= order.Request.NumberCount;
            if (poll.Status == TaskStatus.RanToCompletion)
            {
                Report(order, poll.Result);
                return;
            }
            var failure = poll.Exception?.GetBaseException();
            if (failure == null || failure is OperationCanceledException)
            {
                return; // stopped: Dispose says which orders were left open
            }
            var lastSeen = (failure as OrderWaitTimeoutException)?.LastSeen ?? order.LastSeen;
            if (failure is BandwidthAuthenticationException)
            {
                Halt(failure.Message, failure);
            }
            // The order exists at Bandwidth either way: it is output as last seen, its numbers pending, with one error for the order.
            _sink.Failure(failure is OrderWaitTimeoutException ? failure : new OrderWaitFailedException(lastSeen, failure), lastSeen);
            Report(order, lastSeen);
        }

        /// <summary>The order with one outcome per number sent, each failure as one error whose target is the row given.</summary>
        private void Report(SentOrder order, TnOptionOrder answer)
        {
            _ordersEnded++;
            answer.Outcomes = OrderOutcomes.ForRequest(order.Request, answer, out var foreign);
            if (foreign.Count > 0) _sink.Warning(Messages.ForeignNumbers(answer, foreign));
            if (answer.CustomerOrderId == null) answer.CustomerOrderId = order.Request.CustomerOrderId;
            Settle(order, answer.Outcomes);
            foreach (var outcome in answer.Outcomes)
            {
                _summary.Count(outcome);
                if (outcome.Outcome == TnOutcomeKind.Failed)
                {
                    _sink.Failure(new TelephoneNumberException(Messages.NumberFailed(outcome), outcome.TelephoneNumber, outcome.Code,
                        outcome.Description, outcome.OrderId, outcome.CustomerOrderId), TargetOf(order, outcome.TelephoneNumber));
                }
                else if (outcome.Outcome != TnOutcomeKind.Pending)
                {
                    _done++;
                }
            }
            _sink.Output(answer);
        }

        /// <summary>
        /// Where the outcomes of an order are final (or the last known, for an order no longer followed): each number is
        /// counted for its -NewPasscodePer value and recorded, the order in one write, in the audit file.
        /// </summary>
        private void Settle(SentOrder order, IReadOnlyCollection<TnOutcome> outcomes)
        {
            if (_assignments != null)
            {
                foreach (var outcome in outcomes) _assignments.Count(outcome.TelephoneNumber, outcome.Outcome, outcome.OrderId);
            }
            Record(order.Request, outcomes);
        }

        private void Record(TnOptionOrderRequest request, IReadOnlyCollection<TnOutcome> outcomes)
        {
            var audit = _settings.Audit;
            if (audit == null) return;
            var removals = new HashSet<string>(request.Groups
                .Where(g => string.Equals(g.PortOutPasscode, Passcodes.SystemDefault, StringComparison.OrdinalIgnoreCase))
                .SelectMany(g => g.TelephoneNumbers), StringComparer.Ordinal);
            var records = new List<AuditRecord>(outcomes.Count);
            foreach (var outcome in outcomes)
            {
                var record = audit.NewRecord(removals.Contains(outcome.TelephoneNumber) ? nameof(PasscodeChange.Remove) : nameof(PasscodeChange.Set));
                record.TelephoneNumber = outcome.TelephoneNumber;
                record.Outcome = outcome.Outcome.ToString();
                record.Code = outcome.Code;
                record.OrderId = outcome.OrderId;
                record.CustomerOrderId = outcome.CustomerOrderId ?? request.CustomerOrderId;
                if (_assignments != null)
                {
                    record.NewPasscodePer = _assignments.Property;
                    record.Value = _assignments.ValueOfNumber(outcome.TelephoneNumber);
                }
                records.Add(record);
            }
            try
            {
                audit.Write(records);
            }
            catch (AuditLogException e)
            {
                // An audit that silently stopped would be worse than none: no further order goes out.
                Halt(Messages.AuditLogWriteFailed(e.Message, request.CustomerOrderId), e);
            }
        }

        /// <summary>Every number of an order Bandwidth refused whole, or that could not be delivered: Failed, no order id.</summary>
        private static TnOutcome[] NotDone(TnOptionOrderRequest request, string code) =>
            request.Numbers.Select(n => new TnOutcome { TelephoneNumber = n, Outcome = TnOutcomeKind.Failed, Code = code, CustomerOrderId = request.CustomerOrderId }).ToArray();

        /// <summary>The -NewPasscodePer mapping, once, after the orders: also when the run halts, since its PINs are set by then.</summary>
        private void WriteAssignments()
        {
            if (_assignments == null || _assignmentsWritten) return;
            _assignmentsWritten = true;
            foreach (var assignment in _assignments.Results()) _sink.Output(assignment);
        }

        private void Halt(string cause, Exception failure)
        {
            if (_halt != null) return;
            _halt = new RunHaltedException(cause, failure);
        }

        /// <summary>Once halted, the run waits for what is in flight, then ends with one error that accounts for everything.</summary>
        private void ThrowIfHalted()
        {
            if (_halt == null) return;
            _queue.PumpUntil(() => _inFlight.Count == 0 && _follower.Pending == 0, ReportProgress, TimeSpan.FromSeconds(1));
            WriteAssignments();
            var notSent = _queued - _sent;
            throw new RunHaltedException(Messages.RunHalted(_halt.Message, notSent, _sent, _completed, OpenOrderIds()), _halt.InnerException);
        }

        /// <summary>
        /// True when the API answered the create with a refusal (a 4xx other than 429), so the order surely does not exist.
        /// After a lost answer, a 5xx, throttling or an unreadable answer, it may have been stored.
        /// </summary>
        private static bool WasRefused(Exception failure) =>
            failure is BandwidthException e && e.HttpStatus is int status && status >= 400 && status < 500 && status != 429;

        /// <summary>A submission that did not end in a known state: still running, stopped, or its answer lost.</summary>
        private static bool MayExist(Task<SubmissionResult> submission) =>
            submission.Status != TaskStatus.RanToCompletion
            || submission.Result.Outcome == SubmissionOutcome.Cancelled
            || submission.Result.Outcome == SubmissionOutcome.NotSubmitted && !WasRefused(submission.Result.Failure);

        private object TargetOf(SentOrder order, string number)
        {
            if (order.Targets.TryGetValue(number, out var original)) return original;
            var key = _batcher.RowOf(number);
            return key < 0 ? number : _rows.TargetOf(key, number);
        }

        private object TargetOf(InputRow row, string number) => row.Source.TargetOf(row.Position, number, row.Original);

        private IReadOnlyList<string> OpenOrderIds() =>
            _open.Values.Select(o => o.LastSeen?.OrderId).Where(id => id != null).ToList();

        private void ReportProgressIfDue()
        {
            if (_sinceProgress.Elapsed >= ProgressInterval) ReportProgress();
        }

        private void ReportProgress() => ReportProgress(completed: false);

        private void ReportProgress(bool completed)
        {
            _sinceProgress.Restart();
            int? percent = null;
            var fraction = _settings.FractionRead();
            if (completed)
            {
                percent = 100;
            }
            else if (fraction.HasValue)
            {
                percent = (int)Math.Round(Math.Min(1, Math.Max(0, fraction.Value)) * 100);
            }
            else if (_ordersAccepted > 0 && _batcher.PendingCount == 0 && _inFlight.Count == 0)
            {
                percent = (int)Math.Round(100.0 * _ordersEnded / _ordersAccepted);
            }
            _sink.Progress(new RunProgress
            {
                Activity = _activity,
                Status = Messages.RunProgress(_summary.RowsRead, _sent, _done, _summary.Unfinished, _open.Count),
                PercentComplete = percent,
                Completed = completed,
            });
        }


        public void Dispose()
        {
            _queue.Stop();
            // A stopped run returns only once its cancelled requests have let go, so none outlives the cmdlet.
            var outstanding = _submitter.Running.Cast<Task>().Concat(_follower.Tasks).ToArray();
            Task.WhenAll(outstanding).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously).Wait(TimeSpan.FromSeconds(5));
            if (!_completed && _halt == null)
            {
                // An order Bandwidth accepted whose answer the stopped run never handed on is open like any other.
                var accepted = _inFlight.Values.Where(t => t.Status == TaskStatus.RanToCompletion && t.Result.Outcome == SubmissionOutcome.Accepted)
                    .Select(t => t.Result.Order.OrderId).Where(id => id != null);
                var open = OpenOrderIds().Concat(accepted).ToList();
                var unknown = _inFlight.Where(p => MayExist(p.Value)).Select(p => p.Key.CustomerOrderId).ToList();
                if (open.Count > 0 || unknown.Count > 0) _sink.Abandoned(Messages.RunAbandoned(open, unknown, _base));
                RecordAbandoned();
            }
            _follower.Dispose();
            _assignments?.Dispose();
        }

        /// <summary>
        /// A stopped run's orders still open (accepted, not followed to their end) and still in flight (answer unknown):
        /// their numbers are recorded Pending, so the audit file shows every change that may have been made.
        /// </summary>
        private void RecordAbandoned()
        {
            if (_settings.Audit == null) return;
            var orders = _open.Values.Select(o => (o.Request, OrderId: o.LastSeen?.OrderId))
                .Concat(_inFlight.Keys.Select(r => (Request: r, OrderId: (string)null)));
            foreach (var (request, orderId) in orders.ToList())
            {
                Record(request, request.Numbers.Select(n => new TnOutcome
                {
                    TelephoneNumber = n, Outcome = TnOutcomeKind.Pending, OrderId = orderId, CustomerOrderId = request.CustomerOrderId,
                }).ToArray());
            }
        }

        /// <summary>One order this run sent, with the pipeline objects its numbers came from and its last known state.</summary>
        private sealed class SentOrder
        {
            internal SentOrder(TnOptionOrderRequest request, Dictionary<string, object> targets)
            {
                Request = request;
                Targets = targets;
            }

            internal TnOptionOrderRequest Request { get; }
            internal Dictionary<string, object> Targets { get; }
            internal TnOptionOrder LastSeen { get; set; }
        }
    }
}
