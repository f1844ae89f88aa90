using System.Net.Http.Json;
using PortOutPasscode.Client;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Emulator;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Core.Tests.Engine;

/// <summary>
/// The coverage audit (ProtectionAudit) and the desired state (SyncRun) against the emulator in-process, on an account of
/// 20,000 in-service numbers walked in pages of 1,000: what is counted, what is sent, and what is never written.
/// </summary>
public sealed class CoverageTests : IAsyncLifetime
{
    private const string AccountId = "9900000";
    private const string Pin = "k7m9q2";
    private const string OtherPin = "Zx9Qw2";
    private const long First = 2015000000;
    private const int InService = 20_000;

    private EmulatorServer _server;
    private EmulatorAdmin _admin;

    public async Task InitializeAsync()
    {
        var account = new AccountOptions
        {
            Id = AccountId,
            OnNet = { "2015000000-2015999999" },
            OffNet = { "9195550000-9195550099" },
            InService = { $"{First}-{First + InService - 1}" },
        };
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { ReceivedMs = 0, ProcessingMs = 50, Accounts = new List<AccountOptions> { account } });
        _admin = new EmulatorAdmin(_server.RootUri);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private static string N(long offset) => (First + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Protect(string passcode, long fromOffset, long toOffset) =>
        _admin.SetPasscodes(new[] { $"{N(fromOffset)}-{N(toOffset)}" }, passcode, AccountId);

    private Dictionary<string, string> Stored() => _admin.Passcodes(AccountId);

    private List<LoggedRequest> Requests() => _admin.Requests();

    private BandwidthClient Client() =>
        BandwidthClient.Create(new BwConnection(AccountId, _server.BaseUri, BwAuthenticationKind.OAuth2ClientCredentials, "demo-client", TestClients.Secure("demo-secret")),
            TestClients.Options(null, o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
                o.RequestTimeout = TimeSpan.FromSeconds(30);
            }));

    private static InputRow Row(long position, string number, string passcode = null, string file = null) =>
        new(file == null ? InputSource.Pipeline : InputSource.File(file), position, number, passcode, file == null ? number : null);

    private ProtectionAudit Audit(BandwidthClient client, RecordingSink sink, WorkQueue queue, string passcode = null, InServiceQuery query = null, bool quiet = false) =>
        new(new ProtectionAuditSettings { Passcode = passcode, Query = query ?? new InServiceQuery(), Quiet = quiet, PageSize = 1000 }, client, sink, queue, ActivityScope.None);

    // ------------------------------------------------------------------ Test-BwPortOutProtection

