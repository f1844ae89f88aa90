using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Strong PINs, the port-outs against the account's numbers, and notifications of them, as a user meets them through the
/// engine: the emulator as a process, its port-out simulation driven by its admin API, a callback received on loopback here.
/// </summary>
public class PortOutVisibilityTests : IClassFixture<EmulatorFixture>
{
    private const string Passcode = "a1b2c3";
    private const string WrongPin = "b2c3d4";
    private const string HookPassword = "Hook-Pa55-word";
    private const string HookCredential = "$hook = [pscredential]::new('hook', [System.Net.NetworkCredential]::new('', '" + HookPassword + "').SecurePassword)\n";

    private readonly EmulatorFixture _fixture;

    public PortOutVisibilityTests(EmulatorFixture fixture) => _fixture = fixture;

    private static string Plain(object value) => new NetworkCredential(string.Empty, (SecureString)value).Password;

    private static string Text(PSObject item, string property) => item.Properties[property]?.Value?.ToString();

    // ------------------------------------------------------------------ New-BwPortOutPasscode

    [Fact]
    public void New_PIN_is_eight_digits_as_a_SecureString_made_without_a_connection_and_shown_nowhere()
    {
        using var session = new PowerShellSession();

        var result = session.Run("New-BwPortOutPasscode -Verbose").AssertNoErrors();

        var pin = Plain(Assert.Single(result.Output).BaseObject);
        Assert.Matches("^[0-9]{8}$", pin);
        SecretScan.AssertClean(result, pin);
    }

    [Fact]
    public void New_PINs_are_distinct_of_the_asked_length_and_alphabet_and_hold_no_part_of_the_numbers_they_are_for()
    {
        using var session = new PowerShellSession();

        var alphanumeric = session.Run("New-BwPortOutPasscode -Length 6 -Alphanumeric -Count 300 -AsPlainText").AssertNoErrors();
        var forNumbers = session.Run("New-BwPortOutPasscode -Length 4 -Count 2000 -AsPlainText -TelephoneNumber '+1 (201) 855-1020', '2012000101'").AssertNoErrors();

        var pins = alphanumeric.Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(300, pins.Distinct().Count());
        Assert.All(pins, p => Assert.Matches("^[2-9A-HJKMNP-Z]{6}$", p)); // no 0, O, 1, I, L
        var written = new[] { "12018551020", "12012000101" };
        foreach (var pin in forNumbers.Output.Select(o => (string)o.BaseObject))
        {
            Assert.Matches("^[0-9]{4}$", pin);
            Assert.DoesNotContain(written, n => n.Contains(pin, StringComparison.Ordinal));
            Assert.NotEqual("1234", pin);
            Assert.False(pin.Distinct().Count() == 1, pin);
        }
    }

    [Fact]
    public void New_PIN_refuses_a_length_the_API_would_refuse_a_number_that_is_not_one_and_more_PINs_than_there_are()
    {
        using var session = new PowerShellSession();

        var tooShort = session.Run("New-BwPortOutPasscode -Length 3");
        var badNumber = session.Run("New-BwPortOutPasscode -TelephoneNumber 'call me'");
        var tooMany = session.Run("New-BwPortOutPasscode -Length 4 -Count 10000 -AsPlainText");

        Assert.Equal("ParameterArgumentValidationError", ScriptResult.ErrorId(tooShort.TerminatingError!));
        Assert.Contains("call me", badNumber.SingleError("InvalidTelephoneNumber").Exception.Message);
        var exhausted = tooMany.SingleError("NoStrongPinLeft");
        Assert.Contains("-Length", exhausted.Exception.Message);
        Assert.Empty(tooMany.Output); // all or nothing: no half list to hand out
    }

    // ------------------------------------------------------------------ Get-BwPortOut

