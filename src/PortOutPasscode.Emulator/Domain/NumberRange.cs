namespace PortOutPasscode.Emulator.Domain;

/// <summary>An inclusive range of 10-digit numbers, written "2012000000-2013999999" or as one number.</summary>
internal readonly record struct NumberRange(long First, long Last)
{
    public long Count => Last - First + 1;

    public bool Contains(long number) => number >= First && number <= Last;

    public static NumberRange Parse(string text, string where)
    {
        var parts = (text ?? "").Split('-', 2, StringSplitOptions.TrimEntries);
        if (!TelephoneNumbers.TryParse(parts[0], out var first))
        {
            throw new EmulatorConfigurationException($"{where}: '{text}' is not a 10-digit number or a range like 2012000000-2013999999.");
        }
        var last = first;
        if (parts.Length == 2 && !TelephoneNumbers.TryParse(parts[1], out last))
        {
            throw new EmulatorConfigurationException($"{where}: '{text}' is not a range like 2012000000-2013999999.");
        }
        if (last < first)
        {
            throw new EmulatorConfigurationException($"{where}: the range '{text}' ends before it starts.");
        }
        return new NumberRange(first, last);
    }

    public override string ToString() =>
        First == Last ? TelephoneNumbers.Format(First) : TelephoneNumbers.Format(First) + "-" + TelephoneNumbers.Format(Last);
}

/// <summary>
/// A sorted, merged set of ranges: membership and position are binary searches over the ranges, memory is a few longs
/// per range, so a million in-service numbers in one range cost nothing.
/// </summary>
internal sealed class NumberRangeSet : ISortedNumbers
{
    public static readonly NumberRangeSet Empty = new(Array.Empty<NumberRange>());

    private readonly NumberRange[] _ranges;

    /// <summary>How many numbers come before each range: the position of its first number.</summary>
    private readonly long[] _before;

    public NumberRangeSet(IEnumerable<NumberRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.First).ToList();
        var merged = new List<NumberRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                var last = merged[^1];
                merged[^1] = new NumberRange(last.First, Math.Max(last.Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }
        _ranges = merged.ToArray();
        _before = new long[_ranges.Length];
        long count = 0;
        for (var i = 0; i < _ranges.Length; i++)
        {
            _before[i] = count;
            count += _ranges[i].Count;
        }
        Count = count;
    }

    public IReadOnlyList<NumberRange> Ranges => _ranges;

    public long Count { get; }

    public bool Contains(long number) => IndexOfRange(number) >= 0;

    /// <summary>Whether every number of <paramref name="range"/> is in the set.</summary>
    public bool Covers(NumberRange range)
    {
        var index = IndexOfRange(range.First);
        return index >= 0 && _ranges[index].Last >= range.Last;
    }

    public long CountBelow(long number)
    {
        var index = Locate(number, out var found);
        if (found) return _before[index] + (number - _ranges[index].First);
        return index < _ranges.Length ? _before[index] : Count;
    }

    public long ElementAt(long index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index));
        var position = Array.BinarySearch(_before, index);
        if (position < 0) position = ~position - 1;
        return _ranges[position].First + (index - _before[position]);
    }

    public IEnumerable<long> From(long index)
    {
        if (index >= Count) yield break;
        var position = Array.BinarySearch(_before, Math.Max(0, index));
        if (position < 0) position = ~position - 1;
        var number = _ranges[position].First + (Math.Max(0, index) - _before[position]);
        for (; position < _ranges.Length; position++)
        {
            if (number < _ranges[position].First) number = _ranges[position].First;
            for (; number <= _ranges[position].Last; number++) yield return number;
        }
    }

    /// <summary>The numbers in both sets.</summary>
    public NumberRangeSet Intersect(NumberRangeSet other)
    {
        var result = new List<NumberRange>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var first = Math.Max(_ranges[i].First, other._ranges[j].First);
            var last = Math.Min(_ranges[i].Last, other._ranges[j].Last);
            if (first <= last) result.Add(new NumberRange(first, last));
            if (_ranges[i].Last < other._ranges[j].Last) i++;
            else j++;
        }
        return new NumberRangeSet(result);
    }

    public NumberRangeSet Union(NumberRangeSet other) => new(_ranges.Concat(other._ranges));

    /// <summary>The index of the range holding the number, or -1.</summary>
    private int IndexOfRange(long number)
    {
        var index = Locate(number, out var found);
        return found ? index : -1;
    }

    /// <summary>The range holding the number (found), or the index of the first range after it.</summary>
    private int Locate(long number, out bool found)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var range = _ranges[middle];
            if (number < range.First) high = middle - 1;
            else if (number > range.Last) low = middle + 1;
            else
            {
                found = true;
                return middle;
            }
        }
        found = false;
        return low;
    }
}
