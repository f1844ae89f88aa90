namespace PortOutPasscode.Emulator.Domain;

/// <summary>
/// Bandwidth's PortOutStatus values as numbers.yml lists them (LnpOrderResponse), each one a valid status filter of the
/// list. The simulation reaches three: a passcode mismatch parks the order in EXCEPTION, the right PIN completes it, and
/// the winning carrier may withdraw one in EXCEPTION (CANCELLED).
/// </summary>
internal enum PortOutStatus
{
    NEW,
    SUPP,
    MODIFY,
    COMPLETE,
    CANCELLED,
    VALIDATION_FAILED_NEW,
    VALIDATION_FAILED_SUPP,
    VALIDATION_FAILED_MODIFY,
    EXCEPTION,
    SOA_PENDING,
    SOA_CONFLICT,
}

/// <summary>Where a port-out order stands; replaced whole when it moves, so a reader always sees one consistent state.</summary>
internal sealed record PortOutState(PortOutStatus Status, DateTimeOffset LastModifiedAt, DateTimeOffset? ActualFocAt, int Attempts);

/// <summary>
/// A port-out request a winning carrier made against numbers of an account (POST /_emulator/portouts). The PIN it
/// gave is checked and never kept. A mismatch leaves the order in EXCEPTION (7610) until an attempt with the right PIN.
/// </summary>
internal sealed class PortOutOrder
{
    private PortOutState _state;

    public PortOutOrder(PortOutState initial) => _state = initial;

    public required string OrderId { get; init; }
    public required string AccountId { get; init; }
    public required long[] Numbers { get; init; }

    /// <summary>The winning carrier's SPID (VendorId in the list, SPID in the order).</summary>
    public required string Spid { get; init; }

    public required string Pon { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset RequestedFocAt { get; init; }

    public PortOutState State => Volatile.Read(ref _state);

    public void MoveTo(PortOutState state) => Volatile.Write(ref _state, state);
}
