using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Batching;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;
using PortOutPasscode.Input;

namespace PortOutPasscode.Runs
{
    /// <summary>What a run does to every number: set a passcode, or remove it.</summary>
    internal enum PasscodeChange
    {
        Set,
        Remove,
    }

    internal sealed class PasscodeOrderSettings
    {
        internal PasscodeChange Change;
        internal BwConnection Connection;
        internal int BatchSize;
        internal int ThrottleLimit;
        internal string CustomerOrderIdBase;
        internal bool Wait;
        internal TimeSpan Timeout;
        /// <summary>Asks -WhatIf / -Confirm whether an order may go out.</summary>
        internal Func<string, bool> ShouldSubmit;
    }

    /// <summary>
    /// One run of Set- or Remove-BwPortOutPasscode: validates each row as it arrives, batches numbers into
    /// orders, keeps up to ThrottleLimit of them in flight, and reports every row exactly once — in an output
    /// order or in one error record. All writes happen on the pipeline thread through the bridge.
    /// </summary>
    internal sealed class PasscodeOrderRun : IDisposable
    {
        private const long SourceStride = 1L << 40;

        /// <summary>The tag of the Information record that announces each order Bandwidth accepted during a -Wait run.</summary>
        internal const string AcceptedOrderTag = "OrderAccepted";
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly PasscodeOrderSettings _settings;
        private readonly CmdletRun _run;
        private readonly BandwidthClient _client;
        private readonly OrderBatcher _batcher;
        private readonly OrderSubmitter _submitter;
        private readonly OrderWatch _watch;
        private readonly List<InputSource> _sources = new List<InputSource>();
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private readonly int _progressId;
        private readonly string _activity;

        private int _submissionsInFlight;
        private long _read;
        private long _queued;
        private long _submitted;
        private long _finished;
        private long _failed;
        private SubmissionResult _accountFailure;

        internal PasscodeOrderRun(PSCmdlet cmdlet, PasscodeOrderSettings settings)
        {
            _settings = settings;
            _run = new CmdletRun(cmdlet);
            _client = _run.Client(settings.Connection);
            _batcher = new OrderBatcher(settings.BatchSize, new CustomerOrderIds(settings.CustomerOrderIdBase));
            _submitter = new OrderSubmitter(_client.CreateOrderAsync);
            _watch = new OrderWatch(_run.Bridge, _client, settings.ThrottleLimit);
            _progressId = Math.Abs(cmdlet.GetHashCode() % 10000) + 1;
            _activity = settings.Change == PasscodeChange.Set ? "Setting port-out passcodes" : "Removing port-out passcodes";
            cmdlet.WriteVerbose($"Orders of this run carry the CustomerOrderId {settings.CustomerOrderIdBase}-1, -2, …; find them later with Get-BwTnOptionOrder -CustomerOrderId.");
        }

        private PipelineBridge Bridge => _run.Bridge;

        /// <summary>Called from StopProcessing (another thread): cancels every request in flight.</summary>
        internal void Stop() => Bridge.Stop();

        /// <summary>Takes one row on the pipeline thread; may block while ThrottleLimit orders are in flight.</summary>
        internal void Add(PSCmdlet cmdlet, InputRow row)
        {
            _read++;
            if (!NumberInput.TryNormalize(cmdlet, row, out var number))
            {
                _failed++;
                return;
            }
            if (!TryGetPasscode(cmdlet, row, number, out var passcode))
            {
                return;
            }

            var verdict = _batcher.Add(number, passcode, KeyOf(row), out var firstKey, out var fullOrder);
            switch (verdict)
            {
                case RowVerdict.Duplicate:
                    cmdlet.WriteVerbose($"{row.Label}: {number} repeats {LabelOf(firstKey)} with the same passcode; it is sent once.");
                    break;
                case RowVerdict.Conflict:
                    RowError(cmdlet, "PasscodeConflict", ErrorCategory.InvalidData, number,
                        $"{row.Label}: {number} was already given in {LabelOf(firstKey)} with a different passcode, so this row was not sent. A number has one passcode: fix the input and run again for this number.");
                    break;
                default:
                    _queued++;
                    break;
            }
            if (fullOrder != null)
            {
                Submit(fullOrder);
            }
            Bridge.Drain();
            if (_accountFailure != null)
            {
                ThrowAccountFailure(cmdlet);
            }
            WriteProgressIfDue(cmdlet);
        }

