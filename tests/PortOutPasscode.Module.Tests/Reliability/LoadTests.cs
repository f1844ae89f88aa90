using PortOutPasscode.Module.Tests.Harness;
using Xunit.Abstractions;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>Many sessions at once against one API: each gets its own orders, and the totals add up.</summary>
public class LoadTests : IClassFixture<EmulatorFixture>
{
    private const int Sessions = 50;
    private const int NumbersPerSession = 2000;
    private const string Passcode = "Ld5Rt9Wq";

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _log;

    public LoadTests(EmulatorFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    [Fact]
    public void Fifty_runspaces_each_protecting_2000_numbers_all_succeed_and_the_totals_add_up()
    {
        var emulator = _fixture.Emulator;
        var results = new ScriptResult[Sessions];
        var numbersOf = Enumerable.Range(0, Sessions).Select(s => Rows.Numbers(NumbersPerSession, start: 400_000 + s * NumbersPerSession)).ToArray();

        // One thread per session, all started together: the bound is the number of sessions.
        var threads = Enumerable.Range(0, Sessions).Select(s => new Thread(() =>
        {
            using var session = new PowerShellSession();
            results[s] = session.Run(Rows.Connect(emulator, oauth: s % 2 == 0) +
                $"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode}", new object[] { numbersOf[s] });
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromMinutes(5)), "A session did not finish."));

        for (var s = 0; s < Sessions; s++)
        {
            results[s].AssertNoErrors();
            var mine = results[s].Output.SelectMany(o => (string[])o.Properties["TelephoneNumbers"].Value).OrderBy(n => n);
            Assert.Equal(numbersOf[s], mine);
            Assert.All(results[s].Output, o => Assert.Equal("COMPLETE", o.Properties["ProcessingStatus"].Value));
            SecretScan.AssertClean(results[s], Passcode);
        }
        var stored = emulator.Orders();
        Assert.Equal(stored.Count, stored.Select(o => o.CustomerOrderId).Distinct().Count());
        Assert.Equal(stored.Select(o => o.OrderId).OrderBy(id => id), results.SelectMany(r => r.Values("OrderId")).Select(v => (string)v!).OrderBy(id => id));
        var storedNumbers = stored.SelectMany(o => o.TelephoneNumbers).ToList();
        Assert.Equal(Sessions * NumbersPerSession, storedNumbers.Count);
        Assert.Equal(storedNumbers.Count, storedNumbers.Distinct().Count());
        Assert.Equal(Sessions * NumbersPerSession, emulator.Passcodes().Count(p => p.Value == Passcode));
        _log.WriteLine($"{Sessions} sessions, {stored.Count} orders, {storedNumbers.Count} numbers stored, {emulator.Requests().Count} requests.");
    }
}
