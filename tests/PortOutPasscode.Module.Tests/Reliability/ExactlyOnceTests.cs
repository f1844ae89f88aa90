using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using Xunit.Abstractions;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// Exactly once, and the answer held against the request (issue 17): a list that shows orders late and a server clock
/// far off never make a lost create be adopted wrongly or sent twice; an answer that lists fewer numbers, foreign
/// numbers or one number many times still gives one outcome per number sent; a pager that never ends is stopped; ids
/// that would name another path are never sent.
/// </summary>
public class ExactlyOnceTests : IClassFixture<EmulatorFixture>
{
    private const string Passcode = "Ex5Vq9Lm";

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _log;

    public ExactlyOnceTests(EmulatorFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    /// <summary>
    /// A nightly job run twice with the same CustomerOrderId base, numbers and passcode: in the second run one create's
    /// answer is lost after the order was stored, and another's before anything was stored. Only the dates tell the
    /// second run's orders from the first's, on a server whose list lags or whose clock is far off.
    /// </summary>
    [Theory]
    [InlineData(3000, 0)]
    [InlineData(0, -900)]
    [InlineData(0, 900)]
    public void A_lost_create_is_adopted_only_when_it_is_this_runs_and_sent_again_only_when_it_does_not_exist(int listLagMs, int clockOffsetSeconds)
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { listLagMs, clockOffsetSeconds });
        var numbers = Rows.Numbers(2000, start: 800_000);
        var baseId = "nightly-" + Guid.NewGuid().ToString("N")[..8];
        using var session = new PowerShellSession();
        session.Run(Rows.Connect(emulator, oauth: true, options: "-MaximumRetryCount 3")).AssertNoErrors();
        var script = $"$args[0] | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 1000 -ThrottleLimit 1 -CustomerOrderId {baseId} -WarningAction SilentlyContinue";

        var first = session.Run(script, new object[] { numbers }).AssertNoErrors();
        // A create date is trusted to two seconds, and the server's clock is known from whole-second Date headers read
        // after some latency (up to a second more, and more on a loaded machine): an identical order stored closer to our
        // first POST than that cannot be told from ours. A nightly job's runs are a day apart; 3 s here was seen to adopt.
        Thread.Sleep(5000);
        emulator.AddFault(new { endpoint = "create", kind = "dropAfterStore", count = 1 });
        emulator.AddFault(new { endpoint = "create", kind = "dropBefore", count = 1 });
        var second = session.Run(script, new object[] { numbers }).AssertNoErrors();

