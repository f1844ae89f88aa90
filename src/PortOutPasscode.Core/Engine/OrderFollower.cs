using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Diagnostics;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Follows orders until they are final, with at most ThrottleLimit polls in flight at once, and hands each ending to
    /// the run's thread through the work queue. Used by Set and Remove (which wait by default) and Wait-BwTnOptionOrder.
    /// </summary>
    internal sealed class OrderFollower : IDisposable
    {
        private readonly WorkQueue _queue;
        private readonly Func<string, CancellationToken, Task<TnOptionOrder>> _getOrder;
        private readonly ActivityScope _log;
        private readonly OrderPoller _poller;
        private readonly SemaphoreSlim _slots;
        /// <summary>Follows not yet handed on: an ended one is let go, or a run of 200 orders would keep every answer it read.</summary>
        private readonly HashSet<Task> _tasks = new HashSet<Task>();

        internal OrderFollower(WorkQueue queue, Func<string, CancellationToken, Task<TnOptionOrder>> getOrder, int throttleLimit,
            ActivityScope log, PollSchedule schedule = null)
        {
            _queue = queue;
            _getOrder = getOrder;
            _log = log;
            _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
            _poller = new OrderPoller(GetOrderAsync, schedule);
        }

        /// <summary>Orders being followed (changes only on the run's thread).</summary>
        internal int Pending { get; private set; }

        internal IEnumerable<Task> Tasks => _tasks;

        /// <summary>
        /// Follows an order (its last known state, or only its id) until it is final or <paramref name="timeout"/> has passed
        /// from now; the ending reaches <paramref name="onEnd"/> on the run's thread as the final order or the exception.
        /// </summary>
        internal void Follow(TnOptionOrder known, string orderId, TimeSpan timeout, Action<Task<TnOptionOrder>> onEnd)
        {
            Pending++;
            var deadline = DateTime.UtcNow + timeout;
            var task = _log.Start(() => FollowAsync(known, orderId, deadline, _queue.Stopping));
            _tasks.Add(task);
            task.ContinueWith(t => _queue.Post(() =>
            {
                _tasks.Remove(t);
                Pending--;
                onEnd(t);
            }), TaskContinuationOptions.ExecuteSynchronously);
        }

        private async Task<TnOptionOrder> FollowAsync(TnOptionOrder known, string orderId, DateTime deadlineUtc, CancellationToken cancellationToken)
        {
            var order = known ?? await GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            return await _poller.WaitUntilFinalAsync(order, deadlineUtc, cancellationToken).ConfigureAwait(false);
        }

        private async Task<TnOptionOrder> GetOrderAsync(string orderId, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _getOrder(orderId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        public void Dispose() => _slots.Dispose();
    }
}
