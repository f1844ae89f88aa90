using System.Globalization;
using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>A create is never sent twice blindly: after a lost answer the client looks for its CustomerOrderId first.</summary>
public class CreateOnceTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static TnOptionOrderRequest Order(string customerOrderId = "once-1") => new()
    {
        CustomerOrderId = customerOrderId,
        Groups = { new TnOptionGroup { PortOutPasscode = "a1b2c3", TelephoneNumbers = new[] { "2012000001" } } },
    };

    private static string Created(string orderId, string customerOrderId = null) =>
        $"<TnOptionOrder><OrderId>{orderId}</OrderId>{(customerOrderId == null ? "" : $"<CustomerOrderId>{customerOrderId}</CustomerOrderId>")}<ProcessingStatus>RECEIVED</ProcessingStatus></TnOptionOrder>";

    private static string Summaries(string orderId, DateTimeOffset orderDate) =>
        "<TnOptionOrders><TotalCount>1</TotalCount><TnOptionOrderSummary><OrderId>" + orderId + "</OrderId><OrderDate>" +
        orderDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "</OrderDate></TnOptionOrderSummary></TnOptionOrders>";

    /// <summary>
    /// The account as the server sees it: an order stored per POST unless <paramref name="lose"/> says the answer to that
    /// POST (1-based) is lost after storing (true) or before (false); the list filters by customerOrderId. With
    /// <paramref name="oldRunOrder"/>, an order of a run a day ago that used the same CustomerOrderId is there already.
    /// </summary>
    private static FakeApi Account(TestClock clock, Func<int, bool?> lose, string oldRunOrder = null)
    {
        var posts = 0;
        var stored = new Dictionary<string, string>(); // orderId → customerOrderId
        if (oldRunOrder != null) stored["old-order"] = oldRunOrder;
        return new FakeApi(async (r, ct) =>
        {
            if (r.Method == "POST")
            {
                var n = Interlocked.Increment(ref posts);
                var customerOrderId = XElement.Parse(r.Body).Element("CustomerOrderId")?.Value;
                var fate = lose(n);
                if (fate != false) lock (stored) stored["order-" + n] = customerOrderId;
                if (fate == true) await Task.Delay(Timeout.Infinite, ct); // the answer never comes
                if (fate == false) throw new HttpRequestException("The connection was reset");
                return FakeApi.Xml(HttpStatusCode.Created, Created("order-" + n));
            }
            var query = System.Web.HttpUtility.ParseQueryString(r.Uri.Query);
            if (r.Path.EndsWith("/tnoptions", StringComparison.Ordinal))
            {
                KeyValuePair<string, string> match;
                lock (stored) match = stored.LastOrDefault(o => o.Value == query["customerOrderId"]);
                return match.Key == null
                    ? FakeApi.Xml(HttpStatusCode.NotFound, "<TnOptionOrderReportResponse><ResponseStatus><Description>No orders</Description></ResponseStatus></TnOptionOrderReportResponse>")
                    : FakeApi.Xml(HttpStatusCode.OK, Summaries(match.Key, match.Key == "old-order" ? clock.GetUtcNow().AddDays(-1) : clock.GetUtcNow()));
            }
            var orderId = r.Path.Substring(r.Path.LastIndexOf('/') + 1);
            lock (stored)
            {
                return stored.TryGetValue(orderId, out var id)
                    ? FakeApi.Xml(HttpStatusCode.OK, Created(orderId, id))
                    : FakeApi.Status(HttpStatusCode.NotFound);
            }
        });
    }

    private static BandwidthClient Client(FakeApi api, TestClock clock, LogCapture logs = null) =>
        TestClients.Create(TestClients.Basic(), api, clock, logs, o => o.RequestTimeout = RequestTimeout);

    [Fact]
    public async Task An_order_without_a_CustomerOrderId_gets_a_unique_one_that_is_sent_and_returned()
    {
        var clock = new TestClock();
        var api = Account(clock, _ => null);
        using var client = Client(api, clock);
        var first = Order(customerOrderId: null);
        var second = Order(customerOrderId: null);

        var created = await client.CreateOrderAsync(first);
        await client.CreateOrderAsync(second);

        Assert.Matches("^pop-[0-9a-f]{32}$", first.CustomerOrderId);
        Assert.NotEqual(first.CustomerOrderId, second.CustomerOrderId);
        Assert.Equal(first.CustomerOrderId, created.CustomerOrderId); // the 201 did not echo it
        Assert.Equal(first.CustomerOrderId, XElement.Parse(api.Sent("POST")[0].Body).Element("CustomerOrderId")?.Value);
    }

    [Fact]
    public async Task A_POST_that_times_out_after_the_order_was_stored_is_adopted_not_sent_again()
    {
        var clock = new TestClock();
        var api = Account(clock, n => n == 1 ? true : null);
        var logs = new LogCapture();
        using var client = Client(api, clock, logs);

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-1", order.OrderId);
        Assert.Single(api.Sent("POST"));
        Assert.Contains(api.Sent("GET", "/tnoptions"), r => r.Query.Contains("customerOrderId=once-1"));
        Assert.Contains(RequestTimeout, clock.TimersAsked);
        Assert.Contains(logs.Lines, l => l.Contains("adopted, not sent again"));
    }

    [Fact]
    public async Task A_POST_lost_before_anything_was_stored_is_sent_again_with_the_same_body()
    {
        var clock = new TestClock();
        var api = Account(clock, n => n == 1 ? false : null);
        using var client = Client(api, clock);

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-2", order.OrderId);
        var posts = api.Sent("POST");
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Single(api.Sent("GET", "/tnoptions")); // looked up once, between the two
    }

    [Fact]
    public async Task An_order_with_the_same_CustomerOrderId_from_before_the_first_POST_is_not_adopted()
    {
        var clock = new TestClock();
        var api = Account(clock, n => n == 1 ? false : null, oldRunOrder: "once-1"); // the lost POST stored nothing
        using var client = Client(api, clock);

        var order = await client.CreateOrderAsync(Order());

        Assert.Equal("order-2", order.OrderId);
        Assert.Equal(2, api.Sent("POST").Count);
    }

    [Fact]
    public async Task When_every_answer_is_lost_the_error_says_how_to_find_out_whether_the_order_exists()
    {
        var clock = new TestClock();
        var api = Account(clock, _ => false);
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetries = 2);

        var e = await Assert.ThrowsAsync<BandwidthTransportException>(() => client.CreateOrderAsync(Order()));

        Assert.Equal(3, api.Sent("POST").Count);
        Assert.Equal(2, api.Sent("GET", "/tnoptions").Count);
        Assert.Contains("Get-BwTnOptionOrder -CustomerOrderId once-1", e.Message);
    }

    [Fact]
    public async Task Cancelling_during_the_wait_before_a_resend_stops_the_create_without_resending()
    {
        var clock = new TestClock { Speedup = 1 }; // real time: only the cancellation may end the 60 s wait
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(60))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateOrderAsync(Order(), cts.Token));

        Assert.Single(api.Sent("POST"));
    }
}
