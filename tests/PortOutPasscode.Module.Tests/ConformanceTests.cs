using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Bandwidth's API as published (issue 13), met through the module as a user meets it: OAuth first and Basic refused,
/// what the token says, environments and realms, v2 with E.164, cursor paging, a 404 that is never "no data",
/// X-RateLimit-Reset, the connection's own pace, and 15610.
/// </summary>
public class ConformanceTests : IClassFixture<EmulatorFixture>, IClassFixture<TestRealmEmulatorFixture>
{
    private const string Passcode = "Cf8Lp3Qz";

    private readonly EmulatorFixture _fixture;
    private readonly TestRealmEmulatorFixture _testRealm;

    public ConformanceTests(EmulatorFixture fixture, TestRealmEmulatorFixture testRealm)
    {
        _fixture = fixture;
        _testRealm = testRealm;
    }

    [Fact]
    public void Basic_refused_by_Bandwidth_is_one_clear_401_at_Connect_and_stops_a_run_before_anything_is_stored()
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { allowBasic = false });
        using var session = new PowerShellSession();

        var connect = session.Run(Connect(emulator));

        var error = connect.SingleError("BandwidthCredentialsRefused");
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("HTTP 401", error.Exception.Message);
        Assert.Contains("decommissioned API users on 2026-12-02", error.Exception.Message); // what Bandwidth said
        Assert.Contains("-ClientCredential", error.Exception.Message);                      // what to do
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
        SecretScan.AssertClean(connect);

        // Connected without the check, a run ends at its first order with that one error, and nothing is stored.
        session.Run(Connect(emulator, options: "-SkipCheck")).AssertNoErrors();
        var run = session.Run($"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 100", new object[] { Numbers(300) });
        Assert.Equal("BandwidthCredentialsRefused", ScriptResult.ErrorId(Assert.Single(run.AllErrors)));
        Assert.NotNull(run.TerminatingError);
        Assert.Empty(emulator.Orders());
        SecretScan.AssertClean(run, Passcode);

        // OAuth2 is not affected.
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
    }

    [Fact]
    public void Basic_is_warned_about_once_per_session_with_the_date_and_what_to_do()
    {
        using var first = new PowerShellSession();
        var warnings = Enumerable.Range(0, 3)
            .SelectMany(_ => first.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -BaseUri http://127.0.0.1:9/api -SkipCheck").AssertNoErrors().Warnings)
            .ToList();
        using var second = new PowerShellSession();
        var secondSession = second.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -BaseUri http://127.0.0.1:9/api -SkipCheck").AssertNoErrors();
        var oauth = second.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -BaseUri http://127.0.0.1:9/api -SkipCheck").AssertNoErrors();

        var warning = Assert.Single(warnings);
        Assert.Contains("2026-12-02", warning.Message);
        Assert.Contains("OAuth2", warning.Message);
        Assert.Single(secondSession.Warnings);
        Assert.Empty(oauth.Warnings);
    }

    [Fact]
    public void A_client_without_the_order_role_is_refused_at_Connect_naming_the_role_and_no_connection_is_kept()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();

        var result = session.Run(Scripts.Credentials(clientId: "demo-readonly-client", clientSecret: "demo-readonly-secret") +
            $"Connect-BwAccount -AccountId 9900000 -ClientCredential $client -BaseUri '{emulator.BaseUri}'");

        var error = result.SingleError("BandwidthAccessDenied");
        Assert.NotNull(result.TerminatingError);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("demo-readonly-client", error.Exception.Message);
        Assert.Contains("Line Feature Management", error.Exception.Message);
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
        Assert.DoesNotContain(emulator.Requests(), r => r.Path.EndsWith("/tnoptions", StringComparison.Ordinal));
        Assert.DoesNotContain("demo-readonly-secret", result.AllText());
        SecretScan.AssertClean(result);
    }

    [Fact]
    public void An_account_the_token_does_not_name_is_refused_at_Connect_and_an_unnamed_one_is_asked_for_among_the_tokens()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();

        var other = session.Run(Connect(emulator, accountId: "1234567", oauth: true));
        var unnamed = session.Run(Scripts.Credentials() + $"Connect-BwAccount -ClientCredential $client -BaseUri '{emulator.BaseUri}'");

        var refused = other.SingleError("BandwidthAccessDenied");
        Assert.Contains("1234567", refused.Exception.Message);
        var missing = unnamed.SingleError("AccountIdMissing");
        Assert.Contains("9900000", missing.Exception.Message); // the two accounts the token names, to choose from
        Assert.Contains("9900001", missing.Exception.Message);
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
        Assert.Empty(emulator.Orders());
    }

    [Fact]
    public void With_one_account_in_the_token_AccountId_may_be_left_out()
    {
        var emulator = _testRealm.Emulator;
        using var session = new PowerShellSession();

        var result = session.Run(Scripts.Credentials(clientId: TestRealmEmulatorFixture.OneAccountClient, clientSecret: TestRealmEmulatorFixture.OneAccountSecret) +
            $"Connect-BwAccount -ClientCredential $client -BaseUri '{emulator.BaseUri}' -PassThru").AssertNoErrors();

        Assert.Equal("9900000", Assert.Single(result.Output).Properties["AccountId"].Value);
        session.Run("'2012000001' | Set-BwPortOutPasscode -Passcode $args[0]", Passcode).AssertNoErrors();
        Assert.Equal(Passcode, emulator.Passcodes()["2012000001"]);
        SecretScan.AssertClean(result);
    }

    [Fact]
    public void Environment_Test_sets_the_API_base_and_the_token_realm_together_and_a_test_host_never_gets_production_tokens()
    {
        using var session = new PowerShellSession();

        var test = Assert.Single(session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -Environment Test -SkipCheck -PassThru").AssertNoErrors().Output);
        var production = Assert.Single(session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -Environment Production -SkipCheck -PassThru").AssertNoErrors().Output);
        var testHost = Assert.Single(session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -BaseUri https://test.dashboard.bandwidth.com/api -SkipCheck -PassThru").AssertNoErrors().Output);

        Assert.Equal(new Uri("https://test.api.bandwidth.com/api/v2"), test.Properties["BaseUri"].Value);
        Assert.Equal(new Uri("https://test.api.bandwidth.com/api/v1/oauth2/token"), test.Properties["TokenUri"].Value);
        Assert.Equal(new Uri("https://dashboard.bandwidth.com/api"), production.Properties["BaseUri"].Value);
        Assert.Equal(new Uri("https://api.bandwidth.com/api/v1/oauth2/token"), production.Properties["TokenUri"].Value);
        Assert.Equal(new Uri("https://test.api.bandwidth.com/api/v1/oauth2/token"), testHost.Properties["TokenUri"].Value);
    }

    [Fact]
    public void A_token_of_the_other_realm_is_refused_at_Connect_with_what_the_API_said()
    {
        // The Test-realm emulator's API, with a token from the production one: what a wrong -TokenUri does.
        var api = _testRealm.Emulator;
        var production = _fixture.Emulator;
        using var session = new PowerShellSession();

        var result = session.Run(Scripts.Credentials() +
            $"Connect-BwAccount 9900000 -ClientCredential $client -BaseUri '{api.BaseUri}' -TokenUri '{production.RootUri}api/v1/oauth2/token'");

        var error = result.SingleError("BandwidthCredentialsRefused");
        Assert.Contains("issued for Bandwidth's Production environment", error.Exception.Message);
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
        SecretScan.AssertClean(result);
    }

    [Fact]
    public void On_v2_numbers_go_out_in_E164_and_every_answer_shows_the_users_ten_digits()
    {
        var emulator = _fixture.Emulator;
        var v2 = new Uri(emulator.RootUri, "api/v2");
        using var session = new PowerShellSession();
        session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -ClientCredential $client -BaseUri '{v2}'").AssertNoErrors();
        var rows = new[] { "(201) 200-0011", "+1 201 200 0012", "312-555-0000" }; // the last is not on the account: 5076

        var set = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Passcode}", rows);
        var lookup = session.Run("Get-BwPortOutPasscode -TelephoneNumber $args[0]", new object[] { rows });
        var listed = session.Run("Get-BwPortOutPasscode").AssertNoErrors();

        // The emulator refuses a 10-digit number on v2 (5070 for the whole order): the order went through, so E.164 went out.
        var order = Assert.Single(set.Output);
        Assert.Equal(new[] { "2012000011", "2012000012", "3125550000" }, ((string[])order.Properties["TelephoneNumbers"].Value).Order());
        var outcomes = ((System.Collections.IEnumerable)order.Properties["Outcomes"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal(new[] { "2012000011", "2012000012", "3125550000" }, outcomes.Select(o => (string)o.Properties["TelephoneNumber"].Value).Order());
        var failed = set.SingleError("BandwidthError5076");
        Assert.Equal("312-555-0000", failed.TargetObject); // the row as the user gave it
        Assert.All(emulator.Requests().Where(r => !r.Path.EndsWith("/oauth2/token", StringComparison.Ordinal)), r => Assert.StartsWith("/api/v2/", r.Path));
        Assert.Equal(Passcode, emulator.Passcodes()["2012000011"]);

        Assert.Equal(new[] { "2012000011", "2012000012", "3125550000" }, lookup.Values("TelephoneNumber").Cast<string>().Order());
        Assert.Equal(new object[] { true, true, false }, lookup.Output.OrderBy(o => (string)o.Properties["TelephoneNumber"].Value).Select(o => o.Properties["HasPasscode"].Value));
        Assert.Equal(new[] { "2012000011", "2012000012" }, listed.Values("TelephoneNumber").Cast<string>().Order());
        SecretScan.AssertClean(set, Passcode);
    }

    [Fact]
    public void A_base_without_api_is_a_clear_wrong_base_error_at_Connect_and_never_an_empty_audit()
    {
        var emulator = _fixture.Emulator;
        var wrong = emulator.RootUri; // http://127.0.0.1:port/ — the /api left out
        using var session = new PowerShellSession();

        var connect = session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -ClientCredential $client -BaseUri '{wrong}'");
        Assert.Contains("/api", connect.SingleError("BandwidthBaseUriWrong").Exception.Message);
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);

        session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -ClientCredential $client -BaseUri '{wrong}' -SkipCheck").AssertNoErrors();
        foreach (var audit in new[] { "Get-BwPortOutPasscode", "Test-BwPortOutProtection" })
        {
            var result = session.Run(audit + "\n'after'");
            var error = result.SingleError("BandwidthBaseUriWrong");
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("not an empty result", error.Exception.Message);
            Assert.NotNull(result.TerminatingError); // the script stops: $? is never true on a false audit
            Assert.Empty(result.Output);
        }
    }

    [Fact]
    public void The_protected_list_is_walked_by_cursor_over_many_pages_without_a_repeat_or_a_skip_while_numbers_are_added()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(new[] { "2012100000-2012104999" }, Passcode); // 5,000 numbers: 10 pages of 500
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        emulator.AddFault(new { endpoint = "passcodes", kind = "latency", latencyMs = 300 });

        using var running = session.Start("Get-BwPortOutPasscode -AsPlainText");
        for (var i = 0; i < 500 && PagesServed(emulator) < 2 && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.True(PagesServed(emulator) is >= 2 and < 10, $"{PagesServed(emulator)} pages were served before the numbers were added.");
        emulator.SetPasscodes(new[] { "2012000000-2012000099" }, Passcode); // before the cursor: behind the walk
        emulator.SetPasscodes(new[] { "2012200000-2012200099" }, Passcode); // after the last page: ahead of it
        var result = running.Wait().AssertNoErrors();

        var listed = result.Values("TelephoneNumber").Cast<string>().ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        var original = Enumerable.Range(0, 5000).Select(i => (2012100000L + i).ToString()).ToList();
        Assert.Empty(original.Except(listed));
        Assert.Equal(100, listed.Count(n => n.StartsWith("20122000", StringComparison.Ordinal)));
        Assert.DoesNotContain(listed, n => n.StartsWith("20120000", StringComparison.Ordinal));
        var pages = emulator.Requests().Where(r => r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal) && r.Method == "GET" && r.Query != "page=1&size=1").ToList();
        Assert.True(pages.Count >= 11, $"{pages.Count} pages");
        // Every page after the first is the cursor the previous answer named (a number), never a computed page=2.
        Assert.All(pages.Skip(1), p => Assert.Matches(@"(^|&)page=\d{10}(&|$)", p.Query));
    }

    [Fact]
    public void X_RateLimit_Reset_with_an_empty_body_is_waited_until_and_the_run_then_succeeds()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        emulator.AddFault(new { endpoint = "create", kind = "throttle", rateLimitReset = 3, count = 1 });

        var result = session.Run($"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -Verbose", new object[] { Numbers(10) }).AssertNoErrors();

        var creates = emulator.Requests().Where(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { 429, 201 }, creates.Select(c => c.Status));
        var waited = creates[1].ArrivedAt - creates[0].At;
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"The create was sent again {waited.TotalMilliseconds:0} ms after the 429 that asked for 3 s.");
        Assert.Equal("COMPLETE", Assert.Single(result.Output).Properties["ProcessingStatus"].Value);
        Assert.Single(emulator.Orders());
        Assert.Contains(result.Verbose, v => v.Message.Contains("429"));
    }

    [Fact]
    public void MaximumRequestsPerSecond_paces_the_connections_requests()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true, options: "-MaximumRequestsPerSecond 4")).AssertNoErrors();
        var orderId = (string)Assert.Single(session.Run($"'2012000001' | Set-BwPortOutPasscode -Passcode {Passcode} -NoWait -WarningAction SilentlyContinue")
            .AssertNoErrors().Values("OrderId"))!;

        // Twelve reads of one order, each a few milliseconds of work: unpaced, they all go out within a fraction of a second.
        session.Run("Get-BwTnOptionOrder -OrderId $args[0] | Measure-Object", new object[] { Enumerable.Repeat(orderId, 12).ToArray() }).AssertNoErrors();

        var reads = emulator.Requests().Where(r => r.Method == "GET" && r.Path.EndsWith("/" + orderId, StringComparison.Ordinal))
            .Select(r => r.ArrivedAt).Order().ToList();
        Assert.Equal(12, reads.Count);
        // 4 a second from a bucket of one: each read after the first waits for the next quarter-second token.
        var span = reads[^1] - reads[0];
        Assert.True(span >= TimeSpan.FromSeconds(2.2), $"12 reads at 4/s went out over {span.TotalMilliseconds:0} ms.");
        var busiestSecond = reads.Max(start => reads.Count(r => r >= start && r < start + TimeSpan.FromSeconds(1)));
        Assert.True(busiestSecond <= 6, $"{busiestSecond} reads went out within one second at 4/s.");
    }

    [Fact]
    public void A_number_not_on_the_account_is_15610_in_a_look_up_and_NotInService_in_a_protection_test()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        session.Run($"'2012000001' | Set-BwPortOutPasscode -Passcode {Passcode}").AssertNoErrors();

        var lookup = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012000001, 2012000002, 3125550000").AssertNoErrors();
        var test = session.Run("Test-BwPortOutProtection -TelephoneNumber 3125550000");

        var byNumber = lookup.Output.ToDictionary(o => (string)o.Properties["TelephoneNumber"].Value);
        Assert.Equal(true, byNumber["2012000001"].Properties["HasPasscode"].Value);
        Assert.Equal(false, byNumber["2012000002"].Properties["HasPasscode"].Value);
        Assert.Null(byNumber["2012000002"].Properties["ErrorCode"].Value); // 15619, "no passcode", is an answer, not an error
        Assert.Equal(false, byNumber["3125550000"].Properties["HasPasscode"].Value);
        Assert.Equal("15610", byNumber["3125550000"].Properties["ErrorCode"].Value);
        var status = test.Output.Select(o => o.Properties["Status"]?.Value?.ToString()).Where(s => s != null);
        Assert.Contains("NotInService", status);
    }

    [Fact]
    public void A_15610_on_a_later_page_of_the_protected_list_is_one_error_after_the_numbers_already_listed()
    {
        HostileServer? server = null;
        server = new HostileServer((line, stream) => line.Contains("page=1&", StringComparison.Ordinal)
            ? HostileServer.Answer(stream, 200,
                "<TelephoneNumbersResponse><TelephoneNumberCount>3</TelephoneNumberCount><Links><next>" +
                $"Link=&lt;{server!.BaseUri}/accounts/9900000/tnPortoutPasscodes?page=3125550000&amp;size=500&gt;;rel=\"next\";</next></Links>" +
                $"<TelephoneNumbers><TelephoneNumber><FullNumber>2012000001</FullNumber><Passcode>{Passcode}</Passcode></TelephoneNumber>" +
                $"<TelephoneNumber><FullNumber>2012000002</FullNumber><Passcode>{Passcode}</Passcode></TelephoneNumber></TelephoneNumbers></TelephoneNumbersResponse>")
            : HostileServer.Answer(stream, 400,
                "<TelephoneNumbersResponse><ResponseStatus><ErrorCode>15610</ErrorCode><Description>Telephone Numbers cannot be found on account(s) 9900000</Description>" +
                "<TelephoneNumbers><TelephoneNumber>3125550000</TelephoneNumber></TelephoneNumbers></ResponseStatus></TelephoneNumbersResponse>"));
        using (server)
        {
            using var session = new PowerShellSession();
            session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -Credential $cred -BaseUri '{server.BaseUri}' -SkipCheck -WarningAction SilentlyContinue").AssertNoErrors();

            var result = session.Run("Get-BwPortOutPasscode");

            Assert.Equal(new[] { "2012000001", "2012000002" }, result.Values("TelephoneNumber").Cast<string>());
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("BandwidthError15610", ScriptResult.ErrorId(error));
            Assert.Contains("cannot be found on account", error.Exception.Message);
            Assert.Equal(2, server.RequestLines.Count);
            SecretScan.AssertClean(result, Passcode);
        }
    }

    private static int PagesServed(EmulatorProcess emulator) =>
        emulator.Requests().Count(r => r.Method == "GET" && r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal) && r.Query != "page=1&size=1");
}

