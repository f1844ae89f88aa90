using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Batching;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;

namespace PortOutPasscode.Runs
{
    /// <summary>
    /// Follows orders until they are final, with at most ThrottleLimit requests at once, and hands each
    /// outcome to the pipeline thread. Used by Set/Remove -Wait and by Wait-BwTnOptionOrder.
    /// </summary>
    internal sealed class OrderWatch : IDisposable
    {
        private readonly PipelineBridge _bridge;
        private readonly BandwidthClient _client;
        private readonly OrderPoller _poller;
        private readonly SemaphoreSlim _slots;
        private readonly List<Task> _tasks = new List<Task>();

        internal OrderWatch(PipelineBridge bridge, BandwidthClient client, int throttleLimit)
        {
            _bridge = bridge;
            _client = client;
            _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
            _poller = new OrderPoller(GetOrderAsync);
        }

        /// <summary>Orders being followed (changes only on the pipeline thread).</summary>
        internal int Pending { get; private set; }

        internal IEnumerable<Task> Tasks => _tasks;

        /// <summary>
        /// Follows an order (known state, or only its id) until final or the deadline; the outcome reaches
        /// <paramref name="onEnd"/> on the pipeline thread as the final order or the exception.
        /// </summary>
        internal void Start(TnOptionOrder known, string orderId, DateTime deadlineUtc, Action<PSCmdlet, Task<TnOptionOrder>> onEnd)
        {
            Pending++;
            var task = FollowAsync(known, orderId, deadlineUtc, _bridge.Stopping);
            _tasks.Add(task);
            task.ContinueWith(t => _bridge.Post(c =>
            {
                Pending--;
                onEnd(c, t);
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
                return await _client.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        public void Dispose() => _slots.Dispose();
    }
}
