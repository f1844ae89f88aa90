using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>
/// The passcodes of one account, number → passcode, behind one lock. A sorted snapshot of the numbers is kept for
/// paging and rebuilt only after a change, so walking a million passcodes page by page sorts once.
/// </summary>
internal sealed class PasscodeBook
{
    private readonly object _gate = new();
    private readonly Dictionary<long, string> _byNumber = new();
    private long _version;
    private long[]? _sorted;
    private long _sortedVersion = -1;

    /// <summary>Runs <paramref name="change"/> with the book locked; the change sees and edits the live dictionary.</summary>
    public T Change<T>(Func<Dictionary<long, string>, T> change)
    {
        lock (_gate)
        {
            _version++;
            return change(_byNumber);
        }
    }

    public bool TryGet(long number, out string? passcode)
    {
        lock (_gate)
        {
            return _byNumber.TryGetValue(number, out passcode);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate) return _byNumber.Count;
        }
    }

    /// <summary>One page (1-based) in number order, and the total count.</summary>
    public (IReadOnlyList<KeyValuePair<long, string>> Items, int Total) Page(int page, int size)
    {
        lock (_gate)
        {
            if (_sorted == null || _sortedVersion != _version)
            {
                _sorted = _byNumber.Keys.ToArray();
                Array.Sort(_sorted);
                _sortedVersion = _version;
            }
            var skip = (long)(page - 1) * size;
            var items = new List<KeyValuePair<long, string>>();
            for (var i = skip; i < _sorted.Length && items.Count < size; i++)
            {
                var number = _sorted[i];
                items.Add(new KeyValuePair<long, string>(number, _byNumber[number]));
            }
            return (items, _sorted.Length);
        }
    }

    public Dictionary<string, string> Snapshot()
    {
        lock (_gate)
        {
            var copy = new Dictionary<string, string>(_byNumber.Count, StringComparer.Ordinal);
            foreach (var (number, passcode) in _byNumber) copy[TelephoneNumbers.Format(number)] = passcode;
            return copy;
        }
    }

    public void ResetTo(IReadOnlyDictionary<long, string> seed)
    {
        lock (_gate)
        {
            _byNumber.Clear();
            foreach (var (number, passcode) in seed) _byNumber[number] = passcode;
            _byNumber.TrimExcess();
            _version++;
            _sorted = null;
        }
    }
}
