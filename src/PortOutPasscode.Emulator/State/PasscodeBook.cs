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
    private SortedNumberArray? _sorted;
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

    /// <summary>
    /// The page that starts at the first protected number at or after <paramref name="cursor"/> (null: the first page),
    /// in number order, with its cursors.
    /// </summary>
    public (IReadOnlyList<KeyValuePair<long, string>> Items, CursorWindow Window) Page(long? cursor, int size, Func<long, string> format)
    {
        lock (_gate)
        {
            var sorted = SortedLocked();
            var window = CursorWindow.Of(sorted, cursor, size, format);
            var items = new List<KeyValuePair<long, string>>((int)window.Take);
            foreach (var number in sorted.From(window.Start).Take((int)window.Take))
            {
                items.Add(new KeyValuePair<long, string>(number, _byNumber[number]));
            }
            return (items, window);
        }
    }

    /// <summary>Sets one passcode on every number of the set (the admin bulk seed); the one string is shared by all of them.</summary>
    public long SetAll(NumberRangeSet numbers, string passcode)
    {
        lock (_gate)
        {
            _version++;
            _byNumber.EnsureCapacity((int)Math.Min(int.MaxValue, _byNumber.Count + numbers.Count));
            foreach (var number in numbers.From(0)) _byNumber[number] = passcode;
            return numbers.Count;
        }
    }

    private SortedNumberArray SortedLocked()
    {
        if (_sorted == null || _sortedVersion != _version)
        {
            var sorted = _byNumber.Keys.ToArray();
            Array.Sort(sorted);
            _sorted = new SortedNumberArray(sorted);
            _sortedVersion = _version;
        }
        return _sorted;
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
