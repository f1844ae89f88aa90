using System.Xml.Linq;

namespace PortOutPasscode.Emulator.Domain;

/// <summary>
/// One TN option group as stored: its option elements in request order (echoed as given) and its numbers.
/// Numbers are longs; a number that was not 10 digits is kept as text in <see cref="InvalidNumbers"/> and
/// stands in <see cref="Numbers"/> as -(index + 1), so a 5000-number group is one 40 KB array.
/// </summary>
internal sealed class OrderGroup
{
    public OrderGroup(XElement[] options, string? passcode, long[] numbers, string[] invalidNumbers)
    {
        Options = options;
        Passcode = passcode;
        Numbers = numbers;
        InvalidNumbers = invalidNumbers;
    }

    public XElement[] Options { get; }

    /// <summary>The PortOutPasscode option's value, or null when the group does not set it.</summary>
    public string? Passcode { get; }

    public long[] Numbers { get; }

    public string[] InvalidNumbers { get; }

    public string NumberText(long encoded) =>
        encoded >= 0 ? TelephoneNumbers.Format(encoded) : InvalidNumbers[(int)(-encoded - 1)];

    public IEnumerable<string> NumberTexts() => Numbers.Select(NumberText);
}

/// <summary>A per-number outcome shown once the order is final: an ErrorList entry, or a Warning when Code is null.</summary>
internal readonly record struct NumberProblem(int? Code, string Description, string TelephoneNumber);

internal readonly record struct OrderHistoryEntry(DateTimeOffset At, string Note, string Author, OrderStatus Status);

/// <summary>
/// An order as the emulator keeps it. Its effects were applied when it was accepted; its status is a function of
/// time (RECEIVED for ReceivedFor, PROCESSING for ProcessingFor, then the final status fixed at creation), so no
/// timer runs and thousands of orders cost nothing while they wait.
/// </summary>
internal sealed class StoredOrder
{
    public required string OrderId { get; init; }
    public required string AccountId { get; init; }
    public string? CustomerOrderId { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required TimeSpan ReceivedFor { get; init; }
    public required TimeSpan ProcessingFor { get; init; }
    public required OrderGroup[] Groups { get; init; }
    public required NumberProblem[] Problems { get; init; }
    public required OrderStatus FinalStatus { get; init; }

    /// <summary>Distinct numbers in the order (CountOfTNs).</summary>
    public required int CountOfTns { get; init; }

    public DateTimeOffset ProcessingAt => CreatedAt + ReceivedFor;

    public DateTimeOffset FinalAt => CreatedAt + ReceivedFor + ProcessingFor;

    public OrderStatus StatusAt(DateTimeOffset now) =>
        now >= FinalAt ? FinalStatus : now >= ProcessingAt ? OrderStatus.PROCESSING : OrderStatus.RECEIVED;

    public DateTimeOffset LastModifiedAt(DateTimeOffset now) =>
        now >= FinalAt ? FinalAt : now >= ProcessingAt ? ProcessingAt : CreatedAt;

    public IEnumerable<NumberProblem> ErrorsAt(DateTimeOffset now) =>
        now >= FinalAt ? Problems.Where(p => p.Code != null) : Array.Empty<NumberProblem>();

    public IEnumerable<NumberProblem> WarningsAt(DateTimeOffset now) =>
        now >= FinalAt ? Problems.Where(p => p.Code == null) : Array.Empty<NumberProblem>();

    public IReadOnlyList<OrderHistoryEntry> HistoryAt(DateTimeOffset now)
    {
        var entries = new List<OrderHistoryEntry>(3)
        {
            new(CreatedAt, "Order has been received by the system.", CreatedBy, OrderStatus.RECEIVED),
        };
        if (now >= ProcessingAt)
        {
            entries.Add(new(ProcessingAt, "Order processing has started.", CreatedBy, OrderStatus.PROCESSING));
        }
        if (now >= FinalAt)
        {
            var note = FinalStatus switch
            {
                OrderStatus.COMPLETE => "Order is complete.",
                OrderStatus.PARTIAL => "Order is partially complete: some telephone numbers failed.",
                _ => "Order has failed.",
            };
            entries.Add(new(FinalAt, note, CreatedBy, FinalStatus));
        }
        return entries;
    }

    public bool Touches(long number)
    {
        foreach (var group in Groups)
        {
            if (Array.IndexOf(group.Numbers, number) >= 0) return true;
        }
        return false;
    }

    /// <summary>Distinct numbers in request order, as text.</summary>
    public IEnumerable<string> DistinctNumberTexts() => Groups.SelectMany(g => g.NumberTexts()).Distinct(StringComparer.Ordinal);
}
