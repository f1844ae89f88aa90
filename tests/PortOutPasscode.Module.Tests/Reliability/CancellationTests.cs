using PortOutPasscode.Module.Tests.Harness;
using Xunit.Abstractions;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>Ctrl+C in the middle of a run: in-flight requests are abandoned, and every order that was stored was output.</summary>
public class CancellationTests : IClassFixture<EmulatorFixture>
{
    private const string Passcode = "Cx4Vb8Nm";
    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _log;

    public CancellationTests(EmulatorFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    [Fact]
    public void Stopping_mid_run_abandons_requests_in_flight_and_the_stored_orders_were_output()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Rows.Connect(emulator)).AssertNoErrors();
        // Every second create hangs far longer than the test: with two in flight, the run is stuck on them when stopped.
        emulator.AddFault(new { endpoint = "create", kind = "latency", latencyMs = 60_000, every = 2 });
        var numbers = Rows.Numbers(20_000, start: 300_000);

        using var running = session.Start($"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 1000 -ThrottleLimit 2 -Verbose -Debug", null, new object[] { numbers });
        for (var i = 0; i < 500 && OutputCount(running) < 2 && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.False(running.IsCompleted, "The run ended before it could be stopped.");
        Assert.Equal(2, OutputCount(running));

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        running.Stop();
        var result = running.Wait();
        _log.WriteLine($"Stop returned after {stopping.ElapsedMilliseconds} ms.");

        // The hanging creates were abandoned by the client (the emulator logs them as dropped, status 0) rather than waited out.
        // The emulator notices a hang-up a moment later; a create it kept waiting on would show up only after 60 s.
        for (var i = 0; i < 100 && AbandonedCreates(emulator) < 2; i++) Thread.Sleep(50);
        Assert.Equal(2, AbandonedCreates(emulator));
        var logged = emulator.Requests().Count;
        Thread.Sleep(1000);
        Assert.Equal(logged, emulator.Requests().Count);

        var stored = emulator.Orders();
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored.Select(o => o.OrderId).OrderBy(id => id), result.Values("OrderId").Select(v => (string)v!).OrderBy(id => id));
        SecretScan.AssertClean(result, Passcode);
    }

    private static int AbandonedCreates(EmulatorProcess emulator) =>
        emulator.Requests().Count(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal) && r.Fault == "latency" && r.Status == 0);

    private static int OutputCount(RunningScript running)
    {
        lock (running.Result) return running.Result.Output.Count;
    }
}
