using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// /accounts/{id}/subscriptions as numbers.yml has it (create 201 + Location, list, get, update, delete) for portouts
/// and tnoptions, e-mail or a loopback callback; callbacks get the order webhook's &lt;Notification&gt; from a
/// background sender (bounded timeout, no retry); GET /_emulator/notifications shows every notification and its delivery.
/// </summary>
public sealed class SubscriptionTests
{
    private const string Subscriptions = "/api/accounts/" + TestEmulator.Account + "/subscriptions";

    private static string Email(string orderType, string address = "noc@example.com", string digest = "NONE", string orderId = null) =>
        new XElement("Subscription",
            new XElement("OrderType", orderType),
            orderId == null ? null : new XElement("OrderId", orderId),
            new XElement("EmailSubscription", new XElement("Email", address), digest == null ? null : new XElement("DigestRequested", digest))).ToString();

    private static string Callback(string orderType, Uri url, string expiry = null, string user = null, string password = null, string numberFormat = null) =>
        new XElement("Subscription",
            new XElement("OrderType", orderType),
            new XElement("CallbackSubscription",
                new XElement("URL", url.ToString()),
                expiry == null ? null : new XElement("Expiry", expiry),
                user == null ? null : new XElement("CallbackCredentials", new XElement("BasicAuthentication", new XElement("Username", user), new XElement("Password", password))),
                numberFormat == null ? null : new XElement("NumberFormat", numberFormat))).ToString();

    private static async Task<string> SubscribeAsync(TestEmulator emulator, string xml, string path = Subscriptions)
    {
        var answer = await emulator.PostXmlAsync(path, xml);
        Assert.True(answer.Status == HttpStatusCode.Created, $"{(int)answer.Status}: {answer.Text}");
        Assert.Equal("", answer.Text);
        return answer.Headers.Location.Segments[^1];
    }

    private static Task<Answer> PutXmlAsync(TestEmulator emulator, string path, string xml) =>
        emulator.SendAsync(HttpMethod.Put, path, new StringContent(xml, Encoding.UTF8, "application/xml"));

    private static async Task<JsonElement[]> NotificationsAsync(TestEmulator emulator) =>
        (await emulator.AdminAsync(HttpMethod.Get, "notifications")).EnumerateArray().ToArray();

