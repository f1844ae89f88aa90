using System.Text.Json.Serialization;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Admin;

/// <summary>A port-out request as a winning carrier sends it: the numbers and the PIN its customer gave.</summary>
public sealed class PortOutRequest
{
    public string? TelephoneNumber { get; set; }

    /// <summary>Several numbers in one port-out (instead of, or besides, telephoneNumber).</summary>
    public List<string>? TelephoneNumbers { get; set; }

    public string? Pin { get; set; }

    /// <summary>Optional: the losing account; by default the first configured account that has the (first) number.</summary>
    public string? AccountId { get; set; }

    /// <summary>Resubmits the port-out order in EXCEPTION with this id (with the corrected PIN); its numbers are the order's.</summary>
    public string? OrderId { get; set; }

    /// <summary>With orderId: the winning carrier withdraws its port-out in EXCEPTION, which moves to CANCELLED.</summary>
    public bool Cancel { get; set; }

    /// <summary>The winning carrier's SPID (the order's VendorId/SPID); default 512E, as the spec example.</summary>
    public string? Spid { get; set; }

    /// <summary>The winning carrier's port order number; generated when left out.</summary>
    public string? Pon { get; set; }
}

/// <summary>What POST /_emulator/portouts answers about an attempt; errorCode and description only for an EXCEPTION.</summary>
internal sealed record PortOutAnswer(
    string Status,
    string OrderId,
    string ProcessingStatus,
    string TelephoneNumber,
    string[] TelephoneNumbers,
    string AccountId,
    bool PasscodeProtected,
    int Attempts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ErrorCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description);

/// <summary>
/// Bandwidth's passcode check on a port-out, recorded as a port-out order: numbers without a passcode port with any
/// PIN and a protected number only with its passcode (compared exactly). A match completes the order; a mismatch puts
/// it in EXCEPTION with 7610, where the winning carrier can correct the PIN and resubmit it (give its orderId). The
/// PIN is never kept, and the numbers stay on the account: it is the attempt that is simulated, not the move.
/// </summary>
internal sealed class PortOutSimulator
{
    public const string DefaultSpid = "512E";
    private static readonly TimeSpan RequestedFocAfter = TimeSpan.FromDays(2);

    private readonly EmulatorState _state;

    public PortOutSimulator(EmulatorState state) => _state = state;

