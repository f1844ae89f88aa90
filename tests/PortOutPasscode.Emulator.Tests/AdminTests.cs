using System.Net;
using System.Text.Json;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>The admin API of docs/EMULATOR-ADMIN.md, in the shapes the shared admin client reads (TestSupport/EmulatorAdmin.cs).</summary>
public sealed class AdminTests
{
    [Fact]
    public async Task Orders_report_what_was_stored_in_the_documented_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(OrderXml.Order("batch-7", Group.Passcode("a1b2c3", "2012000001", "5550000001"), Group.Option("Sms", "on", "2012000001")));
        emulator.FinishOrders();

        var order = Assert.Single(await emulator.StoredOrdersAsync());

        Assert.Equal(orderId, order.GetProperty("orderId").GetString());
        Assert.Equal("batch-7", order.GetProperty("customerOrderId").GetString());
        Assert.Equal("9900000", order.GetProperty("accountId").GetString());
        Assert.Equal("PARTIAL", order.GetProperty("status").GetString());
        Assert.Equal(new[] { "2012000001", "5550000001" }, order.GetProperty("telephoneNumbers").Deserialize<string[]>());
        Assert.Equal(emulator.Clock.GetUtcNow().AddSeconds(-1), order.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(5076, order.GetProperty("errors")[0].GetProperty("code").GetInt32());
        var byAccount = await emulator.AdminAsync(HttpMethod.Get, "orders?accountId=9900001");
        Assert.Empty(byAccount.EnumerateArray());
    }

    [Fact]
    public async Task Passcodes_are_read_per_account_or_for_all_and_an_unknown_account_is_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var all = (await emulator.AdminAsync(HttpMethod.Get, "passcodes")).Deserialize<Dictionary<string, string>>();

        Assert.Equal(new Dictionary<string, string> { ["2012000001"] = "a1b2c3" }, all);
        Assert.Empty(await emulator.StoredPasscodesAsync(TestEmulator.AccountWithoutFeature));
        await emulator.AdminAsync(HttpMethod.Get, "passcodes?accountId=1234567", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_request_log_lists_API_requests_but_not_admin_ones()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=5");
        await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Basic("demo", "wrong"));
        await emulator.AdminAsync(HttpMethod.Get, "orders");

        var log = await emulator.LoggedRequestsAsync();

