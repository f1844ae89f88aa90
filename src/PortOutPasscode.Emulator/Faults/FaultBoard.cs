using PortOutPasscode.Emulator.Api;

namespace PortOutPasscode.Emulator.Faults;

/// <summary>What the faults decided for one request: a delay, and at most one other fault.</summary>
internal readonly record struct FaultDecision(int LatencyMs, ActiveFault? Action, string? Names)
{
    public static readonly FaultDecision None = new(0, null, null);
}

/// <summary>The switched-on faults, in the order they were added. Reads are lock-free: the list is replaced, not edited.</summary>
internal sealed class FaultBoard
{
    private readonly object _gate = new();
    private ActiveFault[] _faults = Array.Empty<ActiveFault>();
    private int _nextId;

    public ActiveFault Add(FaultSpec spec)
    {
        lock (_gate)
        {
            var fault = ActiveFault.Create(_nextId + 1, spec);
            _nextId++;
            _faults = _faults.Append(fault).ToArray();
            return fault;
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            var kept = _faults.Where(f => f.Id != id).ToArray();
            var removed = kept.Length != _faults.Length;
            _faults = kept;
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate) _faults = Array.Empty<ActiveFault>();
    }

    public IReadOnlyList<ActiveFault> Snapshot() => Volatile.Read(ref _faults);

    /// <summary>
    /// Every fault that hits adds its latencyMs; the first other fault that hits decides the request, and the
    /// faults after it are not counted for this request.
    /// </summary>
    public FaultDecision Decide(ApiEndpoint endpoint)
    {
        var faults = Volatile.Read(ref _faults);
        if (faults.Length == 0) return FaultDecision.None;
        var latency = 0;
        ActiveFault? action = null;
        List<string>? names = null;
        foreach (var fault in faults)
        {
            if (!fault.Applies(endpoint)) continue;
            if (fault.Kind != FaultKind.Latency && action != null) continue;
            if (!fault.TryHit()) continue;
            latency += fault.LatencyMs; // any fault may be slow too: a 503 after 2 s
            if (fault.Kind != FaultKind.Latency) action = fault;
            (names ??= new()).Add(fault.Kind.Name());
        }
        return names == null ? FaultDecision.None : new FaultDecision(Math.Min(latency, ActiveFault.MaxLatencyMs), action, string.Join(",", names));
    }
}