    [Fact]
    public void A_wrong_PIN_port_out_is_seen_with_Get_BwPortOut_Status_EXCEPTION_with_its_7610_until_the_right_PIN_completes_it()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true) + "'2012006000' | Set-BwPortOutPasscode -Passcode " + Passcode).AssertNoErrors();
        var refused = emulator.PortOut("2012006000", WrongPin);
        Assert.Equal(409, refused.Status);
        var heldId = refused.Body.GetProperty("orderId").GetString()!;
        Assert.Equal(200, emulator.PortOut("2012006001", "anything").Status); // not protected: it ports

        var exception = session.Run("Get-BwPortOut -Status EXCEPTION").AssertNoErrors();

        var held = Assert.Single(exception.Output);
        Assert.Equal("PortOutPasscode.BwPortOut", held.TypeNames[0]);
        Assert.Equal(heldId, Text(held, "OrderId"));
        Assert.Equal("EXCEPTION", Text(held, "ProcessingStatus"));
        Assert.Equal("7610", Text(held, "ErrorCode"));
        Assert.True((bool)held.Properties["PinMismatch"].Value);
        Assert.Contains("PIN does not match", Text(held, "ErrorMessage"));
        Assert.Equal("2012006000", Text(held, "BillingTelephoneNumber"));
        Assert.Equal("512E", Text(held, "VendorId"));
        SecretScan.AssertClean(exception, Passcode, WrongPin);

        Assert.Equal(200, emulator.ResubmitPortOut(heldId, Passcode).Status);
        Assert.Empty(session.Run("Get-BwPortOut -Status EXCEPTION").AssertNoErrors().Output);
        var complete = session.Run("Get-BwPortOut -Status COMPLETE").AssertNoErrors();
        Assert.Contains(heldId, complete.Values("OrderId"));
        Assert.Equal(2, complete.Output.Count);
    }

    [Fact]
    public void Port_outs_filter_by_number_and_time_and_one_read_by_id_from_the_pipeline_names_every_number()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true) + "'2012006100', '2012006101' | Set-BwPortOutPasscode -Passcode " + Passcode).AssertNoErrors();
        Assert.Equal(409, emulator.PortOut("2012006100", WrongPin).Status);
        Assert.Equal(409, emulator.PortOut("2012006101", WrongPin).Status);

        var byNumber = session.Run("Get-BwPortOut -TelephoneNumber '+1 (201) 200-6101'").AssertNoErrors();
        var lastHour = session.Run("Get-BwPortOut -Since ([datetime]::Now).AddHours(-1)").AssertNoErrors();
        var later = session.Run("Get-BwPortOut -Since ([datetime]::Now).AddMinutes(10)").AssertNoErrors();
        var before = session.Run("Get-BwPortOut -Until ([datetime]::Now).AddMinutes(-10)").AssertNoErrors();
        var piped = session.Run("Get-BwPortOut -TelephoneNumber 2012006100 | Get-BwPortOut").AssertNoErrors();

        Assert.Equal("2012006101", Text(Assert.Single(byNumber.Output), "BillingTelephoneNumber"));
        Assert.Equal(2, lastHour.Output.Count);
        // Today, as the API filters by day, but not within the asked time: the time of day is applied here.
        Assert.Empty(later.Output);
        Assert.Empty(before.Output);
        var one = Assert.Single(piped.Output);
        Assert.Equal(new[] { "2012006100" }, (string[])one.Properties["TelephoneNumbers"].Value);
        Assert.Equal("EXCEPTION", Text(one, "ProcessingStatus"));
        var queries = emulator.Requests().Where(r => r.Path.EndsWith("/portouts", StringComparison.Ordinal)).Select(r => r.Query ?? "").ToList();
        Assert.Contains(queries, q => q.Contains("tn=2012006101"));
        Assert.Contains(queries, q => q.Contains("startdate=") && q.Contains("enddate="));
    }

    [Fact]
    public void Get_BwPortOut_follows_every_page_and_reports_what_it_cannot_find()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        for (var i = 0; i < 310; i++) Assert.Equal(200, emulator.PortOut((2012007000L + i).ToString(), "any1").Status);

        var all = session.Run(Connect(emulator, oauth: true) + "Get-BwPortOut").AssertNoErrors();
        var missing = session.Run("Get-BwPortOut -OrderId 00000000-0000-0000-0000-000000000000, '../tnoptions'");
        var backwards = session.Run("Get-BwPortOut -Since ([datetime]::Now) -Until ([datetime]::Now).AddDays(-1)");

        Assert.Equal(310, all.Output.Count);
        Assert.Equal(310, all.Values("OrderId").Distinct().Count());
        Assert.Equal(2, emulator.Requests().Count(r => r.Method == "GET" && r.Path.EndsWith("/portouts", StringComparison.Ordinal)));
        var notFound = missing.SingleError("PortOutNotFound");
        Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
        Assert.Equal("00000000-0000-0000-0000-000000000000", notFound.TargetObject);
        Assert.Equal(ErrorCategory.InvalidArgument, missing.SingleError("ArgumentException").CategoryInfo.Category);
        Assert.Contains("-Since", backwards.SingleError("InvalidDateRange").Exception.Message);
    }

    // ------------------------------------------------------------------ subscriptions

    [Fact]
    public void E_mail_subscriptions_are_made_listed_by_order_type_refused_twice_and_removed_only_when_confirmed()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var made = session.Run("New-BwSubscription -OrderType portouts -Email noc@example.com -Digest Daily").AssertNoErrors();
        session.Run("New-BwSubscription -OrderType tnoptions -Email noc@example.com").AssertNoErrors();
        var twice = session.Run("New-BwSubscription -OrderType portouts -Email NOC@example.com -Digest Daily");
        var notAnAddress = session.Run("New-BwSubscription -OrderType portouts -Email 'noc at example'");
        var whatIf = session.Run("New-BwSubscription -OrderType portouts -Email other@example.com -WhatIf").AssertNoErrors();

        var subscription = Assert.Single(made.Output);
        Assert.Equal("PortOutPasscode.BwSubscription", subscription.TypeNames[0]);
        var id = Text(subscription, "SubscriptionId");
        Assert.True(Guid.TryParse(id, out _), id);
        Assert.Equal("DAILY", Text(subscription, "DigestRequested"));
        Assert.Equal(ErrorCategory.ResourceExists, twice.SingleError("SubscriptionExists").CategoryInfo.Category);
        Assert.Contains("noc at example", notAnAddress.SingleError("InvalidEmail").Exception.Message);
        Assert.Empty(whatIf.Output);
        Assert.Equal(3, emulator.Requests().Count(r => r.Method == "POST" && r.Path.EndsWith("/subscriptions", StringComparison.Ordinal)));

        var portouts = session.Run("Get-BwSubscription -OrderType portouts").AssertNoErrors();
        Assert.Equal(id, Text(Assert.Single(portouts.Output), "SubscriptionId"));
        Assert.Equal(2, session.Run("Get-BwSubscription").AssertNoErrors().Output.Count);
        Assert.Equal("noc@example.com", Text(Assert.Single(session.Run("Get-BwSubscription -SubscriptionId $args[0]", id).AssertNoErrors().Output), "Email"));

        // A wrong PIN is e-mailed in the day's digest.
        session.Run("'2012006200' | Set-BwPortOutPasscode -Passcode " + Passcode).AssertNoErrors();
        Assert.Equal(409, emulator.PortOut("2012006200", WrongPin).Status);
        Assert.Contains(emulator.Notifications(), n => n.GetProperty("subscriptionId").GetString() == id && n.GetProperty("delivery").GetString() == "digest");

        session.Run("Get-BwSubscription -OrderType portouts | Remove-BwSubscription -WhatIf").AssertNoErrors();
        Assert.Equal(2, session.Run("Get-BwSubscription").AssertNoErrors().Output.Count);
        session.Run("Get-BwSubscription -OrderType portouts | Remove-BwSubscription -Force").AssertNoErrors();
        Assert.Equal("tnoptions", Text(Assert.Single(session.Run("Get-BwSubscription").AssertNoErrors().Output), "OrderType"));
        var again = session.Run("Remove-BwSubscription -SubscriptionId $args[0] -Force", id);
        Assert.Equal(ErrorCategory.ObjectNotFound, again.SingleError("SubscriptionNotFound").CategoryInfo.Category);
    }

    [Fact]
    public void A_callback_subscription_is_POSTed_a_wrong_PIN_port_out_on_a_loopback_listener_and_no_secret_reaches_any_stream()
    {
        var emulator = _fixture.Emulator;
        using var listener = new LoopbackListener();
        using var session = new PowerShellSession();
        var preferences = "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'\n";
        var runs = new List<ScriptResult>();

        runs.Add(session.Run(preferences + Connect(emulator, oauth: true) + HookCredential +
            "New-BwSubscription -OrderType portouts -CallbackUrl $args[0] -CallbackCredential $hook -ExpirySec 3600", listener.Url).AssertNoErrors());
        runs.Add(session.Run("'2012006300' | Set-BwPortOutPasscode -Passcode " + Passcode).AssertNoErrors());
        var refused = emulator.PortOut("2012006300", WrongPin);
        Assert.Equal(409, refused.Status);
        var heldId = refused.Body.GetProperty("orderId").GetString()!;

        var callback = listener.Next(TimeSpan.FromSeconds(20));

        Assert.Equal("POST", callback.Method);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hook:" + HookPassword)), callback.Authorization);
        Assert.Contains("<OrderType>portouts</OrderType>", callback.Body);
        Assert.Contains($"<OrderId>{heldId}</OrderId>", callback.Body);
        Assert.Contains("<Status>EXCEPTION</Status>", callback.Body);
        Assert.Contains("PIN does not match", callback.Body);

        var seen = session.Run(preferences + "Get-BwPortOut -Status EXCEPTION").AssertNoErrors();
        Assert.Equal(heldId, Text(Assert.Single(seen.Output), "OrderId"));
        Assert.Equal("7610", Text(seen.Output[0], "ErrorCode"));
        runs.Add(seen);
        var listed = session.Run(preferences + "Get-BwSubscription -OrderType portouts").AssertNoErrors();
        var subscription = Assert.Single(listed.Output);
        Assert.Equal("hook", Text(subscription, "CallbackUserName"));
        Assert.Equal(listener.Url, Text(subscription, "CallbackUrl"));
        runs.Add(listed);
        runs.Add(session.Run(preferences + "Get-BwSubscription | Remove-BwSubscription -Force").AssertNoErrors());

        foreach (var run in runs) SecretScan.AssertClean(run, HookPassword, Passcode, WrongPin);
    }

    [Fact]
    public void Callback_credentials_never_travel_over_plain_http_to_another_host_nor_in_the_URL()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var plainHttp = session.Run(HookCredential + "New-BwSubscription -OrderType portouts -CallbackUrl http://hooks.example.com/bw -CallbackCredential $hook");
        var inUrl = session.Run($"New-BwSubscription -OrderType portouts -CallbackUrl 'https://hook:{HookPassword}@hooks.example.com/bw'");

        Assert.Contains("plain http", plainHttp.SingleError("InvalidCallbackUrl").Exception.Message);
        Assert.Contains("-CallbackCredential", inUrl.SingleError("InvalidCallbackUrl").Exception.Message);
        SecretScan.AssertClean(inUrl, HookPassword);
        Assert.DoesNotContain(emulator.Requests(), r => r.Path.EndsWith("/subscriptions", StringComparison.Ordinal));
    }

    /// <summary>An HTTP listener on a free loopback port that answers 200 and hands each request it got to the test.</summary>
    private sealed class LoopbackListener : IDisposable
    {
        private readonly HttpListener _listener = new();

        public LoopbackListener()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/hooks/bandwidth";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/hooks/");
            _listener.Start();
        }

        public string Url { get; }

        public (string Method, string? Authorization, string Body) Next(TimeSpan timeout)
        {
            var context = _listener.GetContextAsync();
            Assert.True(context.Wait(timeout), $"No callback reached {Url} within {timeout.TotalSeconds} s");
            var request = context.Result.Request;
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var body = reader.ReadToEnd();
            context.Result.Response.StatusCode = 200;
            context.Result.Response.Close();
            return (request.HttpMethod, request.Headers["Authorization"], body);
        }

        public void Dispose() => _listener.Close();
    }
}