        /// <summary>Called from EndProcessing: sends the last order and waits for everything in flight.</summary>
        internal void Complete(PSCmdlet cmdlet)
        {
            if (_accountFailure == null)
            {
                var last = _batcher.Flush();
                if (last != null) Submit(last);
            }
            Bridge.PumpUntil(() => _submissionsInFlight == 0 && _watch.Pending == 0);
            if (_accountFailure != null)
            {
                ThrowAccountFailure(cmdlet);
            }
            WriteProgress(cmdlet, completed: true);
        }

        private bool TryGetPasscode(PSCmdlet cmdlet, InputRow row, string number, out string passcode)
        {
            if (_settings.Change == PasscodeChange.Remove)
            {
                passcode = Passcodes.SystemDefault;
                return true;
            }
            passcode = row.Passcode;
            if (!Passcodes.TryValidate(passcode, out var problem))
            {
                var missing = string.IsNullOrEmpty(passcode);
                var hint = missing ? " Pass -Passcode, or give the row a Passcode column." : string.Empty;
                RowError(cmdlet, missing ? "PasscodeMissing" : "InvalidPasscode", ErrorCategory.InvalidArgument, number,
                    $"{row.Label} ({number}): {problem}.{hint} Nothing was sent for this number.");
                return false;
            }
            if (passcode == number)
            {
                RowError(cmdlet, "PasscodeIsTheNumber", ErrorCategory.InvalidArgument, number,
                    $"{row.Label} ({number}): the passcode is the telephone number itself, which anyone porting the number knows; were the columns swapped? Nothing was sent for this number.");
                return false;
            }
            return true;
        }

        private void Submit(TnOptionOrderRequest request)
        {
            var count = CountOf(request);
            var target = $"{count} telephone number{(count == 1 ? "" : "s")} ({FirstNumberOf(request)}{(count > 1 ? " …" : "")}) in order {request.CustomerOrderId}";
            if (!_settings.ShouldSubmit(target))
            {
                return;
            }
            Bridge.PumpUntil(() => _submissionsInFlight < _settings.ThrottleLimit || _accountFailure != null);
            if (_accountFailure != null)
            {
                return;
            }
            _submissionsInFlight++;
            _submitted += count;
            _submitter.Submit(request, Bridge.Stopping)
                .ContinueWith(t => Bridge.Post(c => OnSubmitted(c, t.Result)), TaskContinuationOptions.ExecuteSynchronously);
        }

        private void OnSubmitted(PSCmdlet cmdlet, SubmissionResult result)
        {
            _submissionsInFlight--;
            var request = result.Request;
            switch (result.Outcome)
            {
                case SubmissionOutcome.Accepted:
                    if (_settings.Wait)
                    {
                        // Said now, not only when it finishes: a run stopped while waiting can write nothing more,
                        // and the orders Bandwidth already has must still be on record (-InformationVariable).
                        cmdlet.WriteInformation(result.Order, new[] { AcceptedOrderTag });
                        StartPolling(result.Order);
                    }
                    else
                    {
                        Report(cmdlet, result.Order);
                    }
                    break;
                case SubmissionOutcome.Rejected:
                    var rejection = (BandwidthOrderRejectedException)result.Failure;
                    EachNumber(request, number => RowError(cmdlet, "OrderRejected", ErrorCategory.InvalidData, number,
                        $"{number}: Bandwidth refused order {request.CustomerOrderId} as a whole: {rejection.Message} Nothing was changed for this number."));
                    break;
                case SubmissionOutcome.NotSubmitted:
                    var consequence = WasRefused(result.Failure)
                        ? "Nothing was changed for this number; run again for it."
                        : $"Check with Get-BwTnOptionOrder -CustomerOrderId {request.CustomerOrderId} whether the order exists before running again for this number.";
                    EachNumber(request, number => RowError(cmdlet, "OrderNotSubmitted", BandwidthErrors.CategoryOf(result.Failure), number,
                        $"{number}: order {request.CustomerOrderId} could not be delivered: {result.Failure.Message} {consequence}"));
                    break;
                case SubmissionOutcome.AccountFailure:
                    _accountFailure = _accountFailure ?? result;
                    _submitted -= CountOf(request);
                    break;
            }
            WriteProgressIfDue(cmdlet);
        }

        /// <summary>
        /// True when the API answered the create with a refusal (a 4xx other than 429), so the order surely does not exist.
        /// After a lost answer, a 5xx, throttling or an unreadable answer, it may have been stored.
        /// </summary>
        private static bool WasRefused(Exception failure) =>
            failure is BandwidthException e && e.HttpStatus is int status && status >= 400 && status < 500 && status != 429;

        private void StartPolling(TnOptionOrder order) =>
            _watch.Start(order, order.OrderId, DateTime.UtcNow + _settings.Timeout, (c, poll) => OnPolled(c, order, poll));

