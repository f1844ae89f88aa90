using System.Net;
using System.Net.Http.Headers;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

public class ResilienceTests
{
    private static readonly TimeSpan RequestTimeout = TestClients.RequestTimeout;

    internal const string OrderXml =
        "<TnOptionOrder><OrderId>o-1</OrderId><CustomerOrderId>c-1</CustomerOrderId><ProcessingStatus>COMPLETE</ProcessingStatus>" +
        "<TnOptionGroups><TnOptionGroup><PortOutPasscode>abcd</PortOutPasscode><TelephoneNumbers><TelephoneNumber>2012000001</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups></TnOptionOrder>";

    /// <summary>Answers the scripted responses in turn, then the order.</summary>
    private static FakeApi Script(params Func<HttpResponseMessage>[] first)
    {
        var calls = 0;
        return new FakeApi(_ =>
        {
            var i = Interlocked.Increment(ref calls) - 1;
            return i < first.Length ? first[i]() : FakeApi.Xml(HttpStatusCode.OK, OrderXml);
        });
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_is_waited_out_for_exactly_that_long()
    {
        var clock = new TestClock();
        var api = Script(() => FakeApi.Status((HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock);

        var order = await client.GetOrderAsync("o-1");

        Assert.Equal("o-1", order.OrderId);
        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Waits(RequestTimeout));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_After_as_an_HTTP_date_is_waited_out_until_that_date(int status)
    {
        var clock = new TestClock();
        var api = Script(() => FakeApi.Status((HttpStatusCode)status,
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(12))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock);

        await client.GetOrderAsync("o-1");

        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, clock.Waits(RequestTimeout));
    }

    [Fact]
    public async Task A_wait_longer_than_MaxRetryDelay_is_reported_with_what_the_server_asked_not_shortened_into_retries()
    {
        var clock = new TestClock();
        var api = Script(() => FakeApi.Status((HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetryDelay = TimeSpan.FromSeconds(20));

        var e = await Assert.ThrowsAsync<BandwidthThrottledException>(() => client.GetOrderAsync("o-1"));

        Assert.True(e.WaitBeyondCap);
        Assert.Equal(TimeSpan.FromHours(2), e.RetryAfter);
        Assert.Contains("asked to wait 7,200 s", e.Message);
        Assert.Contains("-MaximumRetryDelaySec", e.Message);
        Assert.Single(api.Requests);
        Assert.Empty(clock.Waits(RequestTimeout));
    }

    [Fact]
    public async Task X_RateLimit_Reset_is_waited_until_with_an_empty_body_and_no_Retry_After()
    {
        var clock = new TestClock();
        var reset = clock.GetUtcNow().AddSeconds(12).ToUnixTimeSeconds();
        var api = Script(
            () => FakeApi.Status((HttpStatusCode)429, r => r.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            () => FakeApi.Xml(HttpStatusCode.OK, "<TnOptionOrder><OrderId>o-1</OrderId><ProcessingStatus>COMPLETE</ProcessingStatus></TnOptionOrder>"));
        using var client = TestClients.Create(TestClients.Basic(), api, clock);

        await client.GetOrderAsync("o-1");

        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, clock.Waits(RequestTimeout));
    }

    [Fact]
    public async Task An_X_RateLimit_Reset_beyond_MaxRetryDelay_is_reported_at_once()
    {
        var clock = new TestClock();
        var reset = clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var api = Script(() => FakeApi.Status((HttpStatusCode)429, r => r.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));

        var e = await Assert.ThrowsAsync<BandwidthThrottledException>(() => client.GetOrderAsync("o-1"));

        Assert.True(e.WaitBeyondCap);
        Assert.Contains("asked to wait 3,600 s, until 2026-03-02 11:00:00 UTC", e.Message);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Without_Retry_After_each_retry_waits_a_backoff_within_the_cap()
    {
        var clock = new TestClock();
        var api = Script(
            () => FakeApi.Status(HttpStatusCode.InternalServerError),
            () => FakeApi.Status(HttpStatusCode.BadGateway),
            () => FakeApi.Status(HttpStatusCode.GatewayTimeout));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetryDelay = TimeSpan.FromSeconds(3));

        await client.GetOrderAsync("o-1");

        var waits = clock.Waits(RequestTimeout);
        Assert.Equal(3, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Throttling_beyond_the_retry_budget_is_a_BandwidthThrottledException()
    {
        var clock = new TestClock();
        var api = new FakeApi(_ => FakeApi.Status((HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetries = 2);

        var e = await Assert.ThrowsAsync<BandwidthThrottledException>(() => client.GetOrderAsync("o-1"));

        Assert.Equal(3, api.Requests.Count); // the first attempt and two retries
        Assert.Equal(429, e.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
        Assert.Contains("-MaximumRetryCount", e.Message);
    }

    [Fact]
    public async Task MaxRetries_0_turns_retrying_off()
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = TestClients.Create(TestClients.Basic(), api, adjust: o => o.MaxRetries = 0);

        await Assert.ThrowsAsync<BandwidthServerException>(() => client.GetOrderAsync("o-1"));

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Server_errors_beyond_the_budget_are_a_BandwidthServerException()
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.ServiceUnavailable));
        using var client = TestClients.Create(TestClients.Basic(), api, adjust: o => o.MaxRetries = 2);

        var e = await Assert.ThrowsAsync<BandwidthServerException>(() => client.GetOrderAsync("o-1"));

        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(503, e.HttpStatus);
    }

    [Fact]
    public async Task Network_failures_are_retried_then_reported_as_a_BandwidthTransportException()
    {
        var api = new FakeApi(_ => throw new HttpRequestException("Connection refused"));
        using var client = TestClients.Create(TestClients.Basic(), api, adjust: o => o.MaxRetries = 2);

        var e = await Assert.ThrowsAsync<BandwidthTransportException>(() => client.GetOrderAsync("o-1"));

        Assert.Equal(3, api.Requests.Count);
        Assert.Contains("Connection refused", e.Message);
        Assert.Contains(TestClients.BaseUri, e.Message);
    }

    [Fact]
    public async Task An_attempt_that_takes_longer_than_RequestTimeout_is_abandoned_and_retried()
    {
        var clock = new TestClock();
        var calls = 0;
        var api = new FakeApi(async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1) await Task.Delay(Timeout.Infinite, ct); // never answers
            return FakeApi.Xml(HttpStatusCode.OK, OrderXml);
        });
        var shortTimeout = TimeSpan.FromSeconds(300);
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.RequestTimeout = shortTimeout);

        var order = await client.GetOrderAsync("o-1");

        Assert.Equal("o-1", order.OrderId);
        Assert.Equal(2, calls);
        Assert.Contains(shortTimeout, clock.TimersAsked); // the attempt was bounded by the option, on the test clock
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, typeof(BandwidthException))]
    [InlineData(HttpStatusCode.NotFound, typeof(BandwidthNotFoundException))]
    [InlineData(HttpStatusCode.Conflict, typeof(BandwidthException))]
    [InlineData(HttpStatusCode.RequestTimeout, typeof(BandwidthException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(BandwidthAuthenticationException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(BandwidthAuthenticationException))]
    public async Task A_4xx_other_than_429_is_never_retried(HttpStatusCode status, Type expected)
    {
        var api = new FakeApi(_ => FakeApi.Xml(status,
            "<TnOptionOrderResponse><ResponseStatus><ErrorCode>1234</ErrorCode><Description>No.</Description></ResponseStatus></TnOptionOrderResponse>"));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAnyAsync<BandwidthException>(() => client.GetOrderAsync("o-1"));

        Assert.IsType(expected, e);
        Assert.Single(api.Requests);
        Assert.Equal((int)status, e.HttpStatus);
    }

    [Fact]
    public async Task A_look_up_POST_changes_nothing_and_so_is_retried()
    {
        var answers = 0;
        var lookups = new FakeApi(r => Interlocked.Increment(ref answers) == 1
            ? FakeApi.Status(HttpStatusCode.BadGateway)
            : FakeApi.Xml(HttpStatusCode.OK, "<TelephoneNumbersResponse><TelephoneNumbers><TelephoneNumber><FullNumber>2012000001</FullNumber><Passcode>abcd</Passcode></TelephoneNumber></TelephoneNumbers></TelephoneNumbersResponse>"));
        using var client = TestClients.Create(TestClients.Basic(), lookups);

        var result = await client.LookupPasscodesAsync(new[] { "2012000001" });

        Assert.True(Assert.Single(result).HasPasscode);
        Assert.Equal(2, lookups.Sent("POST", "/tnPortoutPasscodes").Count);
    }

    [Fact]
    public async Task Cancelling_stops_a_Retry_After_wait_at_once()
    {
        var clock = new TestClock { Speedup = 1 }; // real time: the 60 s wait must be cut short by the cancellation
        var api = new FakeApi(_ => FakeApi.Status((HttpStatusCode)429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(60))));
        using var client = TestClients.Create(TestClients.Basic(), api, clock, adjust: o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetOrderAsync("o-1", cts.Token));

        Assert.Contains(TimeSpan.FromSeconds(60), clock.TimersAsked); // the wait was entered…
        Assert.Single(api.Requests); // …and left by the cancellation: waited out, it would have been followed by a retry
    }

    [Fact]
    public async Task Cancelling_stops_a_request_in_flight()
    {
        var api = new FakeApi(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; });
        using var client = TestClients.Create(TestClients.Basic(), api, new TestClock { Speedup = 1 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetOrderAsync("o-1", cts.Token));
        Assert.Single(api.Requests);
    }
}
