using System.Linq;
using System;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Engine;
using Xunit;

namespace PortOutPasscode.Core.Tests.Engine
{
    public class OrderPollerTests
    {
        private static TnOptionOrder Order(string status) =>
            new TnOptionOrder { OrderId = "o-1", CustomerOrderId = "run-1", ProcessingStatus = status };

        private static readonly PollSchedule Fast = new PollSchedule
        {
            First = TimeSpan.FromMilliseconds(5), Factor = 2, Max = TimeSpan.FromMilliseconds(40),
        };

        [Fact]
        public async Task Polls_until_the_order_is_final()
        {
            var calls = 0;
            var poller = new OrderPoller((id, ct) =>
            {
                calls++;
                return Task.FromResult(Order(calls < 3 ? "PROCESSING" : "PARTIAL"));
            }, Fast);
            var final = await poller.WaitUntilFinalAsync(Order("RECEIVED"), DateTime.UtcNow.AddSeconds(10), CancellationToken.None);
            Assert.Equal("PARTIAL", final.ProcessingStatus);
            Assert.Equal(3, calls);
        }

        [Fact]
        public async Task A_final_order_is_not_polled()
        {
            var poller = new OrderPoller((id, ct) => throw new InvalidOperationException("must not poll"), Fast);
            var final = await poller.WaitUntilFinalAsync(Order("COMPLETE"), DateTime.UtcNow.AddSeconds(10), CancellationToken.None);
            Assert.Equal("COMPLETE", final.ProcessingStatus);
        }

        [Fact]
        public async Task The_deadline_ends_the_wait_with_the_last_state_seen()
        {
            var poller = new OrderPoller((id, ct) => Task.FromResult(Order("PROCESSING")), Fast);
            var error = await Assert.ThrowsAsync<OrderWaitTimeoutException>(() =>
                poller.WaitUntilFinalAsync(Order("RECEIVED"), DateTime.UtcNow.AddMilliseconds(150), CancellationToken.None));
            Assert.Equal("PROCESSING", error.LastSeen.ProcessingStatus);
            Assert.Contains("o-1", error.Message);
        }

        [Fact]
        public void Intervals_grow_to_the_cap()
        {
            var schedule = new PollSchedule { First = TimeSpan.FromSeconds(1), Factor = 2, Max = TimeSpan.FromSeconds(5) };
            Assert.Equal(new[] { 1.0, 2, 4, 5, 5 }, new[] { 0, 1, 2, 3, 4 }.Select(a => schedule.DelayBefore(a).TotalSeconds));
        }

        [Fact]
        public async Task Cancellation_ends_the_wait_at_once()
        {
            using var stop = new CancellationTokenSource();
            var poller = new OrderPoller((id, ct) => Task.FromResult(Order("PROCESSING")),
                new PollSchedule { First = TimeSpan.FromSeconds(30) });
            var wait = poller.WaitUntilFinalAsync(Order("RECEIVED"), DateTime.UtcNow.AddMinutes(5), stop.Token);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }
    }
}
