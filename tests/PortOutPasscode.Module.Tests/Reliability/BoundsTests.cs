using System.Diagnostics;
using PortOutPasscode.Module.Tests.Harness;
using Xunit.Abstractions;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// Time and load bounds (issue 17): a server that never answers ends an order in what the settings promise; a 429 asking
/// for an hour stops the run after a few requests with one error; Ctrl+C stops Connect-BwAccount at once; -ThrottleLimit
/// above 16 really has that many requests in flight.
/// </summary>
public class BoundsTests : IClassFixture<EmulatorFixture>
{
    private const string Passcode = "Bd4Nx8Kw";

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _log;

    public BoundsTests(EmulatorFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    [Fact]
    public void A_server_that_accepts_and_never_answers_ends_the_order_within_what_the_settings_promise_and_says_what_it_is_doing()
    {
        // Reads the request, then holds the connection open without a byte of answer until the client hangs up.
        using var server = new HostileServer(async (_, stream) =>
        {
            var buffer = new byte[1024];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });
        using var session = new PowerShellSession();
        session.Run(Scripts.Credentials() +
            $"Connect-BwAccount 9900000 -Credential $cred -BaseUri '{server.BaseUri}' -SkipCheck -RequestTimeoutSec 1 -MaximumRetryCount 1 -MaximumRetryDelaySec 1").AssertNoErrors();
        var clock = Stopwatch.StartNew();

        var result = session.Run($"'2012000001' | Set-BwPortOutPasscode -Passcode {Passcode} -Verbose");

        clock.Stop();
        _log.WriteLine($"Ended after {clock.ElapsedMilliseconds} ms and {server.RequestLines.Count} requests.");
        // The settings promise 2 attempts of 1 s and 1 wait of at most 1 s: 3 s (with slack for a loaded machine).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"One order against a silent server took {clock.Elapsed}.");
        Assert.True(server.RequestLines.Count <= 4, $"{server.RequestLines.Count} requests: {string.Join(" | ", server.RequestLines)}");
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("2012000001", error.TargetObject);
        Assert.Contains("Get-BwTnOptionOrder -CustomerOrderId", error.Exception.Message); // how to find out whether it exists
        Assert.Contains(result.Verbose, v => v.Message.Contains("Retrying", StringComparison.Ordinal)); // said while waiting
        SecretScan.AssertClean(result, Passcode);
    }

    [Theory]
    [InlineData("X-RateLimit-Reset")]
    [InlineData("Retry-After")]
    public void A_429_asking_for_an_hour_stops_the_run_after_a_few_requests_with_one_error_saying_what_was_asked(string header)
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        emulator.AddFault(header == "Retry-After"
            ? new { endpoint = "create", kind = "throttle", retryAfter = "3600" }
            : (object)new { endpoint = "create", kind = "throttle", rateLimitReset = 3600 });
        var numbers = Numbers(16_000, start: 600_000);

        var result = session.Run($"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 1000 -ThrottleLimit 4", new object[] { numbers });

        var creates = emulator.Requests().Count(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal));
        _log.WriteLine($"{creates} creates; {result.AllErrors.Count()} errors: {string.Join(" | ", result.AllErrors.Select(ScriptResult.Describe))}");
        Assert.True(creates <= 4, $"{creates} creates were sent against a 429 that asked for an hour.");
        var error = Assert.Single(result.AllErrors);
        Assert.Same(result.TerminatingError, error);
        Assert.Equal("BandwidthThrottled", ScriptResult.ErrorId(error));
        Assert.Matches(@"asked to wait 3,600(\.\d)? s, until", error.Exception.Message); // what the server asked for (a reset is whole epoch seconds)
        Assert.Contains("-MaximumRetryDelaySec", error.Exception.Message); // what this connection allows
        Assert.Contains("not sent", error.Exception.Message);
        Assert.Empty(emulator.Orders());
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData(false, "passcodes")]
    [InlineData(true, "passcodes")]
    [InlineData(true, "token")]
    public void Ctrl_C_stops_Connect_at_once_while_its_check_is_waiting_for_an_answer(bool oauth, string endpoint)
    {
        var emulator = _fixture.Emulator;
        emulator.AddFault(new { endpoint, kind = "latency", latencyMs = 60_000 });
        using var session = new PowerShellSession();

        using var running = session.Start(Connect(emulator, oauth: oauth));
        for (var i = 0; i < 500 && Hits(emulator) < 1 && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.Equal(1, Hits(emulator));
        Assert.False(running.IsCompleted);
        var stopping = Stopwatch.StartNew();
        running.Stop();
        running.Wait();
        stopping.Stop();

        _log.WriteLine($"Stop returned after {stopping.ElapsedMilliseconds} ms.");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"Connect-BwAccount took {stopping.Elapsed} to stop (its request waits 60 s).");
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
        // The request was abandoned, not left waiting: the emulator sees the hang-up (status 0) long before its 60 s.
        for (var i = 0; i < 100 && !emulator.Requests().Any(r => r.Fault == "latency"); i++) Thread.Sleep(50);
        Assert.Equal(0, Assert.Single(emulator.Requests(), r => r.Fault == "latency").Status);
    }

    [Fact]
    public void ThrottleLimit_above_16_has_that_many_creates_in_flight_at_once_and_none_waits_for_a_connection()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true, options: "-RequestTimeoutSec 30")).AssertNoErrors();
        emulator.AddFault(new { endpoint = "create", kind = "latency", latencyMs = 3000 }); // long enough for all 32 to be sent on a loaded machine
        var numbers = Numbers(32 * 10, start: 700_000);

        var result = session.Run($"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 10 -ThrottleLimit 32 -NoWait", new object[] { numbers });

        Assert.Null(result.TerminatingError);
        Assert.Empty(result.Errors);
        Assert.Equal(32, result.Output.Count);
        Assert.Equal(32, emulator.Orders().Count);
        var creates = emulator.Requests().Where(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal)).ToList();
        var mostAtOnce = creates.Max(c => creates.Count(o => o.ArrivedAt <= c.ArrivedAt && o.At > c.ArrivedAt));
        _log.WriteLine($"At most {mostAtOnce} creates in flight at once.");
        Assert.True(mostAtOnce > 16, $"At most {mostAtOnce} of 32 creates were in flight at once: something caps them at 16.");
    }

    private static long Hits(EmulatorProcess emulator) => emulator.Faults().Single(f => f.Kind == "latency").Hits;
}
