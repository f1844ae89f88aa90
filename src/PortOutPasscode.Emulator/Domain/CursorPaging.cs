namespace PortOutPasscode.Emulator.Domain;

/// <summary>
/// One page of a cursor-paged collection, as Bandwidth pages: the page value is the key of the page's first element
/// ("1" for the first page), never a page number. Keys are found by position, so numbers added between two requests
/// neither repeat nor skip anything: the next request starts at the element the previous answer named.
/// </summary>
/// <param name="Start">The position of the page's first element.</param>
/// <param name="Previous">The page value of the page before, or null on the first page.</param>
/// <param name="Next">The page value of the next page, or null on the last page.</param>
/// <param name="Last">The page value of the last page, counted in pages of this size from the first.</param>
internal sealed record CursorWindow(long Start, long Total, int Size, string? Previous, string? Next, string Last)
{
    public const string FirstPage = "1";

    public long Take => Math.Max(0, Math.Min(Size, Total - Start));

    /// <param name="keyAt">The page value of the element at a position (a number in the request's format, an order id).</param>
    public static CursorWindow Of(long total, long start, int size, Func<long, string> keyAt)
    {
        string Key(long index) => index <= 0 ? FirstPage : keyAt(index);
        var previous = start <= 0 ? null : Key(start - size);
        var next = start + size < total ? Key(start + size) : null;
        var last = total == 0 ? FirstPage : Key((total - 1) / size * size);
        return new CursorWindow(start, total, size, previous, next, last);
    }

    /// <summary>The window over sorted numbers that starts at the first number at or after <paramref name="cursor"/> (null: the first page).</summary>
    public static CursorWindow Of(ISortedNumbers numbers, long? cursor, int size, Func<long, string> format) =>
        Of(numbers.Count, cursor is long at ? numbers.CountBelow(at) : 0, size, index => format(numbers.ElementAt(index)));
}