/// <summary>
/// A second emulator, of Bandwidth's Test environment (its tokens carry realm Test), with an OAuth2 client whose token names
/// one account only.
/// </summary>
public sealed class TestRealmEmulatorFixture : EmulatorFixture
{
    public const string OneAccountClient = "one-account-client";
    public const string OneAccountSecret = "one-account-secret";

    public TestRealmEmulatorFixture()
        : base("--Emulator:Environment=Test",
            $"--Emulator:OAuthClients:2:ClientId={OneAccountClient}",
            $"--Emulator:OAuthClients:2:ClientSecret={OneAccountSecret}",
            "--Emulator:OAuthClients:2:Accounts:0=9900000")
    {
    }
}

/// <summary>The environment as the Bandwidth CLI reads it: BW_ENVIRONMENT picks the environment, as -Environment does.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentVariableConformanceTests : IDisposable
{
    private static readonly string[] Names =
        { "BW_ACCOUNT_ID", "BW_USERNAME", "BW_PASSWORD", "BW_CLIENT_ID", "BW_CLIENT_SECRET", "BW_API_BASE_URI", "BW_ENVIRONMENT" };

    public EnvironmentVariableConformanceTests() => Clear();

    public void Dispose() => Clear();

    private static void Clear()
    {
        foreach (var name in Names) Environment.SetEnvironmentVariable(name, null);
    }

    [Theory]
    [InlineData("Test", "https://test.api.bandwidth.com/api/v2", "https://test.api.bandwidth.com/api/v1/oauth2/token")]
    [InlineData("test", "https://test.api.bandwidth.com/api/v2", "https://test.api.bandwidth.com/api/v1/oauth2/token")]
    [InlineData("Production", "https://dashboard.bandwidth.com/api", "https://api.bandwidth.com/api/v1/oauth2/token")]
    public void BW_ENVIRONMENT_sets_the_base_and_the_token_realm(string environment, string baseUri, string tokenUri)
    {
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
        Environment.SetEnvironmentVariable("BW_CLIENT_ID", "env-client");
        Environment.SetEnvironmentVariable("BW_CLIENT_SECRET", "env-secret-42");
        Environment.SetEnvironmentVariable("BW_ENVIRONMENT", environment);
        using var session = new PowerShellSession();

        var connection = Assert.Single(session.Run("Connect-BwAccount -SkipCheck -PassThru").AssertNoErrors().Output);

        Assert.Equal(new Uri(baseUri), connection.Properties["BaseUri"].Value);
        Assert.Equal(new Uri(tokenUri), connection.Properties["TokenUri"].Value);
    }

    [Fact]
    public void An_explicit_Environment_wins_over_BW_ENVIRONMENT_and_an_unknown_one_is_a_clear_error()
    {
        Environment.SetEnvironmentVariable("BW_ENVIRONMENT", "Test");
        using var session = new PowerShellSession();
        var connection = Assert.Single(session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -Environment Production -SkipCheck -PassThru")
            .AssertNoErrors().Output);
        Assert.Equal(new Uri("https://dashboard.bandwidth.com/api"), connection.Properties["BaseUri"].Value);

        Environment.SetEnvironmentVariable("BW_ENVIRONMENT", "Staging");
        var error = session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -SkipCheck").SingleError("InvalidEnvironment");
        Assert.Contains("BW_ENVIRONMENT", error.Exception.Message);
    }
}
