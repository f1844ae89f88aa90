namespace PortOutPasscode.Emulator.Faults;

internal enum FaultKind
{
    /// <summary>429 Too Many Requests with Retry-After.</summary>
    Throttle,

    /// <summary>An error status (5xx by default) instead of the answer.</summary>
    Status,

    /// <summary>A delay before the request is handled; combines with the other kinds.</summary>
    Latency,

    /// <summary>The connection is aborted before anything is handled: nothing stored, no answer.</summary>
    DropBefore,

    /// <summary>The request is handled (an order is stored), then the connection is aborted instead of answering.</summary>
    DropAfterStore,

    /// <summary>The answer is sent with its body cut in half: a complete HTTP message, broken XML.</summary>
    Truncate,
}

internal static class FaultKinds
{
    public static readonly IReadOnlyDictionary<string, FaultKind> ByName = new Dictionary<string, FaultKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["throttle"] = FaultKind.Throttle,
        ["status"] = FaultKind.Status,
        ["latency"] = FaultKind.Latency,
        ["dropBefore"] = FaultKind.DropBefore,
        ["dropAfterStore"] = FaultKind.DropAfterStore,
        ["truncate"] = FaultKind.Truncate,
    };

    public static string Name(this FaultKind kind) => kind switch
    {
        FaultKind.Throttle => "throttle",
        FaultKind.Status => "status",
        FaultKind.Latency => "latency",
        FaultKind.DropBefore => "dropBefore",
        FaultKind.DropAfterStore => "dropAfterStore",
        _ => "truncate",
    };
}
