using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>A simulated port-out request and what the emulator answered (GET /_emulator/portouts).</summary>
public sealed record PortOutAttempt(string TelephoneNumber, string? AccountId, string Status, int? ErrorCode, DateTimeOffset At, string? OrderId, string? ProcessingStatus);

/// <summary>The port-out orders of every account, in creation order (the cursor order of GET portouts), and the attempts log.</summary>
internal sealed class PortOutStore
{
    private const int AttemptLimit = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, PortOutOrder> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<PortOutOrder>> _byAccount = new(StringComparer.Ordinal);
    private readonly Queue<PortOutAttempt> _attempts = new();

    public void Add(PortOutOrder order)
    {
        lock (_gate)
        {
            _byId.Add(order.OrderId, order);
            if (!_byAccount.TryGetValue(order.AccountId, out var list)) _byAccount[order.AccountId] = list = new List<PortOutOrder>();
            list.Add(order);
        }
    }

    public PortOutOrder? Find(string accountId, string orderId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(orderId, out var order) && order.AccountId == accountId ? order : null;
        }
    }

    public PortOutOrder? Find(string orderId)
    {
        lock (_gate) return _byId.GetValueOrDefault(orderId);
    }

    /// <summary>The account's orders, oldest first.</summary>
    public PortOutOrder[] Of(string accountId)
    {
        lock (_gate) return _byAccount.TryGetValue(accountId, out var list) ? list.ToArray() : Array.Empty<PortOutOrder>();
    }

    public void Record(PortOutAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Enqueue(attempt);
            while (_attempts.Count > AttemptLimit) _attempts.Dequeue();
        }
    }

    public PortOutAttempt[] Attempts()
    {
        lock (_gate) return _attempts.ToArray();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _byAccount.Clear();
            _attempts.Clear();
        }
    }
}
