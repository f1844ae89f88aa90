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
        // Starved, it would not tick at all while work keeps coming; the bounds leave room for a loaded machine (the
        // suite runs test classes side by side on two cores), where 4 to 5 ticks 350-700 ms apart was seen to miss.
        Assert.InRange(ticks.Count, 3, 5);
        var gaps = ticks.Zip(ticks.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, 350, 1000));
    }
}
