using PortOutPasscode.Contract;
using System.Net;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

public class PipelineTests
{
    private static FakeApi OrderApi() => new(_ => FakeApi.Xml(HttpStatusCode.OK, ResilienceTests.OrderXml));

    /// <summary>The User-Agent a client sends for this edition and version.</summary>
    private static async Task<string> UserAgentFor(string edition, string version)
    {
        var api = OrderApi();
        using var client = TestClients.Create(TestClients.Basic(), api, adjust: o =>
        {
            o.PowerShellEdition = edition;
            o.PowerShellVersion = version;
        });
        await client.GetOrderAsync("o-1");
        return Assert.Single(api.Requests).UserAgent;
    }

    [Fact]
    public async Task The_User_Agent_names_the_module_and_the_PowerShell_edition_and_version()
    {
        var userAgent = await UserAgentFor("Desktop", "5.1.19041.4894");

        var version = typeof(BandwidthClient).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal($"PortOutPasscode/{version} PowerShell/Desktop/5.1.19041.4894", userAgent);
        Assert.Matches(@"^PortOutPasscode/\d+\.\d+\.\d+\S* PowerShell/Desktop/5\.1\.19041\.4894$", userAgent);
    }

    [Fact]
    public async Task Text_that_could_bend_the_User_Agent_header_is_made_harmless()
    {
        var userAgent = await UserAgentFor("Core\r\nX-Injected: 1", " ");

        Assert.EndsWith(" PowerShell/Core--X-Injected--1/unknown", userAgent);
    }

    [Fact]
    public async Task Every_request_asks_for_XML_and_sends_XML_as_UTF8()
    {
        var api = new FakeApi(r => r.Method == "POST"
            ? FakeApi.Xml(HttpStatusCode.OK, "<TelephoneNumbersResponse/>")
            : FakeApi.Xml(HttpStatusCode.OK, ResilienceTests.OrderXml));
        using var client = TestClients.Create(TestClients.Basic(), api);

        await client.GetOrderAsync("o-1");
        await client.LookupPasscodesAsync(new[] { "2012000001" });

        Assert.All(api.Requests, r => Assert.Equal("application/xml", r.Accept));
        Assert.Equal("application/xml; charset=utf-8", api.Sent("POST").Single().ContentType);
    }

    [Fact]
    public async Task Requests_share_one_pooled_handler_from_the_factory()
    {
        var api = OrderApi();
        var handlersMade = 0;
        using var client = TestClients.Create(TestClients.Basic(), api, adjust: o =>
            o.PrimaryHandlerFactory = () => { Interlocked.Increment(ref handlersMade); return api; });

        await Task.WhenAll(Enumerable.Range(0, 25).Select(i => client.GetOrderAsync("o-" + i)));
        await client.GetOrderAsync("o-last");

        Assert.Equal(26, api.Requests.Count);
        Assert.Equal(1, handlersMade);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_sends_nothing()
    {
        var api = OrderApi();
        using var client = TestClients.Create(TestClients.OAuth(), api);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetOrderAsync("o-1", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateOrderAsync(new TnOptionOrderRequest
        {
            Groups = { new TnOptionGroup { PortOutPasscode = "a1b2c3", TelephoneNumbers = new[] { "2012000001" } } },
        }, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.LookupPasscodesAsync(new[] { "2012000001" }, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.VerifyCredentialsAsync(cts.Token));

        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Cancelling_while_the_token_is_being_fetched_stops_the_call()
    {
        var api = new FakeApi(async (r, ct) =>
        {
            if (r.Path.EndsWith("/oauth2/token", StringComparison.Ordinal)) await Task.Delay(Timeout.Infinite, ct);
            return FakeApi.Xml(HttpStatusCode.OK, ResilienceTests.OrderXml);
        });
        using var client = TestClients.Create(TestClients.OAuth(), api, new TestClock { Speedup = 1 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetOrderAsync("o-1", cts.Token));

        Assert.Single(api.Requests); // the token request; the API call never went out
    }

    [Fact]
    public async Task A_disposed_client_refuses_further_calls()
    {
        var api = OrderApi();
        var client = TestClients.Create(TestClients.Basic(), api);
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetOrderAsync("o-1"));
        Assert.Empty(api.Requests);
    }
}
