using PortOutPasscode.Module.Tests.Harness;
using Xunit.Abstractions;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// Set-BwPortOutPasscode under each of the emulator's faults, and under all of them at once: whatever the
/// network and the API do, the emulator's record and the cmdlet's output and errors must add up (RunAccounting).
/// </summary>
public class FaultMatrixTests : IClassFixture<EmulatorFixture>
{
    private const int Numbers = 20_000;
    private const string Passcode = "Qz7Wk2Pm";

    /// <summary>A fault scenario: the faults switched on after connecting, and how the client is tuned for it.</summary>
    public sealed record FaultScenario(
        object[] Faults,
        string ConnectOptions = "-MaximumRetryCount 3",
        int ThrottleLimit = 4,
        int? ExpectedNotStored = 0,
        bool ExpireTokensMidRun = false,
        bool EveryOrderFollowedToTheEnd = true);

    private static readonly Dictionary<string, FaultScenario> Scenarios = new()
    {
        ["429 Retry-After seconds"] = new(new object[] { new { endpoint = "create", kind = "throttle", retryAfter = "2", count = 3 } }),
        ["429 Retry-After HTTP-date"] = new(new object[] { new { endpoint = "*", kind = "throttle", retryAfter = "date", every = 4, count = 4 } }),
        ["500 on create"] = new(new object[] { new { endpoint = "create", kind = "status", status = 500, count = 2 } }),
        ["502 anywhere"] = new(new object[] { new { endpoint = "*", kind = "status", status = 502, every = 3, count = 4 } }),
        // One order at a time, and more 503s than its retries: that order fails whole and its 5,000 numbers are reported.
        ["503 beyond the retry budget"] = new(new object[] { new { endpoint = "create", kind = "status", status = 503, count = 3 } },
            "-MaximumRetryCount 2", ThrottleLimit: 1, ExpectedNotStored: 5000),
        ["504 while polling"] = new(new object[] { new { endpoint = "get", kind = "status", status = 504, count = 4 } }),
        ["connection dropped before handling"] = new(new object[] { new { endpoint = "create", kind = "dropBefore", count = 2 } }),
        ["connection dropped after the order was stored"] = new(new object[] { new { endpoint = "create", kind = "dropAfterStore", count = 2 } }),
        ["answer slower than the request timeout"] = new(new object[] { new { endpoint = "create", kind = "latency", latencyMs = 4000, count = 2 } },
            "-MaximumRetryCount 3 -RequestTimeoutSec 1"),
        ["truncated XML on GET"] = new(new object[] { new { endpoint = "get", kind = "truncate", count = 3 } }),
        ["truncated XML on create"] = new(new object[] { new { endpoint = "create", kind = "truncate", count = 2 } }),
        // Polls fail beyond the retries: the orders went through, so they are output as last seen, each with one error.
        ["504 beyond the retry budget while polling"] = new(new object[] { new { endpoint = "get", kind = "status", status = 504 } },
            "-MaximumRetryCount 1", EveryOrderFollowedToTheEnd: false),
        ["OAuth token expired mid-run"] = new(Array.Empty<object>(), ThrottleLimit: 1, ExpireTokensMidRun: true),
        ["all faults at once"] = new(new object[]
        {
            new { endpoint = "create", kind = "throttle", retryAfter = "2", count = 1 },
            new { endpoint = "*", kind = "throttle", retryAfter = "date", every = 7, count = 2 },
            new { endpoint = "create", kind = "status", status = 500, count = 1 },
            new { endpoint = "*", kind = "status", status = 502, every = 5, count = 2 },
            new { endpoint = "create", kind = "status", status = 503, count = 1 },
            new { endpoint = "get", kind = "status", status = 504, count = 2 },
            new { endpoint = "create", kind = "dropBefore", count = 1 },
            new { endpoint = "create", kind = "dropAfterStore", count = 2 },
            new { endpoint = "create", kind = "latency", latencyMs = 5000, count = 1 },
            new { endpoint = "get", kind = "truncate", count = 2 },
            new { endpoint = "create", kind = "truncate", count = 1 },
        }, "-MaximumRetryCount 6 -RequestTimeoutSec 2", ExpectedNotStored: null, ExpireTokensMidRun: true),
    };

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _log;

    public FaultMatrixTests(EmulatorFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    public static IEnumerable<object[]> ScenarioNames => Scenarios.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_number_is_stored_once_or_reported_once(string scenarioName)
    {
        var scenario = Scenarios[scenarioName];
        var emulator = _fixture.Emulator;
        var numbers = Rows.Numbers(Numbers, start: 100_000);
        using var session = new PowerShellSession();
        session.Run(Rows.Connect(emulator, oauth: true, options: scenario.ConnectOptions)).AssertNoErrors();
        foreach (var fault in scenario.Faults) emulator.AddFault(fault);

        var script = $"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 5000 -ThrottleLimit {scenario.ThrottleLimit} -Verbose -Debug";
        ScriptResult result;
        using (var running = session.Start(script, null, new object[] { numbers }))
        {
            if (scenario.ExpireTokensMidRun)
            {
                WaitForFirstStoredOrder(emulator, running);
                emulator.ExpireTokens();
            }
            result = running.Wait();
        }

        Assert.Null(result.TerminatingError);
        var tally = RunAccounting.Check(emulator, numbers, result);
        SecretScan.AssertClean(result, Passcode);
        var refusedTokens = emulator.Requests().Count(r => r.Status == 401);
        _log.WriteLine($"{scenarioName}: {tally}, 401 after token expiry: {refusedTokens}");
        if (scenario.ExpectedNotStored is int expected) Assert.Equal(expected, tally.NotStored);
        // A scenario whose fault never fired would prove nothing.
        Assert.True(scenario.ExpireTokensMidRun ? refusedTokens > 0 : tally.FaultyRequests > 0, "No fault was injected.");
        if (scenario.EveryOrderFollowedToTheEnd)
        {
            Assert.All(result.Output, order => Assert.Equal("COMPLETE", order.Properties["ProcessingStatus"].Value));
        }
        else
        {
            Assert.Equal(tally.StoredOrders, result.AllErrors.Count(e => ScriptResult.ErrorId(e) == "OrderWaitFailed"));
        }
    }

    private static void WaitForFirstStoredOrder(EmulatorProcess emulator, RunningScript running)
    {
        // Bounded: the faults before the first order (a 2 s throttle, 5xx, a dropped create looked up again later) take seconds.
        for (var i = 0; i < 1500 && emulator.Orders().Count == 0 && !running.IsCompleted; i++)
        {
            Thread.Sleep(20);
        }
        Assert.NotEmpty(emulator.Orders());
    }
}
