namespace PortOutPasscode.Emulator.State;

/// <summary>One API request as the admin API reports it. Status 0: the connection was dropped without an answer.</summary>
public sealed record LoggedRequest(string Method, string Path, string Query, int Status, string? Fault, DateTimeOffset At, double DurationMs);

/// <summary>The last N API requests (admin requests are not logged), oldest first.</summary>
internal sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly Queue<LoggedRequest> _entries = new();
    private readonly int _limit;

    public RequestLog(int limit) => _limit = Math.Max(1, limit);

    public void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > _limit) _entries.Dequeue();
        }
    }

    public LoggedRequest[] Snapshot()
    {
        lock (_gate) return _entries.ToArray();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _entries.TrimExcess();
        }
    }
}
