using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace PortOutPasscode.Emulator.Tests.Support;

/// <summary>
/// One emulator started in-process for one test, on a free loopback port, with a clock the test moves
/// (<see cref="Clock"/>) unless it asks for real time. API calls go out as the demo user unless told otherwise.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Account = DemoDefaults.AccountId;
    public const string AccountWithoutFeature = DemoDefaults.AccountWithoutFeatureId;

    public static readonly AuthenticationHeaderValue DemoUser = Basic(DemoDefaults.UserName, DemoDefaults.Password);

    private TestEmulator(EmulatorServer server, TestClock clock)
    {
        Server = server;
        Clock = clock;
        Http = new HttpClient { BaseAddress = server.RootUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorServer Server { get; }

    /// <summary>The emulator's "now"; null when started on real time.</summary>
    public TestClock Clock { get; }

    public HttpClient Http { get; }

    /// <summary>Orders path of an account under the main API base.</summary>
    public static string Orders(string account = Account) => $"/api/accounts/{account}/tnoptions";

    public static string Passcodes(string account = Account) => $"/api/accounts/{account}/tnPortoutPasscodes";

    public static async Task<TestEmulator> StartAsync(EmulatorOptions options = null)
    {
        var clock = new TestClock();
        return new TestEmulator(await EmulatorServer.StartAsync(options ?? new EmulatorOptions(), clock, CancellationToken.None), clock);
    }

    public static async Task<TestEmulator> StartOnRealTimeAsync(EmulatorOptions options = null) =>
        new(await EmulatorServer.StartAsync(options ?? new EmulatorOptions()), null);

    public static AuthenticationHeaderValue Basic(string name, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + password)));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>A token from the emulator's token endpoint (client credentials, the client authenticated by Basic), which must be issued.</summary>
    public async Task<string> IssueTokenAsync(string clientId = DemoDefaults.ClientId, string secret = DemoDefaults.ClientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.TokenUri)
        {
            Content = new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("grant_type", "client_credentials") }),
        };
        request.Headers.Authorization = Basic(clientId, secret);
        var answer = await SendAsync(request);
        Assert.True(answer.Status == HttpStatusCode.OK, $"token endpoint answered {(int)answer.Status}: {answer.Text}");
        return answer.Json.GetProperty("access_token").GetString();
    }

    /// <summary>Moves the clock past the default RECEIVED and PROCESSING times: every order so far is final.</summary>
    public void FinishOrders() => Clock.Advance(TimeSpan.FromMilliseconds(300 + 700));

    public Task<Answer> GetAsync(string path, AuthenticationHeaderValue auth = null) =>
        SendAsync(HttpMethod.Get, path, null, auth);

    public Task<Answer> PostXmlAsync(string path, string xml, AuthenticationHeaderValue auth = null) =>
        SendAsync(HttpMethod.Post, path, new StringContent(xml, Encoding.UTF8, "application/xml"), auth);

    public async Task<Answer> SendAsync(HttpMethod method, string path, HttpContent content, AuthenticationHeaderValue auth = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = auth ?? DemoUser;
        request.Headers.Accept.ParseAdd("application/xml");
        return await SendAsync(request);
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return new Answer(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates an order that must be accepted; returns its id.</summary>
    public async Task<string> CreateAsync(string xml, string account = Account)
    {
        var answer = await PostXmlAsync(Orders(account), xml);
        Assert.True(answer.Status == HttpStatusCode.Created, $"create answered {(int)answer.Status}: {answer.Text}");
        return answer.Xml.Element("TnOptionOrder").Element("OrderId").Value;
    }

    /// <summary>GET one order (bare &lt;TnOptionOrder&gt;), which must exist.</summary>
    public async Task<XElement> OrderAsync(string orderId, string account = Account)
    {
        var answer = await GetAsync($"{Orders(account)}/{orderId}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Xml;
    }

    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, "/_emulator/" + path) { Content = body == null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"admin {method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> AddFaultAsync(object fault) => AdminAsync(HttpMethod.Post, "faults", fault, HttpStatusCode.Created);

    public async Task<Dictionary<string, string>> StoredPasscodesAsync(string account = Account) =>
        (await AdminAsync(HttpMethod.Get, "passcodes?accountId=" + account)).Deserialize<Dictionary<string, string>>();

    public async Task<JsonElement[]> StoredOrdersAsync() =>
        (await AdminAsync(HttpMethod.Get, "orders")).EnumerateArray().ToArray();

    public async Task<JsonElement[]> LoggedRequestsAsync() =>
        (await AdminAsync(HttpMethod.Get, "requests")).EnumerateArray().ToArray();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>An API answer read in full: status, headers, text, and the text parsed as XML or JSON on demand.</summary>
internal sealed record Answer(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Text)
{
    public XElement Xml => XDocument.Parse(Text).Root;

    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    /// <summary>The ResponseStatus/ErrorCode of a synchronous error, or null.</summary>
    public int? ErrorCode => Xml.Element("ResponseStatus")?.Element("ErrorCode") is { } code ? int.Parse(code.Value) : null;

    public string Description => Xml.Element("ResponseStatus")?.Element("Description")?.Value;
}
