using System.Diagnostics;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Core.Tests.Engine;

public sealed class OrderFollowerTests
{
    /// <summary>
    /// A follow that ended is let go once its ending is handed on: a run of two hundred orders of 5,000 kept every answer
    /// it had read (a million outcomes) until the run ended.
    /// </summary>
    [Fact]
    public void An_order_that_ended_is_let_go_once_its_ending_is_handed_on()
    {
        using var queue = new WorkQueue();
        using var follower = new OrderFollower(queue,
            (id, _) => Task.FromResult(new TnOptionOrder { OrderId = id, ProcessingStatus = "COMPLETE" }), 2, ActivityScope.None, EngineRuns.FastPolls);
        var ended = new List<TnOptionOrder>();

        for (var i = 1; i <= 5; i++) follower.Follow(null, "order-" + i, TimeSpan.FromMinutes(1), poll => ended.Add(poll.Result));
        var clock = Stopwatch.StartNew();
        queue.PumpUntil(() => ended.Count == 5 || clock.Elapsed > TimeSpan.FromSeconds(30), () => { }, TimeSpan.FromSeconds(1));

        Assert.Equal(5, ended.Count);
        Assert.Equal(0, follower.Pending);
        Assert.Empty(follower.Tasks);
    }
}
