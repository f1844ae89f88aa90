using System;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// How far the server's clock is from ours, from the Date header of its answers. Dates the server writes (an order's
    /// creation) are compared with our own moments in the server's time, so a server clock minutes off never makes a lost
    /// order look like someone else's, nor an earlier run's order look like ours.
    /// </summary>
    internal sealed class ServerClock
    {
        private readonly TimeProvider _clock;
        private long _offsetTicks;
        private int _known;

        internal ServerClock(TimeProvider clock) => _clock = clock;

        internal bool IsKnown => System.Threading.Volatile.Read(ref _known) != 0;

        /// <summary>Takes the Date of an answer just received.</summary>
        internal void Observe(DateTimeOffset? serverDate)
        {
            if (serverDate == null) return;
            System.Threading.Interlocked.Exchange(ref _offsetTicks, (serverDate.Value - _clock.GetUtcNow()).Ticks);
            System.Threading.Volatile.Write(ref _known, 1);
        }

        /// <summary>A moment of ours as the server's clock shows it (unchanged until an answer has told the offset).</summary>
        internal DateTimeOffset ToServerTime(DateTimeOffset ours) =>
            IsKnown ? ours + TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _offsetTicks)) : ours;
    }
}
