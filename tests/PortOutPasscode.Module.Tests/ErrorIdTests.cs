using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// One failure, one ErrorId and one category, whichever cmdlet met it (the error boundary): credentials refused, a base
/// address that is not the API's, an API that cannot be reached, and throttling beyond what the connection allows. Failures
/// no request can get past end every cmdlet with a terminating error.
/// </summary>
public class ErrorIdTests : IClassFixture<EmulatorFixture>
{
    private const string AnOrder = "11111111-1111-4111-8111-111111111111";

    /// <summary>Every cmdlet that talks to Bandwidth, as a user calls it; the ones that read one thing by id are marked.</summary>
    private static readonly (string Name, string Script, bool ById)[] Cmdlets =
    {
        ("Set (-TelephoneNumber)", "Set-BwPortOutPasscode -TelephoneNumber 2012700001 -Passcode Hn4Jm8", false),
        ("Set (pipeline)", "'2012700001' | Set-BwPortOutPasscode -Passcode Hn4Jm8", false),
        ("Remove", "Remove-BwPortOutPasscode 2012700001 -Force", false),
        ("Sync", "Sync-BwPortOutPasscode -TelephoneNumber 2012700001 -Passcode Hn4Jm8", false),
        ("Get-BwPortOutPasscode (numbers)", "Get-BwPortOutPasscode -TelephoneNumber 2012700001", false),
        ("Get-BwPortOutPasscode (every one)", "Get-BwPortOutPasscode", false),
        ("Get-BwTnOptionOrder (list)", "Get-BwTnOptionOrder", false),
        ("Test-BwPortOutProtection (in service)", "Test-BwPortOutProtection", false),
        ("Test-BwPortOutProtection (numbers)", "Test-BwPortOutProtection -TelephoneNumber 2012700001", false),
        ("Get-BwPortOut", "Get-BwPortOut", false),
        ("Get-BwSubscription", "Get-BwSubscription", false),
        ("Get-BwTnOptionOrder (by id)", $"Get-BwTnOptionOrder -OrderId {AnOrder}", true),
        ("Get-BwTnOptionOrderHistory", $"Get-BwTnOptionOrderHistory -OrderId {AnOrder}", true),
        ("Wait-BwTnOptionOrder", $"Wait-BwTnOptionOrder -OrderId {AnOrder}", true),
    };

    private readonly EmulatorFixture _fixture;

    public ErrorIdTests(EmulatorFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Failures => new() { "refused", "base wrong", "unreachable", "throttled" };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_cmdlet_gives_one_failure_the_same_ErrorId_and_category(string failure)
    {
        var emulator = _fixture.Emulator;
        var (baseUri, password, options, errorId, category, terminating) = failure switch
        {
            "refused" => (emulator.BaseUri.ToString(), "not-the-password", "", "BandwidthCredentialsRefused", ErrorCategory.AuthenticationError, true),
            "base wrong" => (new Uri(emulator.RootUri, "/not-the-api").ToString(), "demo-password", "", "BandwidthBaseUriWrong", ErrorCategory.InvalidArgument, true),
            "unreachable" => ("http://127.0.0.1:1/api", "demo-password", "-MaximumRetryCount 0", "BandwidthUnreachable", ErrorCategory.ConnectionError, false),
            _ => (emulator.BaseUri.ToString(), "demo-password", "-MaximumRetryDelaySec 2", "BandwidthThrottled", ErrorCategory.LimitsExceeded, false),
        };
        using var session = new PowerShellSession();
        var connect = Scripts.Credentials(password: password) +
            $"Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri '{baseUri}' {options} -WarningAction SilentlyContinue";
        session.Run(connect + " -SkipCheck").AssertNoErrors();
        void Arm()
        {
            if (failure == "throttled") emulator.AddFault(new { endpoint = "*", kind = "throttle", retryAfter = "30", count = 1 });
        }

        var seen = new List<string>();
        foreach (var (name, script, byId) in Cmdlets)
        {
            // By id, a 404 is that thing missing: a wrong base cannot be told from it, and is OrderNotFound there.
            if (failure == "base wrong" && byId) continue;
            Arm();
            var result = session.Run(script + " -WarningAction SilentlyContinue");
            var errors = result.AllErrors.ToList();
            Assert.True(errors.Count == 1, $"{name}: {errors.Count} errors\n{string.Join("\n", errors.Select(ScriptResult.Describe))}");
            var error = errors[0];
            Assert.True(ScriptResult.ErrorId(error) == errorId && error.CategoryInfo.Category == category,
                $"{name}: {ScriptResult.Describe(error)}, expected [{errorId}] {category}");
            if (terminating) Assert.True(result.TerminatingError != null, $"{name} went on after {errorId}");
            SecretScan.AssertClean(result, "Hn4Jm8", password);
            seen.Add(name);
            emulator.ClearFaults();
        }

        // Connecting meets it the same way, and stores nothing.
        Arm();
        var connecting = session.Run("Disconnect-BwAccount\n" + connect);
        Assert.Equal(errorId, ScriptResult.ErrorId(connecting.TerminatingError!));
        Assert.Equal(category, connecting.TerminatingError!.CategoryInfo.Category);
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
        Assert.True(seen.Count >= 11, string.Join(", ", seen));
    }
}
