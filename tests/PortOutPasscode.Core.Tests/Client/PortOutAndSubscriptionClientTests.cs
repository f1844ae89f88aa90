using System.Net;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>The port-out and subscription calls against the emulator in-process, and what they send, against the fake API.</summary>
public class PortOutAndSubscriptionClientTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string WrongPin = "wrong1";
    private readonly EmulatorFixture _emulator;

    public PortOutAndSubscriptionClientTests(EmulatorFixture emulator) => _emulator = emulator;

    public Task InitializeAsync()
    {
        _emulator.Admin.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<BwPortOut>> Walk(BandwidthClient client, PortOutQuery query, int size)
    {
        var all = new List<BwPortOut>();
        var walk = new PageWalk(Messages.ListingPortOuts);
        while (walk.Current != null)
        {
            var page = await client.GetPortOutPageAsync(walk.Current, size, query);
            all.AddRange(page.Items);
            walk.Advance(page);
        }
        return all;
    }

    [Fact]
    public async Task Wrong_PIN_port_outs_are_listed_in_EXCEPTION_with_7610_across_pages_and_one_reads_with_all_its_numbers()
    {
        _emulator.Admin.SetPasscodes("a1b2c3", "2012000201-2012000210");
        var held = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (status, body) = _emulator.Admin.PortOut((2012000201L + i).ToString(), WrongPin);
            Assert.Equal(409, status);
            held.Add(body.GetProperty("orderId").GetString());
        }
        var (accepted, completeBody) = _emulator.Admin.PortOut(new[] { "2012000206", "2012000207" }, "a1b2c3");
        Assert.Equal(200, accepted);
        var completeId = completeBody.GetProperty("orderId").GetString();
        using var client = _emulator.Client(_emulator.OAuth());

        var exceptions = await Walk(client, new PortOutQuery { Status = "exception" }, 2);

        Assert.Equal(held, exceptions.Select(p => p.OrderId));
        Assert.All(exceptions, p =>
        {
            Assert.Equal("EXCEPTION", p.ProcessingStatus);
            Assert.Equal(BwPortOut.PinMismatchCode, p.ErrorCode);
            Assert.True(p.PinMismatch);
            Assert.NotNull(p.LastModifiedDate);
        });
        Assert.Equal("2012000203", exceptions[2].BillingTelephoneNumber);
        var pages = (_emulator.Admin.Requests()).Count(r => r.Method == "GET" && r.Path.EndsWith("/portouts", StringComparison.Ordinal));
        Assert.Equal(3, pages); // 2 + 2 + 1, by cursor

        var complete = await client.GetPortOutAsync(completeId);
        Assert.Equal("COMPLETE", complete.ProcessingStatus);
        Assert.Equal(new[] { "2012000206", "2012000207" }, complete.TelephoneNumbers);
        Assert.Equal("512E", complete.VendorId);
        Assert.NotNull(complete.ActualFocDate);
    }

    [Fact]
    public async Task Port_outs_filter_by_number_and_by_day_and_read_in_ten_digits_on_v2()
    {
        _emulator.Admin.SetPasscodes("a1b2c3", "2012000301-2012000302");
        _emulator.Admin.PortOut("2012000301", WrongPin);
        _emulator.Admin.PortOut("2012000302", WrongPin);
        var v2 = new BwConnection("9900000", new Uri(_emulator.Server.BaseUri + "/v2"), BwAuthenticationKind.OAuth2ClientCredentials,
            "demo-client", TestClients.Secure("demo-secret"));
        using var client = _emulator.Client(v2);

        var one = await Walk(client, new PortOutQuery { TelephoneNumber = "2012000302" }, 10);
        var today = await Walk(client, new PortOutQuery { Since = DateTime.UtcNow.AddHours(-1) }, 10);
        var later = await Walk(client, new PortOutQuery { Since = DateTime.UtcNow.AddDays(2) }, 10);
        var earlier = await Walk(client, new PortOutQuery { Until = DateTime.UtcNow.Date.AddDays(-1) }, 10);

        Assert.Equal("2012000302", Assert.Single(one).BillingTelephoneNumber);
        Assert.Equal(new[] { "2012000302" }, one[0].TelephoneNumbers);
        Assert.Equal(2, today.Count);
        Assert.Empty(later);
        Assert.Empty(earlier);
        var queries = (_emulator.Admin.Requests()).Where(r => r.Path.EndsWith("/portouts", StringComparison.Ordinal)).Select(r => r.Query).ToList();
        Assert.Contains(queries, q => q.Contains("tn=%2B12012000302"));
        Assert.All(queries.Skip(1), q => Assert.True(q.Contains("startdate=") && q.Contains("enddate="), q)); // both, as the API wants
    }

    [Fact]
    public async Task Filters_are_sent_as_the_API_names_them_and_a_time_of_day_is_left_for_the_caller()
    {
        var api = new FakeApi(_ => FakeApi.Xml(HttpStatusCode.OK, "<LNPResponseWrapper><TotalCount>0</TotalCount></LNPResponseWrapper>"));
        using var client = TestClients.Create(TestClients.Basic(), api);
        var query = new PortOutQuery { Status = "exception", Until = new DateTime(2026, 12, 1, 13, 30, 0, DateTimeKind.Utc) };

        await client.GetPortOutPageAsync(PageLinks.First, 300, query);

        var sent = Assert.Single(api.Sent("GET", "/portouts"));
        Assert.Equal("?page=1&size=300&status=EXCEPTION&startdate=2000-01-01&enddate=2026-12-01", sent.Query);
        Assert.True(query.Matches(new BwPortOut { LastModifiedDate = new DateTime(2026, 12, 1, 13, 29, 0, DateTimeKind.Utc) }));
        Assert.False(query.Matches(new BwPortOut { LastModifiedDate = new DateTime(2026, 12, 1, 13, 30, 0, DateTimeKind.Utc) }));
        Assert.True(new PortOutQuery { Until = new DateTime(2026, 12, 1) }.Matches(new BwPortOut { LastModifiedDate = new DateTime(2026, 12, 1, 23, 59, 0, DateTimeKind.Utc) }));
    }

    [Fact]
    public async Task A_port_out_that_is_not_there_is_named_and_a_bad_id_is_never_sent()
    {
        using var client = _emulator.Client(_emulator.OAuth());

        var missing = await Assert.ThrowsAsync<BandwidthPortOutNotFoundException>(() => client.GetPortOutAsync("00000000-0000-0000-0000-000000000000"));
        Assert.Equal("00000000-0000-0000-0000-000000000000", missing.OrderId);
        Assert.Contains("does not exist on account 9900000", missing.Message);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetPortOutAsync("../tnoptions"));
        Assert.DoesNotContain(_emulator.Admin.Requests(), r => r.Path.Contains("tnoptions"));
    }

    [Fact]
    public async Task A_subscription_is_created_listed_read_refused_twice_and_deleted()
    {
        using var client = _emulator.Client(_emulator.OAuth());
        var email = new SubscriptionRequest { OrderType = "portouts", Email = "noc@example.com", DigestRequested = "DAILY" };

        var id = await client.CreateSubscriptionAsync(email);

        Assert.True(Guid.TryParse(id, out _), id);
        var listed = Assert.Single(await client.ListSubscriptionsAsync());
        Assert.Equal((id, "portouts", "noc@example.com", "DAILY"), (listed.SubscriptionId, listed.OrderType, listed.Email, listed.DigestRequested));
        Assert.Equal("noc@example.com", (await client.GetSubscriptionAsync(id)).Email);

        var again = await Assert.ThrowsAsync<BandwidthSubscriptionRejectedException>(() => client.CreateSubscriptionAsync(email));
        Assert.True(again.AlreadyExists);
        Assert.Contains(id, again.Message);
        Assert.Contains("Get-BwSubscription -OrderType portouts", again.Message);

        Assert.True(await client.DeleteSubscriptionAsync(id));
        Assert.Empty(await client.ListSubscriptionsAsync());
        await Assert.ThrowsAsync<BandwidthSubscriptionNotFoundException>(() => client.GetSubscriptionAsync(id));
        var gone = await Assert.ThrowsAsync<BandwidthSubscriptionNotFoundException>(() => client.DeleteSubscriptionAsync(id));
        Assert.Equal(id, gone.SubscriptionId);
    }

    [Fact]
    public async Task A_subscription_the_API_refuses_with_a_404_and_a_reason_is_rejected_not_read_as_a_wrong_base_address()
    {
        using var client = _emulator.Client(_emulator.OAuth());

        // The emulator answers a failed validation with 404 and its reason, as numbers.yml documents.
        var invalid = await Assert.ThrowsAsync<BandwidthSubscriptionRejectedException>(() =>
            client.CreateSubscriptionAsync(new SubscriptionRequest { OrderType = "portouts", Email = "not-an-address" }));

        Assert.Equal(404, invalid.HttpStatus);
        Assert.False(invalid.AlreadyExists);
        Assert.Contains("not an e-mail address", invalid.Description);
        Assert.IsNotType<BandwidthBaseUriException>(invalid);
    }

    [Fact]
    public async Task A_bare_404_on_the_subscriptions_collection_still_means_a_wrong_base_address()
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.NotFound));
        using var client = TestClients.Create(TestClients.Basic(), api);

        await Assert.ThrowsAsync<BandwidthBaseUriException>(() =>
            client.CreateSubscriptionAsync(new SubscriptionRequest { OrderType = "portouts", Email = "noc@example.com" }));
        await Assert.ThrowsAsync<BandwidthBaseUriException>(() => client.ListSubscriptionsAsync());
    }

    [Fact]
    public async Task A_callback_password_goes_to_Bandwidth_once_and_never_into_a_message_or_a_log_line()
    {
        const string password = "Hook-s3cret-77";
        var api = new FakeApi(request => request.Method == "POST"
            ? FakeApi.Xml(HttpStatusCode.BadRequest,
                $"<SubscriptionsResponse><ResponseStatus><Description>Callback credentials hook/{password} were refused.</Description></ResponseStatus></SubscriptionsResponse>")
            : FakeApi.Status(HttpStatusCode.OK));
        var logs = new LogCapture();
        using var client = TestClients.Create(TestClients.Basic(), api, logs: logs);
        var request = new SubscriptionRequest
        {
            OrderType = "portouts",
            CallbackUrl = new Uri("https://hooks.example.com/bw"),
            CallbackUserName = "hook",
            CallbackPassword = TestClients.Secure(password),
        };

        var refused = await Assert.ThrowsAsync<BandwidthSubscriptionRejectedException>(() => client.CreateSubscriptionAsync(request));

        var post = Assert.Single(api.Sent("POST", "/subscriptions"));
        Assert.Contains($"<Password>{password}</Password>", post.Body);
        Assert.Contains("<Username>hook</Username>", post.Body);
        Assert.DoesNotContain(password, refused.Message);
        Assert.DoesNotContain(password, refused.Description);
        Assert.Contains("hook/****", refused.Description);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(password));
    }

    [Fact]
    public async Task The_subscription_id_is_the_last_segment_of_the_Location_and_a_create_is_sent_once()
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.Created, r =>
            r.Headers.Location = new Uri("https://dashboard.bandwidth.com:443/v1.0/accounts/9900000/subscriptions/85d9de14-32c6-4e3e-a283-7e079d9c9555")));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var id = await client.CreateSubscriptionAsync(new SubscriptionRequest { OrderType = "tnoptions", Email = "noc@example.com" });

        Assert.Equal("85d9de14-32c6-4e3e-a283-7e079d9c9555", id);

        var failing = new FakeApi(_ => FakeApi.Status(HttpStatusCode.ServiceUnavailable));
        using var once = TestClients.Create(TestClients.Basic(), failing);
        await Assert.ThrowsAsync<BandwidthServerException>(() => once.CreateSubscriptionAsync(new SubscriptionRequest { OrderType = "tnoptions", Email = "noc@example.com" }));
        Assert.Single(failing.Sent("POST", "/subscriptions")); // resent, it could meet itself as a 409
    }
}