        Assert.Equal(new[] { "POST", "GET", "GET" }, log.Select(r => r.GetProperty("method").GetString()));
        Assert.Equal(new[] { "/api/accounts/9900000/tnoptions", "/api/accounts/9900000/tnPortoutPasscodes", "/api/accounts/9900000/tnoptions" },
            log.Select(r => r.GetProperty("path").GetString()));
        Assert.Equal("page=1&size=5", log[1].GetProperty("query").GetString());
        Assert.Equal(new[] { 201, 200, 401 }, log.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(log, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("fault").ValueKind));
    }

    [Fact]
    public async Task Reset_returns_to_the_configured_start()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { receivedMs = 1, maxTnsPerOrder = 1 });
        await emulator.AddFaultAsync(new { endpoint = "get", kind = "status" });
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000001", pin = "a1b2c3" });

        await emulator.AdminAsync(HttpMethod.Post, "reset");

        Assert.Empty(await emulator.StoredOrdersAsync());
        Assert.Empty(await emulator.StoredPasscodesAsync());
        Assert.Empty(await emulator.LoggedRequestsAsync());
        Assert.Empty((await emulator.AdminAsync(HttpMethod.Get, "faults")).EnumerateArray());
        Assert.Empty((await emulator.AdminAsync(HttpMethod.Get, "portouts")).EnumerateArray());
        var settings = await emulator.AdminAsync(HttpMethod.Get, "settings");
        Assert.Equal(300, settings.GetProperty("receivedMs").GetInt32());
        Assert.Equal(5000, settings.GetProperty("maxTnsPerOrder").GetInt32());
    }

    [Fact]
    public async Task Settings_take_any_subset_and_refuse_unknown_or_out_of_range_values()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var changed = await emulator.AdminAsync(HttpMethod.Put, "settings", new { processingMs = 20, samePasscode = "warning" });

        Assert.Equal(300, changed.GetProperty("receivedMs").GetInt32());
        Assert.Equal(20, changed.GetProperty("processingMs").GetInt32());
        Assert.Equal("warning", changed.GetProperty("samePasscode").GetString());
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { receivedMs = -1 }, HttpStatusCode.BadRequest);
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { maxTnsPerOrder = 0 }, HttpStatusCode.BadRequest);
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { samePasscode = "ignore" }, HttpStatusCode.BadRequest);
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { recievedMs = 5 }, HttpStatusCode.BadRequest);
        Assert.Equal(20, (await emulator.AdminAsync(HttpMethod.Get, "settings")).GetProperty("processingMs").GetInt32());
    }

    [Fact]
    public async Task The_admin_root_describes_the_set_up_without_secrets()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var info = await emulator.AdminAsync(HttpMethod.Get, "");

        Assert.Equal(emulator.Server.BaseUri.ToString(), info.GetProperty("baseUri").GetString());
        Assert.Equal(emulator.Server.TokenUri.ToString(), info.GetProperty("tokenUri").GetString());
        Assert.Equal(new[] { "9900000", "9900001" }, info.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("2012000000-2013999999", info.GetProperty("accounts")[0].GetProperty("onNet")[0].GetString());
        Assert.False(info.GetProperty("accounts")[1].GetProperty("portOutPasscodeProtection").GetBoolean());
        Assert.Equal(new[] { "2012000101-2012000125", "9195550001-9195550003" },
            info.GetProperty("accounts")[0].GetProperty("inService").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Production", info.GetProperty("environment").GetString());
        var clients = info.GetProperty("oauthClients").EnumerateArray().ToDictionary(c => c.GetProperty("clientId").GetString(), c => c.GetProperty("roles")[0].GetString());
        Assert.Equal(new Dictionary<string, string> { [DemoDefaults.ClientId] = "Line Feature Management", [DemoDefaults.ReadOnlyClientId] = "Read Only" }, clients);
        Assert.DoesNotContain(DemoDefaults.Password, info.ToString());
        Assert.DoesNotContain(DemoDefaults.ClientSecret, info.ToString());
        Assert.DoesNotContain(DemoDefaults.ReadOnlyClientSecret, info.ToString());
    }

    [Fact]
    public async Task The_new_settings_are_read_and_changed_like_the_others()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var defaults = await emulator.AdminAsync(HttpMethod.Get, "settings");
        var changed = await emulator.AdminAsync(HttpMethod.Put, "settings", new { allowBasic = false, listLagMs = 250, clockOffsetSeconds = -600, callbackTimeoutMs = 1000 });
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { clockOffsetSeconds = 7 * 24 * 3600 + 1 }, HttpStatusCode.BadRequest);
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { listLagMs = -1 }, HttpStatusCode.BadRequest);
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { callbackTimeoutMs = 0 }, HttpStatusCode.BadRequest);
        await emulator.AdminAsync(HttpMethod.Post, "reset");
        var reset = await emulator.AdminAsync(HttpMethod.Get, "settings");

        Assert.Equal((true, 0, 0, 5000), Read(defaults));
        Assert.Equal((false, 250, -600, 1000), Read(changed));
        Assert.Equal(Read(defaults), Read(reset));
        static (bool, int, int, int) Read(System.Text.Json.JsonElement s) => (s.GetProperty("allowBasic").GetBoolean(), s.GetProperty("listLagMs").GetInt32(),
            s.GetProperty("clockOffsetSeconds").GetInt32(), s.GetProperty("callbackTimeoutMs").GetInt32());
    }

    [Fact]
    public async Task Unknown_admin_paths_are_404_and_wrong_verbs_405()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await emulator.AdminAsync(HttpMethod.Get, "nothing", expected: HttpStatusCode.NotFound);
        await emulator.AdminAsync(HttpMethod.Get, "reset", expected: HttpStatusCode.MethodNotAllowed);
        await emulator.AdminAsync(HttpMethod.Post, "orders", expected: HttpStatusCode.MethodNotAllowed);
        await emulator.AdminAsync(HttpMethod.Get, "tokens/expire", expected: HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task The_home_page_points_a_person_to_the_API_and_the_admin_API()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var home = await emulator.Http.GetStringAsync("/");

        Assert.Contains(emulator.Server.BaseUri.ToString(), home);
        Assert.Contains("/_emulator", home);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Http.GetAsync("/favicon.ico")).StatusCode);
    }
}