    /// <summary>Waits (at most 10 s) until the condition holds; the sender works in the background.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (await condition()) return;
        }
        Assert.Fail("timed out waiting for " + what);
    }

    [Fact]
    public async Task Create_list_get_update_and_delete_as_the_spec_has_them()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var created = await emulator.PostXmlAsync(Subscriptions, Email("portouts", digest: "DAILY"));
        var id = created.Headers.Location.Segments[^1];
        var list = (await emulator.GetAsync(Subscriptions)).Xml;
        var one = await emulator.GetAsync($"{Subscriptions}/{id}");
        var updated = await PutXmlAsync(emulator, $"{Subscriptions}/{id}", Email("portouts", "ops@example.com", "NONE"));
        var after = (await emulator.GetAsync($"{Subscriptions}/{id}")).Xml;
        var deleted = await emulator.SendAsync(HttpMethod.Delete, $"{Subscriptions}/{id}", null);
        var gone = await emulator.GetAsync($"{Subscriptions}/{id}");
        var deletedAgain = await emulator.SendAsync(HttpMethod.Delete, $"{Subscriptions}/{id}", null);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("", created.Text);
        Assert.Equal($"{emulator.Server.RootUri}api/accounts/9900000/subscriptions/{id}", created.Headers.Location.ToString());
        Assert.True(XNode.DeepEquals(XElement.Parse($"""
            <SubscriptionsResponse><Subscriptions><Subscription>
              <SubscriptionId>{id}</SubscriptionId><OrderType>portouts</OrderType>
              <EmailSubscription><Email>noc@example.com</Email><DigestRequested>DAILY</DigestRequested></EmailSubscription>
            </Subscription></Subscriptions></SubscriptionsResponse>
            """ ), list), list.ToString());
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(id, one.Xml.Descendants("SubscriptionId").Single().Value);
        Assert.Equal((HttpStatusCode.OK, ""), (updated.Status, updated.Text));
        Assert.Equal(("ops@example.com", "NONE"), (after.Descendants("Email").Single().Value, after.Descendants("DigestRequested").Single().Value));
        Assert.Equal((HttpStatusCode.OK, ""), (deleted.Status, deleted.Text));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("SubscriptionsResponse", gone.Xml.Name.LocalName);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.Status);
        Assert.Empty((await emulator.GetAsync(Subscriptions)).Xml.Element("Subscriptions").Elements());
    }

    [Fact]
    public async Task The_same_target_twice_is_409_and_PUT_on_an_unknown_id_is_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SubscribeAsync(emulator, Email("tnoptions"));

        var twice = await emulator.PostXmlAsync(Subscriptions, Email("tnoptions", "NOC@example.com"));
        var otherType = await emulator.PostXmlAsync(Subscriptions, Email("portouts"));
        var unknown = await PutXmlAsync(emulator, $"{Subscriptions}/{Guid.NewGuid()}", Email("tnoptions"));

        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Contains(id, twice.Description);
        Assert.Equal(HttpStatusCode.Created, otherType.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    public static TheoryData<string, string, HttpStatusCode, string> Refusals => new()
    {
        { "no OrderType", "<Subscription><EmailSubscription><Email>a@b.c</Email><DigestRequested>NONE</DigestRequested></EmailSubscription></Subscription>", HttpStatusCode.NotFound, "OrderType is required" },
        { "no DigestRequested", Email("portouts", digest: null), HttpStatusCode.NotFound, "DigestRequested is required" },
        { "not an address", Email("portouts", "nobody"), HttpStatusCode.NotFound, "is not an e-mail address" },
        { "both targets", "<Subscription><OrderType>portouts</OrderType><EmailSubscription><Email>a@b.c</Email><DigestRequested>NONE</DigestRequested></EmailSubscription><CallbackSubscription><URL>http://127.0.0.1:9/x</URL></CallbackSubscription></Subscription>", HttpStatusCode.NotFound, "exactly one" },
        { "not loopback", Callback("portouts", new Uri("https://hooks.example.com/bandwidth")), HttpStatusCode.BadRequest, "must be on this machine" },
        { "private address", Callback("portouts", new Uri("http://10.0.0.5/hook")), HttpStatusCode.BadRequest, "10.0.0.5 is not loopback" },
        { "not a URL", "<Subscription><OrderType>portouts</OrderType><CallbackSubscription><URL>hook</URL></CallbackSubscription></Subscription>", HttpStatusCode.NotFound, "not an absolute http or https URL" },
        { "bad expiry", Callback("portouts", new Uri("http://127.0.0.1:9/x"), expiry: "soon"), HttpStatusCode.NotFound, "Expiry 'soon'" },
        { "bad number format", Callback("portouts", new Uri("http://127.0.0.1:9/x"), numberFormat: "DOTS"), HttpStatusCode.NotFound, "NumberFormat 'DOTS'" },
        { "event type", "<Subscription><EventType>MESSAGING_LOST</EventType><EmailSubscription><Email>a@b.c</Email><DigestRequested>NONE</DigestRequested></EmailSubscription></Subscription>", HttpStatusCode.BadRequest, "EventType" },
        { "other order type", Email("orders"), HttpStatusCode.BadRequest, "not emulated" },
        { "not XML", "<Subscription>", HttpStatusCode.BadRequest, "not well-formed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_subscription_it_cannot_take_is_refused_with_a_reason(string what, string xml, HttpStatusCode expected, string reason)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.PostXmlAsync(Subscriptions, xml);

        Assert.True(answer.Status == expected, $"{what}: {(int)answer.Status} {answer.Text}");
        Assert.Equal("SubscriptionsResponse", answer.Xml.Name.LocalName);
        Assert.Contains(reason, answer.Description);
        Assert.Empty((await emulator.GetAsync(Subscriptions)).Xml.Element("Subscriptions").Elements());
    }

    [Fact]
    public async Task PUT_that_fails_validation_is_400_as_the_spec_says()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SubscribeAsync(emulator, Email("portouts"));

        var answer = await PutXmlAsync(emulator, $"{Subscriptions}/{id}", Email("portouts", digest: "WEEKLY"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("DigestRequested", answer.Description);
    }

    [Fact]
    public async Task A_port_out_callback_is_told_of_the_EXCEPTION_and_the_COMPLETE_with_its_credentials_and_never_a_PIN()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000101"));
        var id = await SubscribeAsync(emulator, Callback("portouts", receiver.Url, user: "hook-user", password: "hook-secret"));

        var wrong = await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000101", pin = "wrong1" }, HttpStatusCode.Conflict);
        var orderId = wrong.GetProperty("orderId").GetString();
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { orderId, pin = "a1b2c3" });
        await EventuallyAsync(async () => receiver.Received.Count == 2 && (await NotificationsAsync(emulator)).All(n => n.GetProperty("delivery").GetString() == "delivered"),
            "two delivered callbacks");

        var (exception, complete) = (receiver.Received.ElementAt(0), receiver.Received.ElementAt(1));
        Assert.Equal(("POST", "/hooks/bandwidth"), (exception.Method, exception.Path));
        Assert.StartsWith("application/xml", exception.ContentType);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hook-user:hook-secret")), exception.Authorization);
        Assert.True(XNode.DeepEquals(XElement.Parse($"""
            <Notification><SubscriptionId>{id}</SubscriptionId><OrderType>portouts</OrderType><OrderId>{orderId}</OrderId>
              <Status>EXCEPTION</Status><Message>PIN does not match the Passcodes on the telephone numbers being ported out</Message>
              <LastModifiedDate>{exception.Xml.Element("LastModifiedDate").Value}</LastModifiedDate></Notification>
            """), exception.Xml), exception.Body);
        Assert.Equal("COMPLETE", complete.Xml.Element("Status").Value);
        Assert.Equal(new[] { "2012000101" }, complete.Xml.Element("CompletedTelephoneNumbers").Elements("TelephoneNumber").Select(n => n.Value));
        Assert.All(receiver.Received, r => Assert.DoesNotContain("a1b2c3", r.Body));
        Assert.All(receiver.Received, r => Assert.DoesNotContain("wrong1", r.Body));

        var subscription = (await emulator.GetAsync($"{Subscriptions}/{id}")).Xml.Descendants("CallbackSubscription").Single();
        Assert.Equal("200 OK", subscription.Element("Status").Value);
        Assert.Equal("hook-user", subscription.Descendants("Username").Single().Value);
        Assert.Empty(subscription.Descendants("Password"));
        Assert.Equal("86400", subscription.Element("Expiry").Value);
        Assert.DoesNotContain("hook-secret", (await emulator.GetAsync(Subscriptions)).Text);
        Assert.DoesNotContain("hook-secret", (await emulator.AdminAsync(HttpMethod.Get, "notifications")).ToString());
    }

    [Fact]
    public async Task A_tnoptions_callback_is_told_when_each_order_reaches_its_final_state()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await SubscribeAsync(emulator, Callback("tnoptions", receiver.Url));
        var complete = await emulator.CreateAsync(OrderXml.Order("notify-1", Group.Passcode("a1b2c3", "2012000001")));
        var partial = await emulator.CreateAsync(OrderXml.Order("notify-2", Group.Passcode("a1b2c3", "2012000002", "5550000001")));

        await Task.Delay(100);
        Assert.Empty(receiver.Received); // nothing is final yet: the clock has not moved
        emulator.FinishOrders();
        await EventuallyAsync(() => Task.FromResult(receiver.Received.Count == 2), "two callbacks");

        var byOrder = receiver.Received.ToDictionary(r => r.Xml.Element("OrderId").Value, r => r.Xml);
        Assert.Equal(("tnoptions", "notify-1", "COMPLETE"), (byOrder[complete].Element("OrderType").Value, byOrder[complete].Element("CustomerOrderId").Value, byOrder[complete].Element("Status").Value));
        Assert.Null(byOrder[complete].Element("Message"));
        Assert.Equal("PARTIAL", byOrder[partial].Element("Status").Value);
        Assert.Equal("1 of 2 telephone numbers failed: see the order's ErrorList.", byOrder[partial].Element("Message").Value);
        Assert.Equal((await emulator.OrderAsync(partial)).Element("LastModifiedDate").Value, byOrder[partial].Element("LastModifiedDate").Value);
    }

    [Fact]
    public async Task E_mail_subscriptions_are_recorded_with_their_digest_and_an_OrderId_narrows_a_subscription_to_one_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000101", pin = "x" });
        var now = await SubscribeAsync(emulator, Email("portouts", "now@example.com", "NONE"));
        var daily = await SubscribeAsync(emulator, Email("portouts", "daily@example.com", "DAILY"));
        var onlyFirst = await SubscribeAsync(emulator, Email("portouts", "first@example.com", orderId: first.GetProperty("orderId").GetString()));

        var second = await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000102", pin = "x" });

        var notifications = await NotificationsAsync(emulator);
        Assert.Equal(new[] { ("now@example.com", "emailed", "NONE"), ("daily@example.com", "digest", "DAILY") },
            notifications.Select(n => (n.GetProperty("target").GetString(), n.GetProperty("delivery").GetString(), n.GetProperty("digest").GetString())));
        Assert.All(notifications, n => Assert.Equal(("email", second.GetProperty("orderId").GetString(), "COMPLETE", "portouts"),
            (n.GetProperty("channel").GetString(), n.GetProperty("orderId").GetString(), n.GetProperty("status").GetString(), n.GetProperty("orderType").GetString())));
        Assert.Equal(new[] { now, daily }, notifications.Select(n => n.GetProperty("subscriptionId").GetString()));
        Assert.Contains("<Status>COMPLETE</Status>", notifications[0].GetProperty("body").GetString());
        Assert.DoesNotContain(notifications, n => n.GetProperty("subscriptionId").GetString() == onlyFirst);
    }

    [Fact]
    public async Task A_callback_that_hangs_or_fails_is_tried_once_and_recorded_as_failed()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { CallbackTimeoutMs = 200 });
        await SubscribeAsync(emulator, Callback("portouts", receiver.Url));

        receiver.Delay = TimeSpan.FromSeconds(5);
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000101", pin = "x" });
        await EventuallyAsync(async () => (await NotificationsAsync(emulator)).Single().GetProperty("delivery").GetString() == "failed", "the timeout");
        receiver.Delay = TimeSpan.Zero;
        receiver.AnswerStatus = 500;
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000102", pin = "x" });
        await EventuallyAsync(async () => (await NotificationsAsync(emulator)).All(n => n.GetProperty("delivery").GetString() == "failed"), "the 500");
        await Task.Delay(300); // a retry would arrive by now

        var notifications = await NotificationsAsync(emulator);
        Assert.Equal("timed out after 200 ms", notifications[0].GetProperty("error").GetString());
        Assert.Equal(500, notifications[1].GetProperty("httpStatus").GetInt32());
        Assert.Equal(2, receiver.Received.Count);
        var status = (await emulator.GetAsync(Subscriptions)).Xml.Descendants("Status").Single().Value;
        Assert.StartsWith("500", status);
    }

    [Fact]
    public async Task An_expired_callback_subscription_is_not_told_and_shows_0_seconds_left()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await SubscribeAsync(emulator, Callback("portouts", receiver.Url, expiry: "60"));

        emulator.Clock.Advance(TimeSpan.FromSeconds(25));
        var left = (await emulator.GetAsync(Subscriptions)).Xml.Descendants("Expiry").Single().Value;
        emulator.Clock.Advance(TimeSpan.FromSeconds(36));
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000101", pin = "x" });
        await Task.Delay(200);

        Assert.Equal("35", left);
        Assert.Equal("0", (await emulator.GetAsync(Subscriptions)).Xml.Descendants("Expiry").Single().Value);
        Assert.Empty(receiver.Received);
        Assert.Empty(await NotificationsAsync(emulator));
    }

    [Fact]
    public async Task A_subscription_made_on_v2_gets_E164_numbers_unless_it_asks_for_LEGACY()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await SubscribeAsync(emulator, Callback("portouts", receiver.Url), "/api/v2/accounts/9900000/subscriptions");
        await SubscribeAsync(emulator, Callback("portouts", new Uri(receiver.Url, "legacy"), numberFormat: "LEGACY"), "/api/v2/accounts/9900000/subscriptions");

        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000101", pin = "x" });
        await EventuallyAsync(() => Task.FromResult(receiver.Received.Count == 2), "two callbacks");

        var byPath = receiver.Received.ToDictionary(r => r.Path, r => r.Xml.Descendants("TelephoneNumber").Single().Value);
        Assert.Equal("+12012000101", byPath["/hooks/bandwidth"]);
        Assert.Equal("2012000101", byPath["/hooks/legacy"]);
        Assert.Equal(new[] { "E164", "LEGACY" }, (await emulator.GetAsync(Subscriptions)).Xml.Descendants("NumberFormat").Select(n => n.Value));
    }

    [Fact]
    public async Task Reset_forgets_subscriptions_and_notifications()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SubscribeAsync(emulator, Email("portouts"));
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000101", pin = "x" });
        Assert.Single(await NotificationsAsync(emulator));

        await emulator.AdminAsync(HttpMethod.Post, "reset");

        Assert.Empty(await NotificationsAsync(emulator));
        Assert.Empty((await emulator.GetAsync(Subscriptions)).Xml.Element("Subscriptions").Elements());
    }
}
