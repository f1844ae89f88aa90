using System.Net;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>The fault switches of POST /_emulator/faults: each kind, their bounds (count, every), scope and reset.</summary>
public sealed class FaultTests
{
    /// <summary>Timers may fire up to a tick early: a delay of N ms is checked as at least N minus this.</summary>
    private const double TimerSlackMs = 20;

    private static string Passcode(int i) => OrderXml.Passcode("a1b2c3", (2012000001 + i).ToString());

    [Fact]
    public async Task Throttle_answers_429_with_Retry_After_in_seconds()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "create", kind = "throttle", retryAfter = "7", count = 1 });

        var throttled = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));
        var next = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter.Delta);
        Assert.Equal("TnOptionOrderResponse", throttled.Xml.Name.LocalName);
        Assert.Equal(HttpStatusCode.Created, next.Status);
        Assert.Single(await emulator.StoredOrdersAsync());
    }

    [Theory]
    [InlineData("date", 1)]
    [InlineData("date:30", 30)]
    public async Task Throttle_answers_Retry_After_as_an_HTTP_date(string retryAfter, int seconds)
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(250)); // not on a whole second: the date must round up
        await emulator.AddFaultAsync(new { endpoint = "get", kind = "throttle", retryAfter });

        var answer = await emulator.GetAsync(TestEmulator.Orders() + "/" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        var date = answer.Headers.RetryAfter.Date.Value;
        var earliest = emulator.Clock.GetUtcNow().AddSeconds(seconds);
        Assert.True(date >= earliest && date < earliest.AddSeconds(1), $"Retry-After {date:O}, expected just after {earliest:O}");
    }

    [Fact]
    public async Task Throttle_can_answer_as_Bandwidth_does_X_RateLimit_Reset_an_empty_body_and_no_Retry_After()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(400)); // not on a whole second: the reset must round up
        var fault = await emulator.AddFaultAsync(new { endpoint = "create", kind = "throttle", rateLimitReset = 3, count = 1 });

        var throttled = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        var reset = long.Parse(Assert.Single(throttled.Headers.GetValues("X-RateLimit-Reset")));
        var earliest = emulator.Clock.GetUtcNow().AddSeconds(3);
        Assert.True(DateTimeOffset.FromUnixTimeSeconds(reset) >= earliest && DateTimeOffset.FromUnixTimeSeconds(reset) < earliest.AddSeconds(1),
            $"reset {reset}, expected the second just after {earliest:O}");
        Assert.Equal(0, throttled.ContentHeaders.ContentLength);
        Assert.Equal("", throttled.Text);
        Assert.Null(throttled.Headers.RetryAfter);
        Assert.Equal(3, fault.GetProperty("rateLimitReset").GetInt32());
        Assert.Equal(JsonValueKind.Null, fault.GetProperty("retryAfter").ValueKind);
        Assert.Empty(await emulator.StoredOrdersAsync());
    }

    [Fact]
    public async Task A_wait_of_an_hour_can_be_asked_for_in_both_forms()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "get", kind = "throttle", rateLimitReset = 3600, count = 1 });
        await emulator.AddFaultAsync(new { endpoint = "get", kind = "throttle", retryAfter = "3600", count = 1 });
        await emulator.AddFaultAsync(new { endpoint = "get", kind = "throttle", retryAfter = "date:3600", count = 1 });
        await emulator.AddFaultAsync(new { endpoint = "list", kind = "throttle", retryAfter = "5", rateLimitReset = 3600, count = 1 });
        var path = TestEmulator.Orders() + "/" + Guid.NewGuid();
        var now = emulator.Clock.GetUtcNow();

        var reset = await emulator.GetAsync(path);
        var seconds = await emulator.GetAsync(path);
        var date = await emulator.GetAsync(path);
        var both = await emulator.GetAsync(TestEmulator.Orders());

        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), long.Parse(reset.Headers.GetValues("X-RateLimit-Reset").Single()));
        Assert.Equal(TimeSpan.FromHours(1), seconds.Headers.RetryAfter.Delta);
        Assert.Equal(now.AddHours(1), date.Headers.RetryAfter.Date);
        Assert.Equal(TimeSpan.FromSeconds(5), both.Headers.RetryAfter.Delta);
        Assert.True(both.Headers.Contains("X-RateLimit-Reset"));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync(path)).Status); // every throttle spent
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_401)]
    public async Task A_rate_limit_reset_outside_a_day_ahead_is_refused(int seconds)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var refused = await emulator.AdminAsync(HttpMethod.Post, "faults", new { kind = "throttle", rateLimitReset = seconds }, HttpStatusCode.BadRequest);

        Assert.Contains("rateLimitReset", refused.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Status_answers_the_given_error_and_stores_nothing(int status)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "create", kind = "status", status, count = 2 });

        var first = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));
        var second = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));
        var third = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));

        Assert.Equal((HttpStatusCode)status, first.Status);
        Assert.Equal((HttpStatusCode)status, second.Status);
        Assert.Equal(HttpStatusCode.Created, third.Status);
        Assert.Single(await emulator.StoredOrdersAsync());
    }

    [Fact]
    public async Task Latency_delays_the_answer_and_the_request_log_shows_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "list", kind = "latency", latencyMs = 150, count = 1 });

        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders())).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders())).Status);

        var log = await emulator.LoggedRequestsAsync();
        Assert.Equal(new[] { "latency", null }, log.Select(r => r.GetProperty("fault").GetString()));
        Assert.True(log[0].GetProperty("durationMs").GetDouble() >= 150 - TimerSlackMs, log[0].ToString()); // a delay of at least what was asked
    }

    [Fact]
    public async Task DropBefore_closes_the_connection_without_storing_anything()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "create", kind = "dropBefore", count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0)));

        Assert.Empty(await emulator.StoredOrdersAsync());
        Assert.Empty(await emulator.StoredPasscodesAsync());
        Assert.Equal(0, (await emulator.LoggedRequestsAsync()).Single().GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0))).Status);
    }

    [Fact]
    public async Task DropAfterStore_stores_the_order_then_closes_the_connection()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "create", kind = "dropAfterStore", count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Order("lost-answer", Group.Passcode("a1b2c3", "2012000001"))));

        var stored = Assert.Single(await emulator.StoredOrdersAsync());
        Assert.Equal("lost-answer", stored.GetProperty("customerOrderId").GetString());
        Assert.Equal("a1b2c3", (await emulator.StoredPasscodesAsync())["2012000001"]);
        // The client can find it again by its CustomerOrderId, which is how a careful client recovers.
        var list = await emulator.GetAsync(TestEmulator.Orders() + "?customerOrderId=lost-answer");
        Assert.Equal(stored.GetProperty("orderId").GetString(), list.Xml.Element("TnOptionOrderSummary").Element("OrderId").Value);
    }

    [Fact]
    public async Task Truncate_sends_a_complete_message_whose_XML_is_cut()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(Passcode(0));
        await emulator.AddFaultAsync(new { endpoint = "get", kind = "truncate", count = 1 });

        var cut = await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}");
        var whole = await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}");

        Assert.Equal(HttpStatusCode.OK, cut.Status);
        Assert.Equal(whole.Text.Length / 2, cut.Text.Length);
        Assert.StartsWith(cut.Text, whole.Text);
        Assert.ThrowsAny<XmlException>(() => XDocument.Parse(cut.Text));
    }

    [Fact]
    public async Task Every_N_hits_one_request_in_N_and_count_bounds_the_hits()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "list", kind = "status", status = 503, every = 3, count = 2 });

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++) statuses.Add((int)(await emulator.GetAsync(TestEmulator.Orders())).Status);

        Assert.Equal(new[] { 200, 200, 503, 200, 200, 503, 200, 200, 200, 200 }, statuses);
        var fault = Assert.Single((await emulator.AdminAsync(HttpMethod.Get, "faults")).EnumerateArray());
        Assert.Equal(2, fault.GetProperty("hits").GetInt64());
        Assert.True(fault.GetProperty("spent").GetBoolean());
    }

    [Fact]
    public async Task A_fault_for_one_endpoint_leaves_the_others_alone_and_star_hits_them_all()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(Passcode(0));
        await emulator.AddFaultAsync(new { endpoint = "history", kind = "status", status = 500 });

        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}")).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}/history")).Status);

        await emulator.AdminAsync(HttpMethod.Delete, "faults");
        await emulator.AddFaultAsync(new { kind = "status", status = 502 });
        var everything = new[]
        {
            await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}"),
            await emulator.GetAsync(TestEmulator.Orders()),
            await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}/history"),
            await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=5"),
            await emulator.PostXmlAsync(TestEmulator.Passcodes(), OrderXml.TnList(new[] { "2012000001" })),
            await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(1)),
            await emulator.SendAsync(new HttpRequestMessage(HttpMethod.Post, emulator.Server.TokenUri)),
        };
        Assert.All(everything, a => Assert.Equal(HttpStatusCode.BadGateway, a.Status));
    }

    [Fact]
    public async Task A_fault_on_the_token_endpoint_throttles_token_requests()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "token", kind = "throttle", retryAfter = "3", count = 1 });

        var answer = await emulator.SendAsync(new HttpRequestMessage(HttpMethod.Post, emulator.Server.TokenUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "demo-client", ["client_secret"] = "demo-secret" }),
        });

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), answer.Headers.RetryAfter.Delta);
    }

    [Fact]
    public async Task Latency_adds_to_another_fault_of_the_same_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddFaultAsync(new { endpoint = "create", kind = "status", status = 503, latencyMs = 100, count = 1 });

        var answer = await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        var logged = Assert.Single(await emulator.LoggedRequestsAsync());
        Assert.True(logged.GetProperty("durationMs").GetDouble() >= 100 - TimerSlackMs, logged.ToString());
    }

    [Fact]
    public async Task Faults_are_listed_removed_one_by_one_cleared_and_reset()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await emulator.AddFaultAsync(new { endpoint = "create", kind = "status" });
        var second = await emulator.AddFaultAsync(new { endpoint = "get", kind = "dropBefore", every = 2 });

        var listed = (await emulator.AdminAsync(HttpMethod.Get, "faults")).EnumerateArray().ToArray();
        Assert.Equal(new[] { "status", "dropBefore" }, listed.Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal(503, first.GetProperty("status").GetInt32()); // the default status

        await emulator.AdminAsync(HttpMethod.Delete, "faults/" + first.GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await emulator.PostXmlAsync(TestEmulator.Orders(), Passcode(0))).Status);
        await emulator.AdminAsync(HttpMethod.Delete, "faults/" + first.GetProperty("id").GetInt32(), expected: HttpStatusCode.NotFound);

        await emulator.AddFaultAsync(new { kind = "status", status = 500 });
        await emulator.AdminAsync(HttpMethod.Delete, "faults");
        Assert.Empty((await emulator.AdminAsync(HttpMethod.Get, "faults")).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders())).Status);

        await emulator.AddFaultAsync(new { kind = "status", status = 500 });
        await emulator.AdminAsync(HttpMethod.Post, "reset");
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders())).Status);
        Assert.Equal(2, second.GetProperty("every").GetInt32());
    }

    public static TheoryData<string> BadFaults => new()
    {
        """{ "kind": "explode" }""",
        """{ "endpoint": "everything", "kind": "status" }""",
        """{ "kind": "status", "status": 200 }""",
        """{ "kind": "status", "count": 0 }""",
        """{ "kind": "status", "every": 0 }""",
        """{ "kind": "latency", "latencyMs": -1 }""",
        """{ "kind": "throttle", "retryAfter": "soon" }""",
        """{ "kind": "status", "typo": 1 }""",
        """not json""",
    };

    [Theory]
    [MemberData(nameof(BadFaults))]
    public async Task A_fault_the_emulator_cannot_apply_is_refused_with_400(string json)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/_emulator/faults")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("error").ValueKind);
        Assert.Empty((await emulator.AdminAsync(HttpMethod.Get, "faults")).EnumerateArray());
    }
}
