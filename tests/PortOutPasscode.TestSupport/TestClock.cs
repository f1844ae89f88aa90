#nullable disable
using System.Collections.Concurrent;

namespace PortOutPasscode.TestSupport;

/// <summary>
/// A clock whose timers run <see cref="Speedup"/> times faster than asked while recording what was asked: a 30 s
/// Retry-After is asserted as 30 s yet waited out in 30 ms. "Now" moves when a test says so, and when a timer fires: a
/// timer armed for 30 s that has fired means 30 s have passed since it was armed (never backwards), so code that waits for
/// a moment (a rate-limit reset) sees it come.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _nowTicks = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero).UtcTicks;

    public int Speedup { get; init; } = 1000;

    public ConcurrentQueue<TimeSpan> TimersAsked { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _nowTicks, by.Ticks);

    /// <summary>Moves now forward to at least this moment.</summary>
    private void AdvanceTo(long ticks)
    {
        long current;
        while ((current = Interlocked.Read(ref _nowTicks)) < ticks && Interlocked.CompareExchange(ref _nowTicks, ticks, current) != current)
        {
        }
    }

    /// <summary>The waits asked for other than the given per-attempt timeout.</summary>
    public IReadOnlyList<TimeSpan> Waits(TimeSpan requestTimeout) => TimersAsked.Where(t => t != requestTimeout).ToList();

    public override ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        var timer = new FasterTimer(this, dueTime);
        timer.Inner = TimeProvider.System.CreateTimer(s =>
        {
            timer.Fired();
            callback(s);
        }, state, Faster(dueTime), Faster(period));
        return timer;
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan) TimersAsked.Enqueue(dueTime);
    }

    private TimeSpan Faster(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, span.Ticks / Speedup));

    /// <summary>
    /// Speeds up and records a timer's later changes too: a CancellationTokenSource made with this clock creates its timer
    /// unarmed and arms it through Change (CancelAfter), which is how Polly's timeout strategy sets the per-attempt limit.
    /// </summary>
    private sealed class FasterTimer : ITimer
    {
        private readonly TestClock _clock;
        private long _dueAtTicks;

        public FasterTimer(TestClock clock, TimeSpan dueTime)
        {
            _clock = clock;
            Arm(dueTime);
        }

        public ITimer Inner { get; set; }

        public void Fired()
        {
            var due = Interlocked.Read(ref _dueAtTicks);
            if (due > 0) _clock.AdvanceTo(due);
        }

        private void Arm(TimeSpan dueTime) =>
            Interlocked.Exchange(ref _dueAtTicks, dueTime == Timeout.InfiniteTimeSpan || dueTime < TimeSpan.Zero ? 0 : _clock.GetUtcNow().UtcTicks + dueTime.Ticks);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _clock.Record(dueTime);
            Arm(dueTime);
            return Inner.Change(_clock.Faster(dueTime), _clock.Faster(period));
        }

        public void Dispose() => Inner.Dispose();

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }
}
