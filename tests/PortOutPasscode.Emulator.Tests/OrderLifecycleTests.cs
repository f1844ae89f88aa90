using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>Create, get and history of one order, and its status over (the emulator's) time.</summary>
public sealed class OrderLifecycleTests
{
    [Fact]
    public async Task Create_answers_201_with_the_received_order_and_a_Location_ending_in_its_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = emulator.Clock.GetUtcNow();

        var answer = await emulator.PostXmlAsync(TestEmulator.Orders(),
            OrderXml.Order("batch-42", Group.Passcode("a1b2c3", "2012000001", "2012000002")));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("application/xml", answer.ContentHeaders.ContentType.MediaType);
        var order = answer.Xml.Element("TnOptionOrder");
        Assert.Equal("TnOptionOrderResponse", answer.Xml.Name.LocalName);
        var orderId = order.Element("OrderId").Value;
        Assert.True(Guid.TryParse(orderId, out _), orderId);
        Assert.Equal(new Uri(emulator.Server.RootUri, $"api/accounts/9900000/tnoptions/{orderId}"), answer.Headers.Location);
        Assert.Equal("RECEIVED", order.Element("ProcessingStatus").Value);
        Assert.Equal("9900000", order.Element("AccountId").Value);
        Assert.Equal("demo", order.Element("CreatedByUser").Value);
        Assert.Equal("batch-42", order.Element("CustomerOrderId").Value);
        Assert.Equal(created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), order.Element("OrderCreateDate").Value);
        Assert.Empty(order.Element("ErrorList").Elements());
        var group = Assert.Single(order.Element("TnOptionGroups").Elements("TnOptionGroup"));
        Assert.Equal("a1b2c3", group.Element("PortOutPasscode").Value);
        Assert.Equal(new[] { "2012000001", "2012000002" }, group.Element("TelephoneNumbers").Elements("TelephoneNumber").Select(e => e.Value));
    }

    [Theory]
    [InlineData("/api/v1")]
    [InlineData("/v1.0")]
    [InlineData("/api")]
    public async Task Every_base_alias_serves_the_same_orders_and_Location_follows_the_base_used(string apiBase)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.PostXmlAsync($"{apiBase}/accounts/9900000/tnOptions", OrderXml.Passcode("a1b2c3", "2012000001"));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var orderId = answer.Xml.Element("TnOptionOrder").Element("OrderId").Value;
        Assert.Equal($"{apiBase}/accounts/9900000/tnOptions/{orderId}", answer.Headers.Location.AbsolutePath);
        var order = await emulator.OrderAsync(orderId); // read back through /api
        Assert.Equal(orderId, order.Element("OrderId").Value);
    }

    [Fact]
    public async Task Status_moves_RECEIVED_PROCESSING_COMPLETE_at_the_configured_times()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { ReceivedMs = 40, ProcessingMs = 60 });
        var created = emulator.Clock.GetUtcNow();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        async Task<(string Status, DateTimeOffset Modified)> Read()
        {
            var order = await emulator.OrderAsync(orderId);
            return (order.Element("ProcessingStatus").Value, DateTimeOffset.Parse(order.Element("LastModifiedDate").Value));
        }

        Assert.Equal<(string, DateTimeOffset)>(("RECEIVED", created), await Read());
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(39));
        Assert.Equal("RECEIVED", (await Read()).Status);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal<(string, DateTimeOffset)>(("PROCESSING", created.AddMilliseconds(40)), await Read());
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(59));
        Assert.Equal("PROCESSING", (await Read()).Status);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal<(string, DateTimeOffset)>(("COMPLETE", created.AddMilliseconds(100)), await Read());
    }

    [Fact]
    public async Task Orders_finish_on_their_own_on_real_time()
    {
        await using var emulator = await TestEmulator.StartOnRealTimeAsync(new EmulatorOptions { ReceivedMs = 30, ProcessingMs = 30 });
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var seen = new List<string>();
        for (var poll = 0; poll < 200 && !seen.Contains("COMPLETE"); poll++)
        {
            var status = (await emulator.OrderAsync(orderId)).Element("ProcessingStatus").Value;
            if (seen.Count == 0 || seen[^1] != status) seen.Add(status);
            await Task.Delay(10);
        }

        Assert.Equal("COMPLETE", seen[^1]);
        var order = new[] { "RECEIVED", "PROCESSING", "COMPLETE" };
        Assert.Equal(seen, seen.OrderBy(s => Array.IndexOf(order, s)));
    }

    [Fact]
    public async Task Runtime_settings_change_the_times_of_new_orders()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { receivedMs = 0, processingMs = 5000 });

        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        Assert.Equal("PROCESSING", (await emulator.OrderAsync(orderId)).Element("ProcessingStatus").Value);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.Equal("PROCESSING", (await emulator.OrderAsync(orderId)).Element("ProcessingStatus").Value);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("COMPLETE", (await emulator.OrderAsync(orderId)).Element("ProcessingStatus").Value);
    }

    [Fact]
    public async Task History_grows_with_the_status_in_the_published_notes_and_lower_case()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = emulator.Clock.GetUtcNow();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        var path = $"{TestEmulator.Orders()}/{orderId}/history";
        var published = XDocument.Load(Fixtures.PathOf("spec_v1_history_response_200.xml")).Root.Elements("OrderHistory").ToList();

        async Task<List<XElement>> History()
        {
            var answer = await emulator.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("OrderHistoryWrapper", answer.Xml.Name.LocalName);
            return answer.Xml.Elements("OrderHistory").ToList();
        }

        Assert.Single(await History());
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(2, (await History()).Count);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(700));
        var entries = await History();

        Assert.Equal(published.Select(e => e.Element("Note").Value), entries.Select(e => e.Element("Note").Value));
        Assert.Equal(published.Select(e => e.Element("Status").Value), entries.Select(e => e.Element("Status").Value));
        Assert.Equal(published.Select(e => e.Elements().Select(c => c.Name.LocalName)), entries.Select(e => e.Elements().Select(c => c.Name.LocalName)));
        Assert.All(entries, e => Assert.Equal("demo", e.Element("Author").Value));
        Assert.Equal(new[] { created, created.AddMilliseconds(300), created.AddMilliseconds(1000) },
            entries.Select(e => DateTimeOffset.Parse(e.Element("OrderDate").Value)));
    }

    [Fact]
    public async Task An_unknown_order_is_the_published_404_on_get_and_history()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        var published = File.ReadAllText(Fixtures.PathOf("spec_v1_get_error_404.xml"));

        foreach (var path in new[]
                 {
                     $"{TestEmulator.Orders()}/{Guid.NewGuid()}",
                     $"{TestEmulator.Orders()}/{Guid.NewGuid()}/history",
                     $"{TestEmulator.Orders(TestEmulator.AccountWithoutFeature)}/{orderId}", // an order of another account
                 })
        {
            var answer = await emulator.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            XmlAssert.SameElements(published, answer.Text);
        }
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_verbs_405_with_Allow()
    {
        await using var emulator = await TestEmulator.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync("/api/accounts/9900000/nothing")).Status);
        var put = await emulator.SendAsync(HttpMethod.Put, TestEmulator.Orders(), new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.Status);
        Assert.Equal("GET, POST", string.Join(", ", put.ContentHeaders.Allow));
        var deletePasscodes = await emulator.SendAsync(HttpMethod.Delete, TestEmulator.Passcodes(), null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, deletePasscodes.Status);
    }
}
