namespace PortOutPasscode.Emulator.State;

/// <summary>A simulated port-out request and what the emulator answered.</summary>
public sealed record PortOutAttempt(string TelephoneNumber, string? AccountId, string Status, int? ErrorCode, DateTimeOffset At);

internal sealed class PortOutLog
{
    private const int Limit = 10_000;
    private readonly object _gate = new();
    private readonly Queue<PortOutAttempt> _attempts = new();

    public void Add(PortOutAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Enqueue(attempt);
            while (_attempts.Count > Limit) _attempts.Dequeue();
        }
    }

    public PortOutAttempt[] Snapshot()
    {
        lock (_gate) return _attempts.ToArray();
    }

    public void Clear()
    {
        lock (_gate) _attempts.Clear();
    }
}
