using System.Collections.Concurrent;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>
/// A clock whose "now" only moves when a test says so, and whose timers run <see cref="Speedup"/> times faster than asked
/// while recording what was asked: a 30 s Retry-After is asserted as 30 s yet waited out in 30 ms.
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private long _nowTicks = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero).UtcTicks;

    internal int Speedup { get; init; } = 1000;

    internal ConcurrentQueue<TimeSpan> TimersAsked { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    internal void Advance(TimeSpan by) => Interlocked.Add(ref _nowTicks, by.Ticks);

    /// <summary>The waits asked for other than the given per-attempt timeout.</summary>
    internal IReadOnlyList<TimeSpan> Waits(TimeSpan requestTimeout) => TimersAsked.Where(t => t != requestTimeout).ToList();

    public override ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new FasterTimer(this, TimeProvider.System.CreateTimer(callback, state, Faster(dueTime), Faster(period)));
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
        private readonly ITimer _inner;

        internal FasterTimer(TestClock clock, ITimer inner)
        {
            _clock = clock;
            _inner = inner;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _clock.Record(dueTime);
            return _inner.Change(_clock.Faster(dueTime), _clock.Faster(period));
        }

        public void Dispose() => _inner.Dispose();

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
