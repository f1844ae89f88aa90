using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>The subscriptions of every account, in creation order.</summary>
internal sealed class SubscriptionStore
{
    private readonly object _gate = new();
    private readonly List<Subscription> _all = new();

    /// <summary>Adds it, or returns the existing subscription with the same target (a 409).</summary>
    public Subscription? TryAdd(Subscription subscription)
    {
        lock (_gate)
        {
            var existing = _all.FirstOrDefault(s => s.AccountId == subscription.AccountId && s.TargetKey == subscription.TargetKey);
            if (existing != null) return existing;
            _all.Add(subscription);
            return null;
        }
    }

    public Subscription? Find(string accountId, string id)
    {
        lock (_gate) return _all.FirstOrDefault(s => s.AccountId == accountId && s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
    }

    public bool Replace(Subscription updated)
    {
        lock (_gate)
        {
            var index = _all.FindIndex(s => s.AccountId == updated.AccountId && s.Id == updated.Id);
            if (index < 0) return false;
            _all[index] = updated;
            return true;
        }
    }

    public bool Remove(string accountId, string id)
    {
        lock (_gate) return _all.RemoveAll(s => s.AccountId == accountId && s.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) > 0;
    }

    public Subscription[] Of(string accountId)
    {
        lock (_gate) return _all.Where(s => s.AccountId == accountId).ToArray();
    }

    public bool Any
    {
        get
        {
            lock (_gate) return _all.Count > 0;
        }
    }

    public void Clear()
    {
        lock (_gate) _all.Clear();
    }
}
