using System.Diagnostics;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Core.Tests.Engine;

public sealed class WorkQueueTests
{
    [Fact]
    public void A_wait_ticks_on_time_even_while_actions_keep_arriving()
    {
        using var queue = new WorkQueue();
        var clock = Stopwatch.StartNew();
        var ticks = new List<TimeSpan>();
        var actions = 0;
        // Work arrives every 50 ms, as the log lines of polls do: never a second of quiet.
        using var arrivals = new Timer(_ => queue.Post(() => actions++), null, 0, 50);

        queue.PumpUntil(() => clock.Elapsed >= TimeSpan.FromSeconds(2), () => ticks.Add(clock.Elapsed), TimeSpan.FromMilliseconds(400));

        Assert.True(actions > 10, $"only {actions} actions arrived");
        Assert.InRange(ticks.Count, 4, 5);
        var gaps = ticks.Zip(ticks.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, 350, 700));
    }
}
