using System.Collections.Concurrent;
using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Core.Tests.Engine;

/// <summary>
/// PasscodeRun's accounting against a scripted account: every row ends in exactly one outcome of an output order or in
/// exactly one failure (a repeat of an earlier row excepted: it is counted and sent once), whatever the API answers per
/// number or for an order as a whole, and the summary counts what the outcomes and failures say.
/// </summary>
public sealed class PasscodeRunTests
{
    private const string Pin = "k7m9q2";

    /// <summary>A pipeline row as the user gave it: what a failure must hand back.</summary>
    private sealed record GivenRow(long Position, string Number);

    /// <summary>
    /// The account as the API sees it: creates answer RECEIVED and store the order, a GET answers it final with one ErrorList
    /// entry per number the script refuses. <see cref="RefuseOrder"/> answers a create 400 with a ResponseStatus (the order
    /// refused as a whole); <see cref="LoseOrder"/> answers every create of that order 503, so it is never stored.
    /// </summary>
    private sealed class ScriptedAccount
    {
        private readonly ConcurrentDictionary<string, (string CustomerOrderId, List<(string Passcode, string Number)> Numbers)> _orders = new();
        private int _created;

        internal Dictionary<string, (string Code, string Description)> Refusals { get; } = new()
        {
            ["3125550000"] = ("5076", "Telephone number is not available."),
            ["9195550001"] = ("5196", "Only on-net telephone numbers can have a Port Out Passcode."),
        };

        /// <summary>Numbers that already carry the passcode asked for: 5195 in the ErrorList, as the API answers it.</summary>
        internal HashSet<string> AlreadySet { get; } = new();

        /// <summary>The suffix of the CustomerOrderId of an order refused whole (5193), or of one never stored (503).</summary>
        internal string RefuseOrder { get; set; }
        internal string LoseOrder { get; set; }

        internal FakeApi Api { get; }

        internal IReadOnlyCollection<string> StoredCustomerOrderIds => _orders.Values.Select(o => o.CustomerOrderId).ToList();

        internal IReadOnlyCollection<string> StoredNumbers => _orders.Values.SelectMany(o => o.Numbers.Select(n => n.Number)).ToList();

        internal ScriptedAccount()
        {
            Api = new FakeApi(request =>
            {
                if (request.Method == "POST") return Create(request);
                if (request.Path.EndsWith("/tnoptions", StringComparison.Ordinal))
                {
                    // The look-up after a lost answer: nothing by that CustomerOrderId.
                    return FakeApi.Xml(HttpStatusCode.OK, "<TnOptionOrders><TotalCount>0</TotalCount></TnOptionOrders>");
                }
                var orderId = request.Path.Substring(request.Path.LastIndexOf('/') + 1);
                return _orders.TryGetValue(orderId, out var order)
                    ? FakeApi.Xml(HttpStatusCode.OK, OrderXml(orderId, order.CustomerOrderId, order.Numbers, final: true))
                    : FakeApi.Status(HttpStatusCode.NotFound);
            });
        }

        private HttpResponseMessage Create(SentRequest request)
        {
            var body = XElement.Parse(request.Body);
            var customerOrderId = body.Element("CustomerOrderId")!.Value;
            if (RefuseOrder != null && customerOrderId.EndsWith(RefuseOrder, StringComparison.Ordinal))
            {
                return FakeApi.Xml(HttpStatusCode.BadRequest,
                    "<TnOptionOrderResponse><ResponseStatus><ErrorCode>5193</ErrorCode><Description>Port Out Passcode is invalid.</Description></ResponseStatus></TnOptionOrderResponse>");
            }
            if (LoseOrder != null && customerOrderId.EndsWith(LoseOrder, StringComparison.Ordinal))
            {
                return FakeApi.Status(HttpStatusCode.ServiceUnavailable);
            }
            var numbers = body.Descendants("TnOptionGroup")
                .SelectMany(g => g.Descendants("TelephoneNumber").Select(n => (g.Element("PortOutPasscode")?.Value, n.Value)))
                .ToList();
            var orderId = "order-" + Interlocked.Increment(ref _created);
            _orders[orderId] = (customerOrderId, numbers);
            return FakeApi.Xml(HttpStatusCode.Created, "<TnOptionOrderResponse>" + OrderXml(orderId, customerOrderId, numbers, final: false) + "</TnOptionOrderResponse>");
        }

