namespace PortOutPasscode.Emulator.Domain;

internal enum OrderStatus
{
    RECEIVED,
    PROCESSING,
    COMPLETE,
    PARTIAL,
    FAILED,
}

internal static class OrderStatuses
{
    public static bool TryParse(string? text, out OrderStatus status) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);

    public static bool IsFinal(this OrderStatus status) => status >= OrderStatus.COMPLETE;
}
