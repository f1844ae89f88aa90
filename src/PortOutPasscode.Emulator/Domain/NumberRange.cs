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

/// <summary>A sorted, merged set of ranges: membership is a binary search, memory is two longs per range.</summary>
internal sealed class NumberRangeSet
{
    private readonly NumberRange[] _ranges;

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
    }

    public IReadOnlyList<NumberRange> Ranges => _ranges;

    public long Count => _ranges.Sum(r => r.Count);

    public bool Contains(long number)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var range = _ranges[middle];
            if (number < range.First) high = middle - 1;
            else if (number > range.Last) low = middle + 1;
            else return true;
        }
        return false;
    }
}
