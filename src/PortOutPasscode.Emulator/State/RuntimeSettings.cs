namespace PortOutPasscode.Emulator.State;

/// <summary>The tunables the admin API may change while the emulator runs; swapped whole, never edited in place.</summary>
internal sealed record RuntimeSettings(
    int ReceivedMs,
    int ProcessingMs,
    int MaxTnsPerOrder,
    int MaxOrdersPerList,
    int TokenLifetimeSeconds,
    bool SamePasscodeIsWarning,
    bool EchoPasscodes,
    bool WrapOrderListInReportResponse)
{
    public const int MaxDelayMs = 24 * 60 * 60 * 1000;

    public static RuntimeSettings From(EmulatorOptions options) =>
        new RuntimeSettings(
            options.ReceivedMs,
            options.ProcessingMs,
            options.MaxTnsPerOrder,
            options.MaxOrdersPerList,
            options.TokenLifetimeSeconds,
            ParseSamePasscode(options.SamePasscode),
            options.EchoPasscodes,
            options.WrapOrderListInReportResponse).Validated();

    public RuntimeSettings Validated()
    {
        Require(ReceivedMs is >= 0 and <= MaxDelayMs, $"receivedMs must be 0 to {MaxDelayMs} (it is {ReceivedMs}).");
        Require(ProcessingMs is >= 0 and <= MaxDelayMs, $"processingMs must be 0 to {MaxDelayMs} (it is {ProcessingMs}).");
        Require(MaxTnsPerOrder >= 1, $"maxTnsPerOrder must be at least 1 (it is {MaxTnsPerOrder}).");
        Require(MaxOrdersPerList >= 1, $"maxOrdersPerList must be at least 1 (it is {MaxOrdersPerList}).");
        Require(TokenLifetimeSeconds >= 1, $"tokenLifetimeSeconds must be at least 1 (it is {TokenLifetimeSeconds}).");
        return this;
    }

    public static bool ParseSamePasscode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "error" => false,
        "warning" => true,
        _ => throw new EmulatorConfigurationException($"samePasscode must be 'error' or 'warning' (it is '{value}')."),
    };

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new EmulatorConfigurationException(message);
    }
}