        private string OrderXml(string orderId, string customerOrderId, List<(string Passcode, string Number)> numbers, bool final)
        {
            var errors = new List<(string Number, string Code, string Description)>();
            foreach (var (_, number) in final ? numbers : new List<(string, string)>())
            {
                if (Refusals.TryGetValue(number, out var refusal)) errors.Add((number, refusal.Code, refusal.Description));
                else if (AlreadySet.Contains(number)) errors.Add((number, "5195", "Port Out Passcode already exists on the telephone number."));
            }
            var status = !final ? "RECEIVED" : errors.Count == 0 ? "COMPLETE" : errors.Count == numbers.Count ? "FAILED" : "PARTIAL";
            var groups = numbers.GroupBy(n => n.Passcode).Select(g =>
                "<TnOptionGroup><PortOutPasscode>" + g.Key + "</PortOutPasscode><TelephoneNumbers>" +
                string.Concat(g.Select(n => "<TelephoneNumber>" + n.Number + "</TelephoneNumber>")) + "</TelephoneNumbers></TnOptionGroup>");
            var errorList = errors.Count == 0 ? "" : "<ErrorList>" + string.Concat(errors.Select(e =>
                $"<Error><Code>{e.Code}</Code><Description>{e.Description}</Description><TelephoneNumber>{e.Number}</TelephoneNumber></Error>")) + "</ErrorList>";
            return $"<TnOptionOrder><OrderId>{orderId}</OrderId><CustomerOrderId>{customerOrderId}</CustomerOrderId><AccountId>9900000</AccountId>" +
                   $"<ProcessingStatus>{status}</ProcessingStatus><TnOptionGroups>{string.Concat(groups)}</TnOptionGroups>{errorList}</TnOptionOrder>";
        }
    }

    private sealed class Outcome
    {
        internal RecordingSink Sink { get; } = new();
        internal RunSummary Summary { get; set; }
        internal List<TnOutcome> Outcomes => Sink.OutputOf<TnOptionOrder>().SelectMany(o => o.Outcomes).ToList();
    }

    private static Outcome Run(ScriptedAccount account, IEnumerable<(string Number, string Passcode)> rows, Action<PasscodeRunSettings> adjust = null)
    {
        var settings = new PasscodeRunSettings
        {
            BatchSize = 3,
            ThrottleLimit = 2,
            PollSchedule = new PollSchedule { First = TimeSpan.FromMilliseconds(5), Factor = 1, Max = TimeSpan.FromMilliseconds(5) },
        };
        adjust?.Invoke(settings);
        var result = new Outcome();
        using var client = TestClients.Create(TestClients.Basic(), account.Api);
        using var queue = new WorkQueue();
        using (var run = new PasscodeRun(settings, client, result.Sink, queue, ActivityScope.None))
        {
            var position = 0L;
            foreach (var (number, passcode) in rows)
            {
                position++;
                run.Add(new InputRow(InputSource.Pipeline, position, number, passcode, new GivenRow(position, number)));
            }
            run.Complete();
            result.Summary = run.Summary;
        }
        return result;
    }

    /// <summary>
    /// Every position given ends exactly once: as the outcome of its number in an output order, or as one failure whose target
    /// is the row given, or (for the positions in <paramref name="repeats"/>) folded into an earlier row's outcome.
    /// </summary>
    private static void AssertEveryRowEndsOnce(Outcome result, int rows, params long[] repeats)
    {
        var outcomesByNumber = result.Outcomes.GroupBy(o => o.TelephoneNumber).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(outcomesByNumber, pair => Assert.True(pair.Value == 1, $"{pair.Key} has {pair.Value} outcomes"));
        var failedRows = result.Sink.Failures.Select(f => Assert.IsType<GivenRow>(f.Target).Position).ToList();
        Assert.Equal(failedRows.Count, failedRows.Distinct().Count());
        // A Failed outcome is reported once as a failure too; every other outcome is not.
        var failedOutcomes = result.Outcomes.Where(o => o.Outcome == TnOutcomeKind.Failed).Select(o => o.TelephoneNumber).OrderBy(n => n);
        var numberFailures = result.Sink.Failures.Where(f => f.Failure is TelephoneNumberException e && e.OrderId != null)
            .Select(f => ((TelephoneNumberException)f.Failure).TelephoneNumber).OrderBy(n => n);
        Assert.Equal(failedOutcomes, numberFailures);

        var rowsWithAnOutcome = outcomesByNumber.Count;
        var rowsOnlyFailed = result.Sink.Failures.Count(f => !(f.Failure is TelephoneNumberException e && e.OrderId != null));
        Assert.Equal(rows, rowsWithAnOutcome + rowsOnlyFailed + repeats.Length);
        Assert.Equal(rows, result.Summary.RowsRead);
        Assert.Equal(repeats.Length, result.Summary.RowsRepeated);
    }