    [Fact]
    public async Task Every_in_service_number_gets_one_status_and_the_summary_counts_against_the_protected_walk()
    {
        Protect(Pin, 0, 15_999);
        Protect(OtherPin, 16_000, 17_999);
        Protect(Pin, 30_000, 30_499); // protected but not in service: not part of the coverage
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();

        Audit(client, sink, queue).Complete(numbersGiven: false, AccountId);

        var statuses = sink.OutputOf<ProtectionStatus>().ToList();
        Assert.Equal(InService, statuses.Count);
        Assert.Equal(InService, statuses.Select(s => s.TelephoneNumber).Distinct().Count());
        var unprotected = statuses.Where(s => s.Status == ProtectionState.Unprotected).Select(s => s.TelephoneNumber).ToHashSet();
        Assert.Equal(Enumerable.Range(18_000, 2_000).Select(i => N(i)).ToHashSet(), unprotected);
        var summary = Assert.IsType<ProtectionSummary>(Assert.Single(sink.Summaries));
        Assert.Equal((20_000L, 18_000L, 2_000L, 90.0), (summary.InService, summary.Protected, summary.Unprotected, summary.CoveragePercent!.Value));
        Assert.Null(summary.Matches);
        Assert.False(summary.Compliant);
        Assert.Empty(sink.Failures);
        Assert.DoesNotContain(Pin, sink.AllText());
        Assert.DoesNotContain(OtherPin, sink.AllText());
        // Both collections walked by cursor, each page once: 20 in-service pages, 19 protected pages (18,500 numbers).
        var requests = Requests();
        Assert.Equal(20, requests.Count(r => r.Path.EndsWith("/inserviceNumbers", StringComparison.Ordinal)));
        Assert.Equal(19, requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal)));
        Assert.Equal(100, sink.Progress.Last().PercentComplete);
    }

    [Fact]
    public async Task A_desired_passcode_splits_the_protected_numbers_into_matches_and_differs_and_only_all_matching_is_compliant()
    {
        Protect(Pin, 0, InService - 101);
        Protect(OtherPin, InService - 100, InService - 1);
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();

        var audit = Audit(client, sink, queue, passcode: Pin);
        audit.Complete(false, AccountId);

        var summary = Assert.IsType<ProtectionSummary>(Assert.Single(sink.Summaries));
        Assert.Equal((19_900L, 100L, 0L), (summary.Matches!.Value, summary.Differs!.Value, summary.Unprotected));
        Assert.Equal(100.0, summary.CoveragePercent!.Value);
        Assert.False(audit.Compliant);
        Assert.Equal(100, sink.OutputOf<ProtectionStatus>().Count(s => s.Status == ProtectionState.Differs && !s.AsDesired));

        var quiet = new RecordingSink();
        Audit(client, quiet, queue, passcode: OtherPin, query: new InServiceQuery { NpaNxx = "201501" }, quiet: true).Complete(false, AccountId);
        // 2015010000–2015019999 holds 9,900 with Pin and the last 100 with OtherPin: not compliant for OtherPin.
        Assert.Equal(new object[] { false }, quiet.Output);
        Assert.Empty(quiet.Summaries);
    }

    [Fact]
    public async Task The_filters_reach_Bandwidth_as_its_query_parameters_and_an_empty_scope_is_said_not_taken_for_coverage()
    {
        Protect(Pin, 0, InService - 1);
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();

        var audit = Audit(client, sink, queue, query: new InServiceQuery { NpaNxx = "201500", Since = new DateTime(2025, 1, 1), Until = new DateTime(2027, 12, 31) }, quiet: true);
        audit.Complete(false, AccountId);
        var none = new RecordingSink();
        Audit(client, none, queue, query: new InServiceQuery { AreaCode = "303" }).Complete(false, AccountId);
        var noneQuiet = new RecordingSink();
        Audit(client, noneQuiet, queue, query: new InServiceQuery { AreaCode = "303" }, quiet: true).Complete(false, AccountId);

        Assert.Equal(new object[] { true }, sink.Output);
        var inService = Requests().Where(r => r.Path.EndsWith("/inserviceNumbers", StringComparison.Ordinal)).ToList();
        Assert.All(inService.Take(10), r => Assert.Contains("npanxx=201500", r.Query));
        Assert.Contains(inService, r => r.Query.Contains("startdate=2025-01-01") && r.Query.Contains("enddate=2027-12-31"));
        Assert.Contains(inService, r => r.Query.Contains("areacode=303"));
        var summary = Assert.IsType<ProtectionSummary>(Assert.Single(none.Summaries));
        Assert.Equal(0, summary.InService);
        Assert.Null(summary.CoveragePercent); // not 100%: nothing was in scope
        Assert.Contains("nothing in scope", summary.ToString());
        Assert.Contains("nothing was checked", Assert.Single(none.Warnings));
        Assert.Equal(new object[] { false }, noneQuiet.Output); // an empty scope never passes a compliance check
    }

    [Fact]
    public async Task Numbers_given_are_looked_up_2500_at_a_time_each_once_and_a_number_not_on_the_account_is_NotInService()
    {
        Protect(Pin, 0, 2_999);
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();
        var audit = Audit(client, sink, queue);

        var position = 0L;
        for (var i = 0; i < 6_000; i++) audit.Add(Row(++position, N(i)));
        audit.Add(Row(++position, "(201) 500-0001")); // a repeat in another format: answered once
        audit.Add(Row(++position, "3125550000"));
        audit.Add(Row(++position, "not a number"));
        audit.Complete(true, AccountId);

        var statuses = sink.OutputOf<ProtectionStatus>().ToList();
        Assert.Equal(6_001, statuses.Count);
        Assert.Equal(3_000, statuses.Count(s => s.Status == ProtectionState.Protected));
        Assert.Equal(3_000, statuses.Count(s => s.Status == ProtectionState.Unprotected));
        var foreign = Assert.Single(statuses, s => s.Status == ProtectionState.NotInService);
        Assert.Equal(("3125550000", "15610"), (foreign.TelephoneNumber, foreign.ErrorCode));
        var refused = Assert.IsType<InputRowException>(Assert.Single(sink.Failures).Failure);
        Assert.Contains("Row 6003", refused.Message);
        Assert.False(audit.Compliant);
        Assert.Equal(3, Requests().Count(r => r.Method == "POST" && r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Numbers_Bandwidth_could_not_be_asked_about_are_Unknown_each_with_the_error_and_never_compliant()
    {
        Protect(Pin, 0, 9);
        _admin.AddFault(new { endpoint = "lookup", kind = "status", status = 500, count = 100 });
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();
        var audit = Audit(client, sink, queue, quiet: true);

        for (var i = 0; i < 10; i++) audit.Add(Row(i + 1, N(i)));
        audit.Complete(true, AccountId);

        Assert.IsAssignableFrom<BandwidthException>(Assert.Single(sink.Failures).Failure);
        Assert.Equal(new object[] { false }, sink.Output);
        Assert.False(audit.Compliant);
    }

    // ------------------------------------------------------------------ Sync-BwPortOutPasscode

    private SyncRun Sync(BandwidthClient client, RecordingSink sink, WorkQueue queue, Action<SyncSettings> adjust = null)
    {
        var settings = new SyncSettings
        {
            PageSize = 1000,
            Run = new PasscodeRunSettings { BatchSize = 5000, ThrottleLimit = 4, PollSchedule = new PollSchedule { First = TimeSpan.FromMilliseconds(50), Factor = 1.2, Max = TimeSpan.FromMilliseconds(200) } },
        };
        adjust?.Invoke(settings);
        return new SyncRun(settings, client, sink, queue, ActivityScope.None);
    }

    [Fact]
    public async Task A_desired_state_sends_only_what_differs_in_one_run_and_its_outcomes_are_Sets()
    {
        Protect(Pin, 0, 3);      // 4 already as desired
        Protect(OtherPin, 4, 6); // 3 with another passcode
        using var client = Client();   // 3 unprotected, 1 not on the account
        using var queue = new WorkQueue();
        var sink = new RecordingSink();
        var sync = Sync(client, sink, queue);

        for (var i = 0; i < 10; i++) sync.Add(Row(i + 1, N(i), Pin));
        sync.Add(Row(11, "3125550000", Pin));
        sync.Add(Row(12, N(0), Pin)); // repeated with the same passcode: fine, once
        sync.Complete();

        Assert.Equal((4L, 3L, 3L, 0L, 1L), (sync.Plan.Unchanged, sync.Plan.Change, sync.Plan.Protect, sync.Plan.Remove, sync.Plan.NotOnAccount));
        var order = Assert.Single(sink.OutputOf<TnOptionOrder>());
        Assert.Equal(Enumerable.Range(4, 6).Select(i => N(i)), order.Outcomes.Select(o => o.TelephoneNumber).OrderBy(n => n));
        Assert.All(order.Outcomes, o => Assert.Equal(TnOutcomeKind.Protected, o.Outcome));
        var stored = Stored();
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(Pin, stored[N(i)]));
        var notOnAccount = Assert.IsType<TelephoneNumberException>(Assert.Single(sink.Failures).Failure);
        Assert.Equal(("3125550000", "15610"), (notOnAccount.TelephoneNumber, notOnAccount.Code));
        var summary = Assert.Single(sink.Summaries).ToString();
        Assert.Contains("4 already as desired, 3 to protect, 3 to change, 0 to unprotect, 1 not on the account", summary);
        Assert.DoesNotContain(Pin, sink.AllText());
        Assert.DoesNotContain(OtherPin, sink.AllText());
    }

    [Fact]
    public async Task A_number_given_twice_with_two_passcodes_stops_everything_before_anything_is_sent_naming_both_lines()
    {
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();
        var sync = Sync(client, sink, queue);

        sync.Add(Row(2, N(0), Pin, "/data/desired.csv"));
        sync.Add(Row(3, N(1), Pin, "/data/desired.csv"));
        sync.Add(Row(5, "+1 " + N(0), OtherPin, "/data/desired.csv"));

        var halted = Assert.Throws<RunHaltedException>(() => sync.Complete());
        Assert.Contains("line 2 of desired.csv", halted.Message);
        Assert.Contains("line 5 of desired.csv", halted.Message);
        Assert.Contains("nothing was sent", halted.Message);
        Assert.DoesNotContain(Pin, halted.Message);
        Assert.Empty(Requests()); // not even a look-up
    }

    [Fact]
    public async Task RemoveUnlisted_unprotects_only_the_unlisted_and_refuses_when_the_desired_state_is_empty_or_has_refused_rows()
    {
        Protect(Pin, 0, 9);
        using var client = Client();
        using var queue = new WorkQueue();

        var empty = Sync(client, new RecordingSink(), queue, s => s.RemoveUnlisted = true);
        empty.Add(Row(1, "not a number", Pin));
        var halted = Assert.Throws<RunHaltedException>(() => empty.Complete());
        Assert.Contains("lists no number", halted.Message);
        Assert.Equal(10, Stored().Count);

        var withRefusal = new RecordingSink();
        var held = Sync(client, withRefusal, queue, s => s.RemoveUnlisted = true);
        held.Add(Row(1, N(0), Pin));
        held.Add(Row(2, N(1), "x")); // refused: maybe a number to keep
        held.Complete();
        Assert.Contains("unprotected none of the 9 numbers", Assert.Single(withRefusal.Warnings));
        Assert.Equal(10, Stored().Count);

        string asked = null;
        var sink = new RecordingSink();
        var sync = Sync(client, sink, queue, s =>
        {
            s.RemoveUnlisted = true;
            s.ConfirmRemoval = question => { asked = question; return true; };
        });
        sync.Add(Row(1, N(0), Pin));
        sync.Add(Row(2, N(1), Pin));
        sync.Complete();

        Assert.Contains("8 numbers", asked);
        Assert.Equal(new[] { N(0), N(1) }, Stored().Keys.OrderBy(k => k));
        var outcomes = sink.OutputOf<TnOptionOrder>().SelectMany(o => o.Outcomes).ToList();
        Assert.Equal(8, outcomes.Count(o => o.Outcome == TnOutcomeKind.Removed));
        Assert.Equal(8, sync.Plan.Remove);
    }

    [Fact]
    public async Task AllInService_protects_every_in_service_number_and_a_second_run_sends_nothing()
    {
        Protect(Pin, 0, 17_999);
        Protect(OtherPin, 18_000, 18_999);
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();

        Sync(client, sink, queue, s => { s.AllInService = true; s.Passcode = Pin; }).Complete();

        var stored = Stored();
        Assert.Equal(InService, stored.Count);
        Assert.All(stored.Values, v => Assert.Equal(Pin, v));
        var sent = sink.OutputOf<TnOptionOrder>().SelectMany(o => o.Outcomes).ToList();
        Assert.Equal(2_000, sent.Count);
        Assert.Empty(sink.Failures);

        var again = new RecordingSink();
        var second = Sync(client, again, queue, s => { s.AllInService = true; s.Passcode = Pin; });
        second.Complete();
        Assert.Empty(again.OutputOf<TnOptionOrder>());
        Assert.Equal(InService, second.Plan.Unchanged);
        Assert.Contains("Sent: nothing to do", Assert.Single(again.Summaries).ToString());
    }

    [Fact]
    public async Task WhatIf_says_the_plan_and_each_order_and_sends_no_order()
    {
        Protect(Pin, 0, 4);
        using var client = Client();
        using var queue = new WorkQueue();
        var sink = new RecordingSink();
        var orders = new List<string>();

        var sync = Sync(client, sink, queue, s =>
        {
            s.WhatIf = true;
            s.Run.BatchSize = 3;
            s.Run.ShouldSubmit = target => { orders.Add(target); return false; };
        });
        for (var i = 0; i < 10; i++) sync.Add(Row(i + 1, N(i), Pin));
        sync.Complete();

        Assert.Contains("would change 5 numbers: 5 already as desired, 5 to protect", Assert.Single(sink.Summaries).ToString());
        Assert.Equal(2, orders.Count); // 5 numbers in orders of 3
        Assert.DoesNotContain(Requests(), r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal));
        Assert.Equal(5, Stored().Count);
    }
}