    public (int Status, object Body) Submit(PortOutRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.OrderId))
        {
            return request.Cancel ? (400, new { error = "cancel needs the orderId of the port-out to withdraw." }) : Create(request);
        }
        return request.Cancel ? Cancel(request.OrderId.Trim()) : Resubmit(request.OrderId.Trim(), request.Pin);
    }

    private (int Status, object Body) Create(PortOutRequest request)
    {
        var texts = new List<string>();
        if (request.TelephoneNumber != null) texts.Add(request.TelephoneNumber);
        if (request.TelephoneNumbers != null) texts.AddRange(request.TelephoneNumbers);
        if (texts.Count == 0) return (400, new { error = "telephoneNumber (or telephoneNumbers) is required." });
        var numbers = new List<long>();
        foreach (var text in texts)
        {
            if (!TelephoneNumbers.TryNormalize(text, out var parsed))
            {
                return (400, new { error = $"telephoneNumber '{text}' is not a 10-digit NANP number." });
            }
            if (!numbers.Contains(parsed)) numbers.Add(parsed);
        }
        var first = TelephoneNumbers.Format(numbers[0]);

        AccountState? account;
        if (!string.IsNullOrWhiteSpace(request.AccountId))
        {
            account = _state.FindAccount(request.AccountId.Trim());
            if (account != null && !account.Inventory.Owns(numbers[0])) account = null;
        }
        else
        {
            account = _state.FindOwner(numbers[0]);
        }
        var missing = account == null ? numbers : numbers.Where(n => !account.Inventory.Owns(n)).ToList();
        if (account == null || missing.Count > 0)
        {
            var where = string.IsNullOrWhiteSpace(request.AccountId) ? account == null ? "any account of this emulator" : "account " + account.Id : "account " + request.AccountId;
            _state.PortOuts.Record(new PortOutAttempt(first, account?.Id, "NOT_FOUND", null, _state.Now, null, null));
            return (404, new
            {
                status = "NOT_FOUND",
                telephoneNumber = first,
                description = $"{TelephoneNumbers.Format(missing[0])} is not a number of {where}.",
            });
        }

        var now = _state.Now;
        var matches = PinMatches(account, numbers, request.Pin);
        var order = new PortOutOrder(new PortOutState(matches ? PortOutStatus.COMPLETE : PortOutStatus.EXCEPTION, now, matches ? now : null, 1))
        {
            OrderId = Guid.NewGuid().ToString(),
            AccountId = account.Id,
            Numbers = numbers.ToArray(),
            Spid = string.IsNullOrWhiteSpace(request.Spid) ? DefaultSpid : request.Spid.Trim(),
            Pon = string.IsNullOrWhiteSpace(request.Pon) ? "PON" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant() : request.Pon.Trim(),
            CreatedAt = now,
            RequestedFocAt = now + RequestedFocAfter,
        };
        _state.PortOuts.Add(order);
        return Answer(order, account, matches, now);
    }

    private (int Status, object Body) Resubmit(string orderId, string? pin)
    {
        var order = _state.PortOuts.Find(orderId);
        if (order == null) return (404, new { status = "NOT_FOUND", orderId, description = $"There is no port-out order {orderId}." });
        var current = order.State;
        if (current.Status != PortOutStatus.EXCEPTION)
        {
            return (409, new { status = current.Status.ToString(), orderId, description = $"Port-out order {orderId} is {current.Status}: only an order in EXCEPTION can be resubmitted." });
        }
        var account = _state.FindAccount(order.AccountId)!;
        var now = _state.Now;
        var matches = PinMatches(account, order.Numbers, pin);
        order.MoveTo(matches
            ? new PortOutState(PortOutStatus.COMPLETE, now, now, current.Attempts + 1)
            : current with { LastModifiedAt = now, Attempts = current.Attempts + 1 });
        return Answer(order, account, matches, now);
    }

    /// <summary>The winning carrier gives up on a port-out held in EXCEPTION: CANCELLED, its numbers stay.</summary>
    private (int Status, object Body) Cancel(string orderId)
    {
        var order = _state.PortOuts.Find(orderId);
        if (order == null) return (404, new { status = "NOT_FOUND", orderId, description = $"There is no port-out order {orderId}." });
        var current = order.State;
        if (current.Status != PortOutStatus.EXCEPTION)
        {
            return (409, new { status = current.Status.ToString(), orderId, description = $"Port-out order {orderId} is {current.Status}: only an order in EXCEPTION can be cancelled." });
        }
        var account = _state.FindAccount(order.AccountId)!;
        var now = _state.Now;
        order.MoveTo(current with { Status = PortOutStatus.CANCELLED, LastModifiedAt = now });
        var first = TelephoneNumbers.Format(order.Numbers[0]);
        var status = nameof(PortOutStatus.CANCELLED);
        _state.PortOuts.Record(new PortOutAttempt(first, account.Id, status, null, now, order.OrderId, status));
        _state.Notifications.Publish(new OrderEvent(account.Id, "portouts", order.OrderId, null, status, null, Array.Empty<long>(), now));
        return (200, new PortOutAnswer(status, order.OrderId, status, first, order.Numbers.Select(TelephoneNumbers.Format).ToArray(),
            account.Id, order.Numbers.Any(n => account.Passcodes.TryGet(n, out _)), current.Attempts, null, null));
    }

    /// <summary>Every protected number must carry exactly this PIN; numbers without a passcode accept any.</summary>
    private static bool PinMatches(AccountState account, IEnumerable<long> numbers, string? pin) =>
        numbers.All(n => !account.Passcodes.TryGet(n, out var passcode) || string.Equals(pin, passcode, StringComparison.Ordinal));

    private (int Status, object Body) Answer(PortOutOrder order, AccountState account, bool matches, DateTimeOffset now)
    {
        var state = order.State;
        var first = TelephoneNumbers.Format(order.Numbers[0]);
        var isProtected = order.Numbers.Any(n => account.Passcodes.TryGet(n, out _));
        _state.PortOuts.Record(new PortOutAttempt(first, account.Id, matches ? "ACCEPTED" : "EXCEPTION",
            matches ? null : ErrorCodes.PortOutPinMismatch, now, order.OrderId, state.Status.ToString()));
        _state.Notifications.Publish(new OrderEvent(account.Id, "portouts", order.OrderId, null, state.Status.ToString(),
            matches ? null : ErrorCodes.PortOutPinMismatchText, matches ? order.Numbers : Array.Empty<long>(), state.LastModifiedAt));

        return (matches ? 200 : 409, new PortOutAnswer(
            matches ? "ACCEPTED" : "EXCEPTION",
            order.OrderId,
            state.Status.ToString(),
            first,
            order.Numbers.Select(TelephoneNumbers.Format).ToArray(),
            account.Id,
            isProtected,
            state.Attempts,
            matches ? null : ErrorCodes.PortOutPinMismatch,
            matches ? null : ErrorCodes.PortOutPinMismatchText));
    }
}