    [Fact]
    public void Good_repeated_conflicting_refused_and_per_number_failures_each_end_once_and_the_summary_counts_them()
    {
        var account = new ScriptedAccount();
        account.AlreadySet.Add("2012000004");
        var rows = new[]
        {
            ("2012000001", Pin),      // 1 protected
            ("(201) 200-0002", Pin),  // 2 protected
            ("2012000001", Pin),      // 3 a repeat of row 1: sent once
            ("2012000002", "Other55"),// 4 conflicts with row 2
            ("12345", Pin),           // 5 not a number
            ("2012000009", "ab"),     // 6 a passcode too short
            ("3125550000", Pin),      // 7 5076
            ("9195550001", Pin),      // 8 5196
            ("2012000004", Pin),      // 9 5195: already protected, a success
            ("2012000005", Pin),      // 10 protected
        };

        var result = Run(account, rows);

        AssertEveryRowEndsOnce(result, rows.Length, repeats: 3);
        var outcomes = result.Outcomes.ToDictionary(o => o.TelephoneNumber, o => o.Outcome);
        Assert.Equal(new Dictionary<string, TnOutcomeKind>
        {
            ["2012000001"] = TnOutcomeKind.Protected,
            ["2012000002"] = TnOutcomeKind.Protected,
            ["3125550000"] = TnOutcomeKind.Failed,
            ["9195550001"] = TnOutcomeKind.Failed,
            ["2012000004"] = TnOutcomeKind.AlreadyProtected,
            ["2012000005"] = TnOutcomeKind.Protected,
        }, outcomes);
        Assert.Equal(6, account.StoredNumbers.Count);

        var problems = result.Sink.Failures
            .Select(f => (((GivenRow)f.Target).Position, f.Failure is InputRowException row ? row.Problem.ToString() : ((TelephoneNumberException)f.Failure).Code))
            .OrderBy(p => p.Position).ToList();
        Assert.Equal(new[] { (4L, "PasscodeConflict"), (5L, "InvalidTelephoneNumber"), (6L, "InvalidPasscode"), (7L, "5076"), (8L, "5196") }, problems);
        var offNet = (TelephoneNumberException)result.Sink.Failures.Single(f => ((GivenRow)f.Target).Position == 8).Failure;
        var offNetOutcome = result.Outcomes.Single(o => o.TelephoneNumber == "9195550001");
        Assert.Equal((offNetOutcome.OrderId, offNetOutcome.CustomerOrderId), (offNet.OrderId, offNet.CustomerOrderId));
        Assert.Equal("Only on-net telephone numbers can have a Port Out Passcode.", offNet.Description);

        var summary = result.Summary;
        Assert.Equal(3, summary.Of(TnOutcomeKind.Protected));
        Assert.Equal(1, summary.Of(TnOutcomeKind.AlreadyProtected));
        Assert.Equal(2, summary.Of(TnOutcomeKind.Failed));
        Assert.Equal(3, summary.RowsRefused);
        Assert.Equal(0, summary.Of(TnOutcomeKind.Pending));
        Assert.Same(summary, Assert.Single(result.Sink.Summaries));
        Assert.Equal("Set-BwPortOutPasscode: 10 rows read (1 repeated row sent once): 3 protected, 1 already protected, 2 failed (5076: 1, 5196: 1), 3 refused before sending.",
            summary.ToString());
        Assert.All(result.Sink.OutputOf<TnOptionOrder>(), o => Assert.True(o.IsFinal));
        Assert.DoesNotContain(Pin, result.Sink.AllText());
        Assert.DoesNotContain("Other55", result.Sink.AllText());
    }

