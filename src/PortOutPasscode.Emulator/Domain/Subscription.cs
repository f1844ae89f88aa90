namespace PortOutPasscode.Emulator.Domain;

/// <summary>E-mail notifications: one per event (NONE) or a daily digest (DAILY).</summary>
internal sealed record EmailTarget(string Address, string Digest);

/// <summary>A callback (webhook) on loopback; the password is kept to authenticate the callback and never shown.</summary>
internal sealed record CallbackTarget(Uri Url, long ExpirySeconds, string? Username, string? Password, bool E164Numbers);

/// <summary>A subscription as the emulator keeps it (POST/PUT /accounts/{id}/subscriptions).</summary>
internal sealed class Subscription
{
    private string? _lastCallbackStatus;

    public required string Id { get; init; }
    public required string AccountId { get; init; }

    /// <summary>portouts or tnoptions.</summary>
    public required string OrderType { get; init; }

    /// <summary>Only this order's events, or every order of the type when null.</summary>
    public string? OrderId { get; init; }

    public EmailTarget? Email { get; init; }
    public CallbackTarget? Callback { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt => Callback == null ? null : CreatedAt.AddSeconds(Callback.ExpirySeconds);

    /// <summary>What the last callback got ("200 OK", "timed out…"), as the spec's Status element reports it.</summary>
    public string? LastCallbackStatus
    {
        get => Volatile.Read(ref _lastCallbackStatus);
        set => Volatile.Write(ref _lastCallbackStatus, value);
    }

    public bool IsLive(DateTimeOffset now) => ExpiresAt is not DateTimeOffset expires || now < expires;

    public bool Wants(string accountId, string orderType, string orderId) =>
        AccountId == accountId
        && string.Equals(OrderType, orderType, StringComparison.OrdinalIgnoreCase)
        && (OrderId == null || string.Equals(OrderId, orderId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Two subscriptions with the same target are one too many (409).</summary>
    public string TargetKey =>
        $"{OrderType.ToLowerInvariant()}|{OrderId?.ToLowerInvariant()}|{(Email != null ? "mailto:" + Email.Address.ToLowerInvariant() : Callback!.Url.AbsoluteUri)}";
}

/// <summary>One change of an order that subscriptions may be told about.</summary>
internal sealed record OrderEvent(
    string AccountId,
    string OrderType,
    string OrderId,
    string? CustomerOrderId,
    string Status,
    string? Message,
    IReadOnlyList<long> CompletedNumbers,
    DateTimeOffset LastModifiedAt);