        var stored = emulator.Orders();
        var firstIds = first.Values("OrderId").Cast<string>().ToList();
        var secondIds = second.Values("OrderId").Cast<string>().ToList();
        _log.WriteLine($"lag {listLagMs} ms, clock {clockOffsetSeconds:+0;-0} s: first run {string.Join(", ", firstIds)}; second {string.Join(", ", secondIds)}; stored {stored.Count}");
        Assert.Equal(2, firstIds.Count);
        Assert.Equal(2, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds)); // nothing of the first run adopted by the second
        Assert.Equal(4, stored.Count);                // nothing stored twice, nothing lost
        Assert.Equal(stored.Select(o => o.OrderId).Order(), firstIds.Concat(secondIds).Order());
        foreach (var run in new[] { firstIds, secondIds })
        {
            // Each run's orders hold every number once.
            Assert.Equal(numbers.Order(), stored.Where(o => run.Contains(o.OrderId)).SelectMany(o => o.TelephoneNumbers).Order());
        }
        Assert.Equal(2, emulator.Requests().Count(r => r.Fault is "dropAfterStore" or "dropBefore"));
        // The same passcode again: Bandwidth answers 5195 for every number, which is already protected, not failed.
        Assert.All(OutcomeKinds(first), k => Assert.Equal("Protected", k));
        Assert.All(OutcomeKinds(second), k => Assert.Equal("AlreadyProtected", k));
    }

    private static IEnumerable<string> OutcomeKinds(ScriptResult result) =>
        result.Output.SelectMany(o => ((System.Collections.IEnumerable)o.Properties["Outcomes"].Value).Cast<object>())
            .Select(o => PSObject.AsPSObject(o).Properties["Outcome"].Value.ToString()!);

    private const string OrderId = "0d2c3f7e-1111-2222-3333-444455556666";

    /// <summary>A server that answers every create at once, final, with this order body inside TnOptionOrder.</summary>
    private static HostileServer AnsweringOrders(string groupsAndErrors) =>
        new((line, stream) => HostileServer.Answer(stream, line.StartsWith("POST", StringComparison.Ordinal) ? 201 : 200,
            $"<TnOptionOrder><OrderId>{OrderId}</OrderId><ProcessingStatus>PARTIAL</ProcessingStatus>{groupsAndErrors}</TnOptionOrder>"));

    private static string Group(params string[] numbers) =>
        "<TnOptionGroups><TnOptionGroup><PortOutPasscode>" + Passcode + "</PortOutPasscode><TelephoneNumbers>" +
        string.Concat(numbers.Select(n => $"<TelephoneNumber>{n}</TelephoneNumber>")) + "</TelephoneNumbers></TnOptionGroup></TnOptionGroups>";

    private static string Error(string code, string number) =>
        $"<Error><Code>{code}</Code><Description>Telephone number is not available</Description><TelephoneNumber>{number}</TelephoneNumber></Error>";

    private static ScriptResult SetThree(HostileServer server)
    {
        using var session = new PowerShellSession();
        session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -Credential $cred -BaseUri '{server.BaseUri}' -SkipCheck -WarningAction SilentlyContinue").AssertNoErrors();
        return session.Run($"'2012000001', '2012000002', '2012000003' | Set-BwPortOutPasscode -Passcode {Passcode}");
    }

    private static Dictionary<string, string> OutcomesOf(ScriptResult result)
    {
        var order = Assert.Single(result.Output);
        return ((System.Collections.IEnumerable)order.Properties["Outcomes"].Value).Cast<object>().Select(PSObject.AsPSObject)
            .ToDictionary(o => (string)o.Properties["TelephoneNumber"].Value, o => o.Properties["Outcome"].Value.ToString()!);
    }

    [Fact]
    public void A_final_answer_that_leaves_a_sent_number_out_gives_it_one_outcome_and_one_error()
    {
        using var server = AnsweringOrders(Group("2012000001", "2012000002"));

        var result = SetThree(server);

        var outcomes = OutcomesOf(result);
        Assert.Equal(new[] { "2012000001", "2012000002", "2012000003" }, outcomes.Keys.Order());
        Assert.Equal("Protected", outcomes["2012000001"]);
        Assert.Equal("Failed", outcomes["2012000003"]);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("2012000003", error.TargetObject);
        Assert.Contains("does not list this number", error.Exception.Message);
    }

    [Fact]
    public void Numbers_the_order_was_never_sent_are_ignored_with_one_warning_that_counts_each_once()
    {
        var foreign = Enumerable.Repeat(Error("5076", "3125550000"), 50).Append(Error("5076", "3125550001"));
        using var server = AnsweringOrders(Group("2012000001", "2012000002", "2012000003") + "<ErrorList>" + string.Concat(foreign) + "</ErrorList>");

        var result = SetThree(server);

        Assert.Equal(new[] { "Protected", "Protected", "Protected" }, OutcomesOf(result).Values);
        Assert.Empty(result.AllErrors);
        var warning = Assert.Single(result.Warnings, w => w.Message.Contains("was not sent", StringComparison.Ordinal));
        Assert.Contains("2 numbers", warning.Message);
        Assert.Contains("3125550000", warning.Message);
        Assert.Contains("3125550001", warning.Message);
    }

    [Fact]
    public void One_number_named_ten_thousand_times_in_the_ErrorList_is_one_outcome_and_one_error()
    {
        using var server = AnsweringOrders(Group("2012000001", "2012000002", "2012000003") +
            "<ErrorList>" + string.Concat(Enumerable.Repeat(Error("5076", "2012000002"), 10_000)) + "</ErrorList>");

        var result = SetThree(server);

        var outcomes = OutcomesOf(result);
        Assert.Equal(3, outcomes.Count);
        Assert.Equal("Failed", outcomes["2012000002"]);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("BandwidthError5076", ScriptResult.ErrorId(error));
        Assert.Equal("2012000002", error.TargetObject);
    }

    [Theory]
    [InlineData("a new cursor every time")]
    [InlineData("the same cursor again")]
    public void A_passcode_list_that_never_ends_is_stopped_with_one_error_after_a_bounded_number_of_pages(string how)
    {
        var pages = 0;
        HostileServer? server = null;
        server = new HostileServer((line, stream) =>
        {
            var page = Interlocked.Increment(ref pages);
            var next = how == "the same cursor again" ? 2012000100L : 2012000100L + page;
            var link = $"Link=&lt;{server!.BaseUri}/accounts/9900000/tnPortoutPasscodes?page={next}&amp;size=500&gt;;rel=\"next\";";
            var items = string.Concat(Enumerable.Range(0, 500).Select(i => $"<TelephoneNumber><FullNumber>{2012000000L + page * 500 + i}</FullNumber><Passcode>{Passcode}</Passcode></TelephoneNumber>"));
            return HostileServer.Answer(stream, 200,
                $"<TelephoneNumbersResponse><TelephoneNumberCount>1000</TelephoneNumberCount><Links><next>{link}</next></Links><TelephoneNumbers>{items}</TelephoneNumbers></TelephoneNumbersResponse>");
        });
        using (server)
        {
            using var session = new PowerShellSession();
            session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -Credential $cred -BaseUri '{server.BaseUri}' -SkipCheck -WarningAction SilentlyContinue").AssertNoErrors();

            var result = session.Run("Get-BwPortOutPasscode");

            _log.WriteLine($"{how}: {server.RequestLines.Count} pages asked, {result.Output.Count} numbers output.");
            Assert.True(server.RequestLines.Count <= 4, $"{server.RequestLines.Count} pages were asked for a list of 1,000 numbers.");
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("BandwidthAnswerUnreadable", ScriptResult.ErrorId(error));
            Assert.All(server.RequestLines, l => Assert.DoesNotContain("page=2&", l));
        }
    }

    [Theory]
    [InlineData("Get-BwTnOptionOrder -OrderId '..'")]
    [InlineData("Get-BwTnOptionOrder -OrderId '.'")]
    [InlineData("Get-BwTnOptionOrder -OrderId '../../subscriptions'")]
    [InlineData("Get-BwTnOptionOrderHistory -OrderId '..'")]
    [InlineData("Wait-BwTnOptionOrder -OrderId '.'")]
    [InlineData("Get-BwPortOut -OrderId '..'")]
    public void An_id_that_would_name_another_path_is_refused_and_nothing_is_sent(string command)
    {
        using var server = new HostileServer((_, stream) => HostileServer.Answer(stream, 500, ""));
        using var session = new PowerShellSession();
        session.Run(Scripts.Credentials() + $"Connect-BwAccount 9900000 -Credential $cred -BaseUri '{server.BaseUri}' -SkipCheck -WarningAction SilentlyContinue").AssertNoErrors();

        var result = session.Run(command);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(server.RequestLines);
        Assert.Equal(0, server.Connections);
    }
}
