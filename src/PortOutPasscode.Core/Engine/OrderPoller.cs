using System;
using System.Threading;
using System.Threading.Tasks;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Waits for orders to reach COMPLETE, PARTIAL or FAILED, asking less often the longer an order takes,
    /// as Bandwidth asks of pollers: a handful of requests per order, never a tight loop.
    /// </summary>
    internal sealed class OrderPoller
    {
        private readonly Func<string, CancellationToken, Task<TnOptionOrder>> _getOrder;

        public OrderPoller(Func<string, CancellationToken, Task<TnOptionOrder>> getOrder, PollSchedule schedule = null)
        {
            _getOrder = getOrder;
            Schedule = schedule ?? new PollSchedule();
        }

        public PollSchedule Schedule { get; }

        /// <summary>
        /// The order's final state. Throws <see cref="OrderWaitTimeoutException"/> (carrying the last state seen)
        /// when the deadline passes first, and OperationCanceledException when cancelled.
        /// </summary>
        public async Task<TnOptionOrder> WaitUntilFinalAsync(TnOptionOrder order, DateTime deadlineUtc, CancellationToken cancellationToken)
        {
            var attempt = 0;
            while (!order.IsFinal)
            {
                var left = deadlineUtc - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) throw new OrderWaitTimeoutException(order);
                var delay = Schedule.DelayBefore(attempt++);
                // The last look happens at the deadline itself, so an order that just finished is not missed.
                await Task.Delay(delay < left ? delay : left, cancellationToken).ConfigureAwait(false);
                order = await _getOrder(order.OrderId, cancellationToken).ConfigureAwait(false);
            }
            return order;
        }
    }

    /// <summary>Growing intervals between polls of one order: first, then times Factor each time, up to Max.</summary>
    internal sealed class PollSchedule
    {
        public TimeSpan First { get; set; } = TimeSpan.FromMilliseconds(500);
        public double Factor { get; set; } = 1.8;
        public TimeSpan Max { get; set; } = TimeSpan.FromSeconds(30);

        public TimeSpan DelayBefore(int attempt)
        {
            var ms = First.TotalMilliseconds * Math.Pow(Factor, attempt);
            return ms >= Max.TotalMilliseconds ? Max : TimeSpan.FromMilliseconds(ms);
        }
    }
}