    [Fact]
    public void A_re_run_of_numbers_that_already_carry_the_passcode_has_no_failure()
    {
        var account = new ScriptedAccount();
        var numbers = Enumerable.Range(1, 7).Select(i => $"201200{i:0000}").ToList();
        foreach (var number in numbers) account.AlreadySet.Add(number);

        var result = Run(account, numbers.Select(n => (n, Pin)));

        AssertEveryRowEndsOnce(result, numbers.Count);
        Assert.Empty(result.Sink.Failures);
        Assert.All(result.Outcomes, o => Assert.Equal(TnOutcomeKind.AlreadyProtected, o.Outcome));
        Assert.All(result.Outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(7, result.Summary.Of(TnOutcomeKind.AlreadyProtected));
        Assert.Equal(0, result.Summary.Unfinished);
    }

    [Fact]
    public void An_order_refused_whole_reports_each_of_its_numbers_once_and_the_other_orders_go_on()
    {
        var account = new ScriptedAccount { RefuseOrder = "-2" };
        var numbers = Enumerable.Range(100, 8).Select(i => $"201200{i:0000}").ToList();

        var result = Run(account, numbers.Select(n => (n, Pin)), s => s.ThrottleLimit = 1);

        AssertEveryRowEndsOnce(result, numbers.Count);
        var refused = result.Sink.Failures.Select(f => (TelephoneNumberException)f.Failure).ToList();
        Assert.Equal(numbers.Skip(3).Take(3), refused.Select(e => e.TelephoneNumber)); // the second order of three numbers
        Assert.All(refused, e =>
        {
            Assert.Equal("5193", e.Code);
            Assert.Null(e.OrderId); // never created
            Assert.EndsWith("-2", e.CustomerOrderId, StringComparison.Ordinal);
            Assert.IsType<BandwidthOrderRejectedException>(e.InnerException);
        });
        Assert.Equal(numbers.Take(3).Concat(numbers.Skip(6)), result.Outcomes.Select(o => o.TelephoneNumber).OrderBy(n => n));
        Assert.All(result.Outcomes, o => Assert.Equal(TnOutcomeKind.Protected, o.Outcome));
        Assert.Equal(2, account.StoredCustomerOrderIds.Count);
        Assert.Equal(3, result.Summary.NumbersNotSent);
        Assert.Equal(5, result.Summary.Of(TnOutcomeKind.Protected));
        Assert.Contains("3 failed (5193: 3)", result.Summary.ToString());
    }

    [Fact]
    public void An_order_lost_to_an_outage_reports_each_of_its_numbers_once_and_nothing_of_it_is_stored()
    {
        var account = new ScriptedAccount { LoseOrder = "-1" };
        var numbers = Enumerable.Range(200, 5).Select(i => $"201200{i:0000}").ToList();

        var result = Run(account, numbers.Select(n => (n, Pin)), s => s.ThrottleLimit = 1);

        AssertEveryRowEndsOnce(result, numbers.Count);
        var lost = result.Sink.Failures.Select(f => (TelephoneNumberException)f.Failure).ToList();
        Assert.Equal(numbers.Take(3), lost.Select(e => e.TelephoneNumber));
        Assert.All(lost, e =>
        {
            Assert.Null(e.Code);
            Assert.IsType<BandwidthServerException>(e.InnerException);
            Assert.Contains("503", e.Message);
        });
        Assert.DoesNotContain(account.StoredCustomerOrderIds, id => id.EndsWith("-1", StringComparison.Ordinal));
        Assert.Equal(numbers.Skip(3), account.StoredNumbers.OrderBy(n => n));
        Assert.Equal(3, result.Summary.NumbersNotSent);
        Assert.Contains("3 failed (not delivered: 3)", result.Summary.ToString());
        // One try and three retries, each looking the order up first: never a blind resend, never stored.
        Assert.Equal(4, account.Api.Sent("POST").Count(r => r.Body.Contains(lost[0].CustomerOrderId + "<", StringComparison.Ordinal)));
    }

    [Fact]
    public void NoWait_outputs_every_order_as_accepted_with_pending_outcomes_and_says_so_once()
    {
        var account = new ScriptedAccount();
        var numbers = Enumerable.Range(300, 7).Select(i => $"201200{i:0000}").ToList();

        var result = Run(account, numbers.Select(n => (n, Pin)), s => s.Wait = false);

        AssertEveryRowEndsOnce(result, numbers.Count);
        Assert.Equal(3, result.Sink.OutputOf<TnOptionOrder>().Count());
        Assert.All(result.Outcomes, o => Assert.Equal(TnOutcomeKind.Pending, o.Outcome));
        Assert.Empty(result.Sink.Failures);
        var warning = Assert.Single(result.Sink.Warnings);
        Assert.Contains("Wait-BwTnOptionOrder", warning);
        Assert.Empty(account.Api.Sent("GET")); // nothing followed
        Assert.Empty(result.Sink.Accepted); // the output is the acceptance
        Assert.Equal(7, result.Summary.Of(TnOutcomeKind.Pending));
        Assert.Equal(7, result.Summary.Unfinished);
        Assert.Contains("7 pending", result.Summary.ToString());
    }

    [Fact]
    public void A_404_on_the_order_collection_stops_the_run_naming_the_base_address_and_reports_no_number_as_failed()
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.NotFound));
        var sink = new RecordingSink();
        using var client = TestClients.Create(TestClients.Basic(), api);
        using var queue = new WorkQueue();
        using var run = new PasscodeRun(new PasscodeRunSettings { BatchSize = 2, ThrottleLimit = 1 }, client, sink, queue, ActivityScope.None);

        var halted = Assert.Throws<RunHaltedException>(() =>
        {
            foreach (var i in Enumerable.Range(0, 5)) run.Add(new InputRow(InputSource.Pipeline, i + 1, $"201200{i:0000}", Pin, null));
            run.Complete();
        });

        Assert.IsType<BandwidthBaseUriException>(halted.InnerException);
        Assert.Contains(TestClients.BaseUri, halted.Message);
        Assert.Empty(sink.Failures); // one terminating error says it all, not one per number
        Assert.Empty(sink.Output);
        Assert.Single(api.Sent("POST")); // a wrong address is not retried, nor is a second order sent to it
    }

    /// <summary>
    /// Memory stays flat however slowly Bandwidth finishes orders: while the orders sent and not ended hold MaxNumbersOut,
    /// nothing more is sent (and rows wait to be read); as they end, the run goes on to the last row.
    /// </summary>
    [Fact]
    public async Task Reading_waits_while_the_orders_out_hold_MaxNumbersOut_and_goes_on_as_they_end()
    {
        var finish = new ManualResetEventSlim();
        var created = new ConcurrentDictionary<string, string>();
        var creates = 0;
        var api = new FakeApi(request =>
        {
            if (request.Method == "POST")
            {
                var id = "order-" + Interlocked.Increment(ref creates);
                created[id] = string.Concat(XElement.Parse(request.Body).Descendants("TelephoneNumber").Select(n => "<TelephoneNumber>" + n.Value + "</TelephoneNumber>"));
                return FakeApi.Xml(HttpStatusCode.Created, "<TnOptionOrderResponse>" + OrderXml(id, created[id], "RECEIVED") + "</TnOptionOrderResponse>");
            }
            var orderId = request.Path.Substring(request.Path.LastIndexOf('/') + 1);
            return FakeApi.Xml(HttpStatusCode.OK, OrderXml(orderId, created[orderId], finish.IsSet ? "COMPLETE" : "RECEIVED"));
        });
        var settings = EngineRuns.Settings(batchSize: 5);
        settings.ThrottleLimit = 2;
        settings.MaxNumbersOut = 10;
        var createdWhileUnfinished = -1;
        using var client = TestClients.Create(TestClients.Basic(), api);
        // Orders stay RECEIVED until a second after the first two were created: time enough, without the bound, to send
        // all twenty (the fake answers at once), however loaded the machine.
        var finishing = Task.Run(() =>
        {
            SpinWait.SpinUntil(() => created.Count >= 2, TimeSpan.FromSeconds(30));
            Thread.Sleep(1000);
            createdWhileUnfinished = created.Count;
            finish.Set();
        });

        var (sink, halt) = EngineRuns.Run(client, settings, Enumerable.Range(0, 100).Select(i => EngineRuns.Row(i + 1, $"20120{i:00000}", Pin)));

        await finishing;
        Assert.Null(halt);
        Assert.Equal(2, createdWhileUnfinished); // two orders of five: the bound of ten numbers reached
        Assert.Equal(20, created.Count);
        Assert.Equal(100, sink.OutputOf<TnOptionOrder>().SelectMany(o => o.Outcomes).Count(o => o.Outcome == TnOutcomeKind.Protected));

        static string OrderXml(string orderId, string numbers, string status) =>
            $"<TnOptionOrder><OrderId>{orderId}</OrderId><ProcessingStatus>{status}</ProcessingStatus><TnOptionGroups><TnOptionGroup>" +
            $"<PortOutPasscode>{Pin}</PortOutPasscode><TelephoneNumbers>{numbers}</TelephoneNumbers></TnOptionGroup></TnOptionGroups></TnOptionOrder>";
    }
}
