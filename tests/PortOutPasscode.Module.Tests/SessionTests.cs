using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// What a session holds across calls (issue 11): log lines reach the cmdlet whose request they are about, also when two
/// cmdlets of one pipeline talk to Bandwidth at once, and a connection that is replaced or forgotten gives its client back.
/// </summary>
public class SessionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SessionTests(EmulatorFixture fixture) => _fixture = fixture;

    /// <summary>The client's one line per request: "GET /api/accounts/…/tnoptions/{id} answered 200 in 3 ms."</summary>
    private static List<DebugRecord> Answered(ScriptResult result, string orderId) =>
        result.Debug.Where(d => d.Message.Contains("/tnoptions/" + orderId, StringComparison.Ordinal) && d.Message.Contains(" answered ", StringComparison.Ordinal)).ToList();

    private static int GetsOf(EmulatorProcess emulator, string orderId) =>
        emulator.Requests().Count(r => r.Method == "GET" && r.Path.EndsWith("/tnoptions/" + orderId, StringComparison.Ordinal));

    [Fact]
    public void Debug_lines_reach_the_cmdlet_of_the_pipeline_that_made_the_request()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var set = session.Run(Connect(emulator) + "'2012900001' | Set-BwPortOutPasscode -Passcode Dq3Lp7").AssertNoErrors();
        var orderId = (string)Assert.Single(set.Output).Properties["OrderId"].Value;

        var before = GetsOf(emulator, orderId);
        var getDebug = session.Run("Get-BwTnOptionOrder -OrderId $args[0] -Debug | Wait-BwTnOptionOrder", orderId).AssertNoErrors();
        var getRequests = GetsOf(emulator, orderId) - before;
        var heard = Answered(getDebug, orderId);
        // Get read the order once and Wait at least once more; only Get asked to be heard, and it hears its one request.
        Assert.True(getRequests >= 2, $"{getRequests} requests");
        var line = Assert.Single(heard);
        Assert.Equal("Get-BwTnOptionOrder", line.InvocationInfo.MyCommand.Name);

        before = GetsOf(emulator, orderId);
        var waitDebug = session.Run("Get-BwTnOptionOrder -OrderId $args[0] | Wait-BwTnOptionOrder -Debug", orderId).AssertNoErrors();
        var waitRequests = GetsOf(emulator, orderId) - before - 1; // less Get's own
        heard = Answered(waitDebug, orderId);
        Assert.Equal(waitRequests, heard.Count);
        Assert.All(heard, d => Assert.Equal("Wait-BwTnOptionOrder", d.InvocationInfo.MyCommand.Name));
        Assert.NotEmpty(heard);
    }

    [Fact]
    public void Connecting_twenty_times_with_runs_between_leaves_only_the_current_connection_s_client()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        // ClientCache keeps one client per connection id; a replaced or forgotten connection must leave it.
        var result = session.Run(Scripts.Credentials() + $@"
$cache = (Get-Command Connect-BwAccount).ImplementingType.Assembly.GetType('PortOutPasscode.Session.ClientCache', $true)
$entries = $cache.GetField('Entries', [System.Reflection.BindingFlags] 'NonPublic, Static').GetValue($null)
$ids = foreach ($i in 1..20) {{
    $connection = Connect-BwAccount -AccountId 9900000 -ClientCredential $client -BaseUri '{emulator.BaseUri}' -PassThru
    $null = Get-BwPortOutPasscode -TelephoneNumber (2012900100 + $i)
    $null = [string](2012900200 + $i) | Set-BwPortOutPasscode -Passcode Dq3Lp7 -InformationAction Ignore
    $connection.Id
}}
$alive = @($ids | Where-Object {{ $entries.ContainsKey($_) }})
$lastAlive = $entries.ContainsKey($ids[-1])
Disconnect-BwAccount
[pscustomobject]@{{ Connections = @($ids).Count; AliveBefore = $alive.Count; LastAlive = $lastAlive; AliveAfter = @($ids | Where-Object {{ $entries.ContainsKey($_) }}).Count }}
").AssertNoErrors();

        var counts = result.Output.Last();
        Assert.Equal(20, counts.Properties["Connections"].Value);
        Assert.Equal(1, counts.Properties["AliveBefore"].Value); // the current one's, which ran the last calls
        Assert.Equal(true, counts.Properties["LastAlive"].Value);
        Assert.Equal(0, counts.Properties["AliveAfter"].Value); // and none once disconnected
        Assert.Equal(20, emulator.Orders().Count);
    }
}
