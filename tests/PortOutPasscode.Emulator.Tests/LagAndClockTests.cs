using System.Globalization;
using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// The two conditions that make a lost create look absent (issue 17): an order list that shows new orders late
/// (listLagMs), and a server clock set off the client's (clockOffsetSeconds).
/// </summary>
public sealed class LagAndClockTests
{
    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task<int> ListedAsync(TestEmulator emulator, string customerOrderId)
    {
        var list = await emulator.GetAsync(TestEmulator.Orders() + "?customerOrderId=" + customerOrderId);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var count = int.Parse(list.Xml.Element("TotalCount").Value);
        Assert.Equal(count, list.Xml.Elements("TnOptionOrderSummary").Count());
        return count;
    }

    [Fact]
    public async Task With_listLagMs_a_new_order_is_listed_only_that_long_after_it_was_stored_and_is_readable_by_id_at_once()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { ListLagMs = 3000 });
        var orderId = await emulator.CreateAsync(OrderXml.Order("lagging-1", Group.Passcode("a1b2c3", "2012000001")));

        var atOnce = await ListedAsync(emulator, "lagging-1");
        var byId = await emulator.GetAsync(TestEmulator.Orders() + "/" + orderId);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(2999));
        var justBefore = await ListedAsync(emulator, "lagging-1");
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = await ListedAsync(emulator, "lagging-1");

        Assert.Equal((0, HttpStatusCode.OK, 0, 1), (atOnce, byId.Status, justBefore, after));
    }

    [Fact]
    public async Task listLagMs_is_a_run_time_setting()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var settings = await emulator.AdminAsync(HttpMethod.Put, "settings", new { listLagMs = 1500 });
        await emulator.CreateAsync(OrderXml.Order("lagging-2", Group.Passcode("a1b2c3", "2012000001")));

        Assert.Equal(1500, settings.GetProperty("listLagMs").GetInt32());
        Assert.Equal(0, await ListedAsync(emulator, "lagging-2"));
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { listLagMs = 0 });
        Assert.Equal(1, await ListedAsync(emulator, "lagging-2"));
    }

    [Fact]
    public async Task A_server_clock_ten_minutes_behind_dates_answers_and_date_filters_on_its_own_clock()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { ClockOffsetSeconds = -600 });
        var real = emulator.Clock.GetUtcNow();
        var server = real.AddMinutes(-10);
        var orderId = await emulator.CreateAsync(OrderXml.Order("skewed-1", Group.Passcode("a1b2c3", "2012000001")));

        var order = await emulator.OrderAsync(orderId);
        var history = (await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}/history")).Xml;
        var sinceClientMinusFive = (await emulator.GetAsync(TestEmulator.Orders() + "?lastModifiedAfter=" + Iso(real.AddMinutes(-5)))).Xml;
        var sinceServerMinusOne = (await emulator.GetAsync(TestEmulator.Orders() + "?lastModifiedAfter=" + Iso(server.AddMinutes(-1)))).Xml;
        var answer = await emulator.GetAsync(TestEmulator.Orders());

        Assert.Equal(Iso(server), order.Element("OrderCreateDate").Value);
        Assert.Equal(Iso(server), order.Element("LastModifiedDate").Value);
        Assert.Equal(Iso(server), history.Descendants("OrderDate").First().Value);
        Assert.Equal("0", sinceClientMinusFive.Element("TotalCount").Value); // what a client trusting its own clock misses
        Assert.Equal("1", sinceServerMinusOne.Element("TotalCount").Value);
        Assert.Equal(server.ToString("r", CultureInfo.InvariantCulture), answer.Headers.Date.Value.ToString("r", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_offset_set_at_run_time_moves_the_dates_of_orders_already_stored_and_the_throttle_s_reset()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        var created = emulator.Clock.GetUtcNow();

        await emulator.AdminAsync(HttpMethod.Put, "settings", new { clockOffsetSeconds = 900 });
        await emulator.AddFaultAsync(new { endpoint = "list", kind = "throttle", rateLimitReset = 0, count = 1 });
        var order = await emulator.OrderAsync(orderId);
        var throttled = await emulator.GetAsync(TestEmulator.Orders());

        Assert.Equal(Iso(created.AddMinutes(15)), order.Element("OrderCreateDate").Value);
        Assert.Equal(created.AddMinutes(15).ToUnixTimeSeconds(), long.Parse(throttled.Headers.GetValues("X-RateLimit-Reset").Single()));
        Assert.Equal(900, (await emulator.AdminAsync(HttpMethod.Get, "settings")).GetProperty("clockOffsetSeconds").GetInt32());
    }

    [Fact]
    public async Task The_offset_does_not_change_how_long_an_order_takes()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { ClockOffsetSeconds = -3600 });
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        emulator.FinishOrders();

        Assert.Equal("COMPLETE", (await emulator.OrderAsync(orderId)).Element("ProcessingStatus").Value);
    }
}
