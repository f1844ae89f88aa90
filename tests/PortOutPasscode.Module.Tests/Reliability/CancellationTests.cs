using System.Management.Automation;
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
        // Two outputs alone do not mean both hanging creates have arrived: a create answered after the order is already final
        // (a loaded emulator writing it later than receivedMs + processingMs) is output at once, while the next create may
        // still be on its way. The emulator counts a fault's hits as requests arrive: wait for both.
        for (var i = 0; i < 500 && (OutputCount(running) < 2 || HangingCreates(emulator) < 2) && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.False(running.IsCompleted, "The run ended before it could be stopped.");
        Assert.Equal(2, OutputCount(running));
        Assert.Equal(2, HangingCreates(emulator));

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

    [Fact]
    public void Stopping_a_Wait_run_leaves_every_accepted_order_on_record_as_information()
    {
        var emulator = _fixture.Emulator;
        // Orders stay open far longer than the test, so the run is waiting on them when it is stopped.
        emulator.Configure(new { receivedMs = 60_000, processingMs = 60_000 });
        using var session = new PowerShellSession();
        session.Run(Rows.Connect(emulator)).AssertNoErrors();
        var numbers = Rows.Numbers(3_000, start: 400_000);

        using var running = session.Start($"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 1000", null, new object[] { numbers });
        for (var i = 0; i < 500 && AcceptedCount(running) < 3 && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.False(running.IsCompleted, "The run ended before it could be stopped.");
        running.Stop();
        var result = running.Wait();

        Assert.Empty(result.Output); // none finished
        var stored = emulator.Orders();
        Assert.Equal(3, stored.Count);
        var announced = result.Information.Where(r => r.Tags.Contains("OrderAccepted"))
            .Select(r => (string)PSObject.AsPSObject(r.MessageData).Properties["OrderId"].Value).OrderBy(id => id);
        Assert.Equal(stored.Select(o => o.OrderId).OrderBy(id => id), announced);
        SecretScan.AssertClean(result, Passcode);
    }

    private static int AcceptedCount(RunningScript running)
    {
        lock (running.Result) return running.Result.Information.Count(r => r.Tags.Contains("OrderAccepted"));
    }

    private static long HangingCreates(EmulatorProcess emulator) => emulator.Faults().Single(f => f.Kind == "latency").Hits;

    private static int AbandonedCreates(EmulatorProcess emulator) =>
        emulator.Requests().Count(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal) && r.Fault == "latency" && r.Status == 0);

    private static int OutputCount(RunningScript running)
    {
        lock (running.Result) return running.Result.Output.Count;
    }
}
