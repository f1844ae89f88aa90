namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>One emulator for a test class; each test starts from a reset state (tests in a class run one at a time).</summary>
public class EmulatorFixture : IDisposable
{
    private readonly Lazy<EmulatorProcess> _emulator;

    public EmulatorFixture() : this(Array.Empty<string>())
    {
    }

    /// <param name="arguments">Command-line settings of the emulator (--Emulator:KEY=VALUE) for a fixture with another set-up.</param>
    protected EmulatorFixture(params string[] arguments) => _emulator = new(() => EmulatorProcess.Start(arguments));

    public EmulatorProcess Emulator
    {
        get
        {
            var emulator = _emulator.Value;
            emulator.Reset();
            emulator.Configure(new { receivedMs = 50, processingMs = 100 });
            return emulator;
        }
    }

    public void Dispose()
    {
        if (_emulator.IsValueCreated) _emulator.Value.Dispose();
    }
}
