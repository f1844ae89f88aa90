namespace PortOutPasscode.Emulator.State;

/// <summary>The tunables the admin API may change while the emulator runs; swapped whole (with `with`), never edited in place.</summary>
internal sealed record RuntimeSettings
{
    public const int MaxDelayMs = 24 * 60 * 60 * 1000;
    public const int MaxClockOffsetSeconds = 7 * 24 * 60 * 60;
    public const int MaxCallbackTimeoutMs = 120_000;

    public int ReceivedMs { get; init; }
    public int ProcessingMs { get; init; }
    public int MaxTnsPerOrder { get; init; }
    public int MaxOrdersPerList { get; init; }
    public int TokenLifetimeSeconds { get; init; }
    public bool SamePasscodeIsWarning { get; init; }
    public bool EchoPasscodes { get; init; }
    public bool WrapOrderListInReportResponse { get; init; }
    public bool AllowBasic { get; init; }
    public int ListLagMs { get; init; }
    public int ClockOffsetSeconds { get; init; }
    public int CallbackTimeoutMs { get; init; }

    public TimeSpan ClockOffset => TimeSpan.FromSeconds(ClockOffsetSeconds);

    public static RuntimeSettings From(EmulatorOptions options) =>
        new RuntimeSettings
        {
            ReceivedMs = options.ReceivedMs,
            ProcessingMs = options.ProcessingMs,
            MaxTnsPerOrder = options.MaxTnsPerOrder,
            MaxOrdersPerList = options.MaxOrdersPerList,
            TokenLifetimeSeconds = options.TokenLifetimeSeconds,
            SamePasscodeIsWarning = ParseSamePasscode(options.SamePasscode),
            EchoPasscodes = options.EchoPasscodes,
            WrapOrderListInReportResponse = options.WrapOrderListInReportResponse,
            AllowBasic = options.AllowBasic,
            ListLagMs = options.ListLagMs,
            ClockOffsetSeconds = options.ClockOffsetSeconds,
            CallbackTimeoutMs = options.CallbackTimeoutMs,
        }.Validated();

    public RuntimeSettings Validated()
    {
        Require(ReceivedMs is >= 0 and <= MaxDelayMs, $"receivedMs must be 0 to {MaxDelayMs} (it is {ReceivedMs}).");
        Require(ProcessingMs is >= 0 and <= MaxDelayMs, $"processingMs must be 0 to {MaxDelayMs} (it is {ProcessingMs}).");
        Require(MaxTnsPerOrder >= 1, $"maxTnsPerOrder must be at least 1 (it is {MaxTnsPerOrder}).");
        Require(MaxOrdersPerList >= 1, $"maxOrdersPerList must be at least 1 (it is {MaxOrdersPerList}).");
        Require(TokenLifetimeSeconds >= 1, $"tokenLifetimeSeconds must be at least 1 (it is {TokenLifetimeSeconds}).");
        Require(ListLagMs is >= 0 and <= MaxDelayMs, $"listLagMs must be 0 to {MaxDelayMs} (it is {ListLagMs}).");
        Require(ClockOffsetSeconds is >= -MaxClockOffsetSeconds and <= MaxClockOffsetSeconds,
            $"clockOffsetSeconds must be -{MaxClockOffsetSeconds} to {MaxClockOffsetSeconds} (it is {ClockOffsetSeconds}).");
        Require(CallbackTimeoutMs is >= 1 and <= MaxCallbackTimeoutMs, $"callbackTimeoutMs must be 1 to {MaxCallbackTimeoutMs} (it is {CallbackTimeoutMs}).");
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