        private void OnPolled(PSCmdlet cmdlet, TnOptionOrder submitted, Task<TnOptionOrder> poll)
        {
            if (poll.Status == TaskStatus.RanToCompletion)
            {
                Report(cmdlet, poll.Result);
                return;
            }
            var failure = poll.Exception?.GetBaseException() ?? new OperationCanceledException();
            // The order exists at Bandwidth either way: it is output as last seen, so the output lists every order that went through.
            if (failure is OrderWaitTimeoutException timeout)
            {
                _failed += CountOf(timeout.LastSeen);
                cmdlet.WriteError(new ErrorRecord(timeout, "OrderWaitTimedOut", ErrorCategory.OperationTimeout, timeout.LastSeen));
                cmdlet.WriteObject(timeout.LastSeen);
            }
            else if (!(failure is OperationCanceledException))
            {
                _failed += CountOf(submitted);
                cmdlet.WriteError(new ErrorRecord(
                    new InvalidOperationException($"Order {submitted.OrderId} ({submitted.CustomerOrderId}) was created, but waiting for it failed: {failure.Message} Check it with Get-BwTnOptionOrder -OrderId {submitted.OrderId}.", failure),
                    "OrderWaitFailed", BandwidthErrors.CategoryOf(failure), submitted));
                cmdlet.WriteObject(submitted);
            }
        }

        private void Report(PSCmdlet cmdlet, TnOptionOrder order)
        {
            var failedNumbers = OrderReport.Write(cmdlet, order);
            _failed += failedNumbers;
            _finished += CountOf(order) - failedNumbers;
        }

        private void ThrowAccountFailure(PSCmdlet cmdlet)
        {
            Bridge.PumpUntil(() => _submissionsInFlight == 0 && _watch.Pending == 0);
            var notSubmitted = _queued - _submitted;
            var failure = _accountFailure.Failure;
            var message = $"{failure.Message} The run stopped: {notSubmitted} valid number{(notSubmitted == 1 ? " read so far was" : "s read so far were")} not submitted, and the rest of the input was not read." +
                          (_submitted > 0 ? $" {_submitted} numbers in orders that went through before the failure were output." : string.Empty);
            cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, failure),
                failure is BandwidthFeatureDisabledException ? "PortOutPasscodeFeatureDisabled" : "AccountAccessDenied",
                BandwidthErrors.CategoryOf(failure), _settings.Connection.AccountId));
        }

        private void RowError(PSCmdlet cmdlet, string errorId, ErrorCategory category, string target, string message)
        {
            _failed++;
            cmdlet.WriteError(new ErrorRecord(new ArgumentException(message), errorId, category, target));
        }

        private void WriteProgressIfDue(PSCmdlet cmdlet)
        {
            if (_sinceProgress.Elapsed >= ProgressInterval)
            {
                WriteProgress(cmdlet, completed: false);
            }
        }

        private void WriteProgress(PSCmdlet cmdlet, bool completed)
        {
            _sinceProgress.Restart();
            var record = new ProgressRecord(_progressId, _activity,
                $"{_read} read, {_submitted} submitted, {_finished} finished, {_failed} not done")
            {
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            cmdlet.WriteProgress(record);
        }

        private long KeyOf(InputRow row)
        {
            var index = _sources.IndexOf(row.Source);
            if (index < 0)
            {
                index = _sources.Count;
                _sources.Add(row.Source);
            }
            return index * SourceStride + row.Position;
        }

        private string LabelOf(long key) => _sources[(int)(key / SourceStride)].Reference(key % SourceStride);

        private static int CountOf(TnOptionOrderRequest request) => request.Groups.Sum(g => g.TelephoneNumbers.Length);

        private static int CountOf(TnOptionOrder order) => order.TelephoneNumbers?.Length ?? 0;

        private static string FirstNumberOf(TnOptionOrderRequest request) => request.Groups[0].TelephoneNumbers[0];

        private static void EachNumber(TnOptionOrderRequest request, Action<string> action)
        {
            foreach (var group in request.Groups)
            {
                foreach (var number in group.TelephoneNumbers) action(number);
            }
        }

        public void Dispose()
        {
            Bridge.Stop();
            // A stopped run returns only once its cancelled requests have let go, so none outlives the cmdlet.
            var outstanding = _submitter.Running.Cast<Task>().Concat(_watch.Tasks).ToArray();
            Task.WhenAll(outstanding).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously).Wait(TimeSpan.FromSeconds(5));
            _run.Dispose();
            _watch.Dispose();
        }
    }
}
