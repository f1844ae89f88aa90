using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>Every order accepted since the last reset, by id and in creation order.</summary>
internal sealed class OrderStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredOrder> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StoredOrder> _inOrder = new();

    public void Add(StoredOrder order)
    {
        lock (_gate)
        {
            _byId.Add(order.OrderId, order);
            _inOrder.Add(order);
        }
    }

    public StoredOrder? Find(string accountId, string orderId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(orderId, out var order) && order.AccountId == accountId ? order : null;
        }
    }

    /// <summary>The orders in creation order, copied so callers can filter without holding the lock.</summary>
    public StoredOrder[] Snapshot()
    {
        lock (_gate) return _inOrder.ToArray();
    }

    public int Count
    {
        get
        {
            lock (_gate) return _inOrder.Count;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _inOrder.Clear();
            _inOrder.TrimExcess();
        }
    }
}
