namespace PortOutPasscode.Emulator.Notifications;

/// <summary>
/// One notification the emulator sent or would have sent (GET /_emulator/notifications). Delivery: a callback is
/// "pending", then "delivered" (2xx) or "failed"; an e-mail is "emailed" (DigestRequested NONE) or "digest" (DAILY:
/// it would go out in the next daily digest). Body is the notification XML; it never carries a secret.
/// </summary>
public sealed record NotificationRecord(
    int Id,
    string SubscriptionId,
    string AccountId,
    string OrderType,
    string OrderId,
    string Status,
    string Channel,
    string Target,
    string? Digest,
    DateTimeOffset At,
    string Delivery,
    int? HttpStatus,
    string? Error,
    double? DurationMs,
    string Body);
