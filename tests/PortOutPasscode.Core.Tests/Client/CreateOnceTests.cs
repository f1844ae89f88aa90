using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>
/// A create is never sent twice blindly, and a lost answer never adopts someone else's order: after a lost answer the
/// client looks for its CustomerOrderId (again, for a list that lags), and adopts only an order with the same numbers in
/// the same passcode groups, created after its first POST by the server's own clock.
/// </summary>
public class CreateOnceTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static TnOptionOrderRequest Order(string customerOrderId = "once-1", params string[] numbers) => new()
    {
        CustomerOrderId = customerOrderId,
        Groups = { new TnOptionGroup { PortOutPasscode = "a1b2c3", TelephoneNumbers = numbers.Length == 0 ? new[] { "2012000001" } : numbers } },
    };

    /// <summary>An order as the server keeps it.</summary>
    private sealed record Stored(string OrderId, string CustomerOrderId, string[] Numbers, string Passcode, DateTimeOffset CreatedAt, int VisibleFromListCall);

    /// <summary>
    /// The account as the server sees it. <paramref name="lose"/> says, per POST (1-based), whether its answer is lost after
    /// storing (true), before storing (false) or not at all (null); <paramref name="refuse"/> answers a POST with a refusal
    /// instead (a 429, say). The list filters by customerOrderId and shows an order only from the
    /// <paramref name="listLag"/>-th list call after it was stored. <paramref name="serverClockOffset"/> moves the server's
    /// clock (its dates and Date headers). <paramref name="existing"/> are orders stored before the run.
    /// </summary>
    private sealed class Account
    {
        private readonly List<Stored> _stored = new();
        private int _posts;
        private int _listCalls;

        internal Account(TestClock clock, Func<int, bool?> lose, Func<int, HttpResponseMessage> refuse = null, int listLag = 0,
            TimeSpan serverClockOffset = default, params Stored[] existing)
        {
            _stored.AddRange(existing);
            DateTimeOffset ServerNow() => clock.GetUtcNow() + serverClockOffset;
            HttpResponseMessage Dated(HttpResponseMessage response)
            {
                response.Headers.Date = ServerNow();
                return response;
            }
            Api = new FakeApi(async (r, ct) =>
            {
                if (r.Method == "POST")
                {
                    var n = Interlocked.Increment(ref _posts);
                    var refusal = refuse?.Invoke(n);
                    if (refusal != null) return Dated(refusal);
                    var body = XElement.Parse(r.Body);
                    var numbers = body.Descendants("TelephoneNumber").Select(e => e.Value).ToArray();
                    var passcode = body.Descendants("PortOutPasscode").FirstOrDefault()?.Value;
                    var fate = lose(n);
                    if (fate != false)
                    {
                        lock (_stored) _stored.Add(new Stored("order-" + n, body.Element("CustomerOrderId")?.Value, numbers, passcode, ServerNow(), _listCalls + 1 + listLag));
                    }
                    if (fate == true) await Task.Delay(Timeout.Infinite, ct); // the answer never comes
                    if (fate == false) throw new HttpRequestException("The connection was reset");
                    return Dated(FakeApi.Xml(HttpStatusCode.Created, Xml(_stored.Last(), withDetails: false)));
                }
                var query = System.Web.HttpUtility.ParseQueryString(r.Uri.Query);
                if (r.Path.EndsWith("/tnoptions", StringComparison.Ordinal))
                {
                    var call = Interlocked.Increment(ref _listCalls);
                    List<Stored> matches;
                    lock (_stored) matches = _stored.Where(o => o.CustomerOrderId == query["customerOrderId"] && o.VisibleFromListCall <= call).ToList();
                    return Dated(FakeApi.Xml(HttpStatusCode.OK, "<TnOptionOrders><TotalCount>" + matches.Count + "</TotalCount>" +
                        string.Concat(matches.Select(o => $"<TnOptionOrderSummary><OrderId>{o.OrderId}</OrderId><OrderDate>{Date(o.CreatedAt)}</OrderDate></TnOptionOrderSummary>")) +
                        "</TnOptionOrders>"));
                }
                var orderId = r.Path.Substring(r.Path.LastIndexOf('/') + 1);
                lock (_stored)
                {
                    var order = _stored.FirstOrDefault(o => o.OrderId == orderId);
                    return Dated(order == null ? FakeApi.Status(HttpStatusCode.NotFound) : FakeApi.Xml(HttpStatusCode.OK, Xml(order, withDetails: true)));
                }
            });
        }

        internal FakeApi Api { get; }

        internal IReadOnlyList<Stored> StoredOrders
        {
            get
            {
                lock (_stored) return _stored.ToList();
            }
        }

        private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static string Xml(Stored order, bool withDetails) =>
            $"<TnOptionOrder><OrderId>{order.OrderId}</OrderId><ProcessingStatus>RECEIVED</ProcessingStatus>" +
            (withDetails
                ? $"<CustomerOrderId>{order.CustomerOrderId}</CustomerOrderId><OrderCreateDate>{Date(order.CreatedAt)}</OrderCreateDate><TnOptionGroups><TnOptionGroup>" +
                  (order.Passcode == null ? "" : $"<PortOutPasscode>{order.Passcode}</PortOutPasscode>") +
                  $"<TelephoneNumbers>{string.Concat(order.Numbers.Select(n => $"<TelephoneNumber>{n}</TelephoneNumber>"))}</TelephoneNumbers></TnOptionGroup></TnOptionGroups>"
                : "") +
            "</TnOptionOrder>";
    }

    private static BandwidthClient Client(FakeApi api, TestClock clock, LogCapture logs = null, Action<BandwidthClientOptions> adjust = null) =>
        TestClients.Create(TestClients.Basic(), api, clock, logs, o =>
        {
            o.RequestTimeout = RequestTimeout;
            adjust?.Invoke(o);
        });

    private static HttpResponseMessage Throttled() =>
        FakeApi.Status((HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));

    [Fact]
    public async Task An_order_without_a_CustomerOrderId_gets_a_unique_one_that_is_sent_and_returned()
    {
        var clock = new TestClock();
        var account = new Account(clock, _ => null);
        using var client = Client(account.Api, clock);
        var first = Order(customerOrderId: null);
        var second = Order(customerOrderId: null);

        var created = await client.CreateOrderAsync(first);
        await client.CreateOrderAsync(second);

        // pop-, the start time, 13 base32 characters (64 random bits), the order number.
        Assert.Matches("^pop-[0-9]{12}-[a-z2-7]{13}-1$", first.CustomerOrderId);
        Assert.NotEqual(first.CustomerOrderId, second.CustomerOrderId);
        Assert.Equal(first.CustomerOrderId, created.CustomerOrderId); // the 201 did not echo it
        Assert.Equal(first.CustomerOrderId, XElement.Parse(account.Api.Sent("POST")[0].Body).Element("CustomerOrderId")?.Value);
    }

    [Fact]
    public async Task A_POST_that_times_out_after_the_order_was_stored_is_adopted_not_sent_again()
    {
        var clock = new TestClock();
        var account = new Account(clock, n => n == 1 ? true : null);
        var logs = new LogCapture();
        using var client = Client(account.Api, clock, logs);

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-1", order.OrderId);
        Assert.Single(account.Api.Sent("POST"));
        Assert.Contains(account.Api.Sent("GET", "/tnoptions"), r => r.Query.Contains("customerOrderId=once-1"));
        Assert.Contains(RequestTimeout, clock.TimersAsked);
        Assert.Contains(logs.Lines, l => l.Contains("adopted, not sent again"));
        Assert.Equal("********", order.Groups.Single().PortOutPasscode); // the echoed passcode is never kept
    }

    [Fact]
    public async Task A_POST_lost_before_anything_was_stored_is_sent_again_after_looking_again_for_a_lagging_list()
    {
        var clock = new TestClock();
        var account = new Account(clock, n => n == 1 ? false : null);
        using var client = Client(account.Api, clock, adjust: o => o.LostOrderLookAgain = new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5) });

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-2", order.OrderId);
        var posts = account.Api.Sent("POST");
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(3, account.Api.Sent("GET", "/tnoptions").Count); // looked now, after 2 s and after 5 s, then sent again
        Assert.Contains(TimeSpan.FromSeconds(2), clock.TimersAsked);
        Assert.Contains(TimeSpan.FromSeconds(5), clock.TimersAsked);
    }

    [Fact]
    public async Task An_order_the_list_shows_late_is_adopted_on_a_later_look_not_stored_twice()
    {
        var clock = new TestClock();
        var account = new Account(clock, n => n == 1 ? true : null, listLag: 2); // visible only from the third list call
        using var client = Client(account.Api, clock);

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-1", order.OrderId);
        Assert.Single(account.StoredOrders);
        Assert.Single(account.Api.Sent("POST"));
    }

    [Fact]
    public async Task An_order_of_an_earlier_run_with_the_same_CustomerOrderId_and_other_numbers_is_not_adopted()
    {
        // Run A made nightly-1 for other numbers minutes ago; this run's first POST of nightly-1 is lost before storing.
        var clock = new TestClock();
        var earlier = new Stored("run-a", "nightly-1", new[] { "2012000777" }, "a1b2c3", clock.GetUtcNow().AddMinutes(-5), 0);
        var account = new Account(clock, n => n == 1 ? false : null, existing: earlier);
        using var client = Client(account.Api, clock, adjust: o => o.LostOrderLookAgain = Array.Empty<TimeSpan>());

        var order = await client.CreateOrderAsync(Order("nightly-1", "2012000001", "2012000002"));

        Assert.Equal("order-2", order.OrderId);
        Assert.Equal(new[] { "2012000001", "2012000002" }, account.StoredOrders.Single(o => o.OrderId == "order-2").Numbers);
    }

    [Fact]
    public async Task An_order_of_an_earlier_run_with_the_same_numbers_is_not_adopted_because_it_is_older_than_the_first_POST()
    {
        var clock = new TestClock();
        var earlier = new Stored("run-a", "once-1", new[] { "2012000001" }, "a1b2c3", clock.GetUtcNow().AddDays(-1), 0);
        var account = new Account(clock, n => n == 1 ? false : null, existing: earlier);
        using var client = Client(account.Api, clock, adjust: o => o.LostOrderLookAgain = Array.Empty<TimeSpan>());

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-2", order.OrderId);
        Assert.Equal(2, account.Api.Sent("POST").Count);
    }

    [Fact]
    public async Task A_429_is_sent_again_without_looking_up_and_never_adopts_an_earlier_order()
    {
        var clock = new TestClock();
        var earlier = new Stored("run-a", "nightly-1", new[] { "2012000777" }, "a1b2c3", clock.GetUtcNow().AddMinutes(-5), 0);
        var account = new Account(clock, _ => null, refuse: n => n == 1 ? Throttled() : null, existing: earlier);
        using var client = Client(account.Api, clock);

        var order = await client.CreateOrderAsync(Order("nightly-1", "2012000001"));

        Assert.Equal("order-2", order.OrderId);
        Assert.Empty(account.Api.Sent("GET", "/tnoptions"));
        Assert.Equal(new[] { "2012000001" }, account.StoredOrders.Single(o => o.OrderId == "order-2").Numbers);
    }

    [Fact]
    public async Task A_server_clock_minutes_behind_still_dates_the_lost_order_after_the_first_POST()
    {
        // The first answer tells the client the server's time (Date header); the lost order's date is compared in it.
        var clock = new TestClock();
        var account = new Account(clock, n => n == 2 ? true : null, serverClockOffset: TimeSpan.FromMinutes(-15));
        using var client = Client(account.Api, clock);
        await client.CreateOrderAsync(Order("skew-1"));

        var order = await client.CreateOrderAsync(Order("skew-2", "2012000002"));

        Assert.Equal("order-2", order.OrderId);
        Assert.Equal(2, account.Api.Sent("POST").Count);
    }

    [Fact]
    public async Task When_every_answer_is_lost_the_error_says_how_to_find_out_whether_the_order_exists()
    {
        var clock = new TestClock();
        var account = new Account(clock, _ => false);
        using var client = Client(account.Api, clock, adjust: o =>
        {
            o.MaxRetries = 2;
            o.LostOrderLookAgain = Array.Empty<TimeSpan>();
        });

        var e = await Assert.ThrowsAsync<BandwidthTransportException>(() => client.CreateOrderAsync(Order()));

        Assert.Equal(3, account.Api.Sent("POST").Count);
        Assert.Equal(2, account.Api.Sent("GET", "/tnoptions").Count);
        Assert.Contains("Get-BwTnOptionOrder -CustomerOrderId once-1", e.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_gets_one_request_per_attempt_not_retries_of_retries()
    {
        // Before: every create retry wrapped a look-up with retries of its own, 1 + R × (R + 1) requests of up to 100 s.
        // Slower timers than usual: the attempts' timeouts and the create's overall budget are real-time timers side by
        // side, and a loaded machine must not make the budget look spent before the attempts are.
        var clock = new TestClock { Speedup = 100 };
        var api = new FakeApi(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return FakeApi.Status(HttpStatusCode.OK);
        });
        using var client = Client(api, clock, adjust: o =>
        {
            o.MaxRetries = 3;
            o.LostOrderLookAgain = Array.Empty<TimeSpan>();
        });

        await Assert.ThrowsAnyAsync<BandwidthException>(() => client.CreateOrderAsync(Order()));

        Assert.Equal(4, api.Requests.Count); // the POST, then one look-up per retry (the POST is not resent unseen)
        Assert.Single(api.Sent("POST"));
    }

    [Fact]
    public async Task Cancelling_during_the_wait_before_a_resend_stops_the_create_without_resending()
    {
        var clock = new TestClock { Speedup = 1 }; // real time: only the cancellation may end the 60 s wait
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(60))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateOrderAsync(Order(), cts.Token));

        Assert.Single(api.Sent("POST"));
    }
}
