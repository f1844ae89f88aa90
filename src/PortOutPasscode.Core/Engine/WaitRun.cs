using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PortOutPasscode.Client;
using PortOutPasscode.Diagnostics;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Wait-BwTnOptionOrder's run: follows each order given until it is final, each for at most the timeout from the
    /// moment it was given (an order piped in late gets its full time), and reports it as Set does: the order with one
    /// outcome per number, and one error per number that failed. An order still open at its timeout is output as last
    /// seen, with one error naming it.
    /// </summary>
    internal sealed class WaitRun : IDisposable
    {
        private readonly IRunSink _sink;
        private readonly WorkQueue _queue;
        private readonly OrderFollower _follower;
        private readonly TimeSpan _timeout;
        private readonly HashSet<string> _following = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<TnOptionOrder> _timedOut = new List<TnOptionOrder>();
        private readonly RunSummary _summary = new RunSummary { CommandName = "Wait-BwTnOptionOrder" };

        internal WaitRun(BandwidthClient client, IRunSink sink, WorkQueue queue, ActivityScope log, int throttleLimit, TimeSpan timeout, PollSchedule schedule = null)
        {
            _sink = sink;
            _queue = queue;
            _timeout = timeout;
            _follower = new OrderFollower(queue, client.GetOrderAsync, throttleLimit, log, schedule);
        }

        /// <summary>Starts following an order (each id once); returns at once.</summary>
        internal void Add(string orderId)
        {
            var id = orderId?.Trim();
            if (string.IsNullOrEmpty(id) || !_following.Add(id)) return;
            _summary.RowsRead++;
            _follower.Follow(null, id, _timeout, poll => OnEnd(id, poll));
            _queue.Drain();
        }

        /// <summary>Waits for every order given, then says which are still open.</summary>
        internal void Complete()
        {
            _queue.PumpUntil(() => _follower.Pending == 0);
            if (_timedOut.Count > 0)
            {
                _sink.Failure(new TimeoutException(Messages.OrdersStillOpen(_timedOut, _timeout)), _timedOut.ToArray());
            }
            if (_summary.RowsRead > 0) _sink.Summary(_summary);
        }

        internal void Stop() => _queue.Stop();

        private void OnEnd(string id, Task<TnOptionOrder> poll)
        {
            if (poll.Status == TaskStatus.RanToCompletion)
            {
                Report(poll.Result);
                return;
            }
            var failure = poll.Exception?.GetBaseException();
            switch (failure)
            {
                case null:
                case OperationCanceledException _:
                    return; // stopped
                case OrderWaitTimeoutException timeout:
                    _timedOut.Add(timeout.LastSeen);
                    Report(timeout.LastSeen);
                    return;
                default:
                    _sink.Failure(failure, id);
                    return;
            }
        }

        private void Report(TnOptionOrder order)
        {
            foreach (var outcome in order.Outcomes)
            {
                _summary.Count(outcome);
                if (outcome.Outcome == TnOutcomeKind.Failed)
                {
                    _sink.Failure(new TelephoneNumberException(Messages.NumberFailed(outcome), outcome.TelephoneNumber, outcome.Code,
                        outcome.Description, outcome.OrderId, outcome.CustomerOrderId), outcome.TelephoneNumber);
                }
            }
            _sink.Output(order);
        }

        public void Dispose()
        {
            _queue.Stop();
            Task.WhenAll(_follower.Tasks.ToArray()).ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously).Wait(TimeSpan.FromSeconds(5));
            _follower.Dispose();
        }
    }
}
