namespace PortOutPasscode.Emulator.Domain;

/// <summary>Numbers in ascending order, addressable by position: what a cursor-paged collection pages through.</summary>
internal interface ISortedNumbers
{
    long Count { get; }

    /// <summary>How many numbers are smaller than <paramref name="number"/>: the position a cursor at that number starts from.</summary>
    long CountBelow(long number);

    long ElementAt(long index);

    /// <summary>The numbers from position <paramref name="index"/> on, in order.</summary>
    IEnumerable<long> From(long index);
}

/// <summary>A sorted array of numbers (the passcode book's snapshot).</summary>
internal sealed class SortedNumberArray : ISortedNumbers
{
    private readonly long[] _numbers;

    public SortedNumberArray(long[] sortedNumbers) => _numbers = sortedNumbers;

    public long Count => _numbers.Length;

    public long CountBelow(long number)
    {
        var index = Array.BinarySearch(_numbers, number);
        return index >= 0 ? index : ~index;
    }

    public long ElementAt(long index) => _numbers[index];

    public IEnumerable<long> From(long index)
    {
        for (var i = index; i < _numbers.Length; i++) yield return _numbers[i];
    }
}

/// <summary>The numbers of a range set that pass a test (a date filter): positions are found by walking, which is fine for a page.</summary>
internal sealed class FilteredNumbers : ISortedNumbers
{
    private readonly NumberRangeSet _candidates;
    private readonly Func<long, bool> _keep;
    private long? _count;

    public FilteredNumbers(NumberRangeSet candidates, Func<long, bool> keep)
    {
        _candidates = candidates;
        _keep = keep;
    }

    public long Count => _count ??= _candidates.From(0).LongCount(_keep);

    public long CountBelow(long number) => _candidates.From(0).TakeWhile(n => n < number).LongCount(_keep);

    public long ElementAt(long index) => From(index).First();

    public IEnumerable<long> From(long index) => _candidates.From(0).Where(_keep).Skip(checked((int)Math.Min(index, int.MaxValue)));
}
