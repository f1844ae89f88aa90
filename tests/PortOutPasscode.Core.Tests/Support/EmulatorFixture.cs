using System.Net.Http.Json;
using System.Text.Json;
using PortOutPasscode.Client;
using PortOutPasscode.Emulator;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>
/// The project's emulator started in-process on a free loopback port, shared by the tests of one class (each test resets
/// it first), with the few admin calls of docs/EMULATOR-ADMIN.md the client tests need.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private HttpClient _admin;

    internal EmulatorServer Server { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(new EmulatorOptions());
        _admin = new HttpClient { BaseAddress = Server.RootUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (Server != null) await Server.DisposeAsync();
    }

    internal Task ResetAsync() => SendAsync(HttpMethod.Post, "_emulator/reset");

    /// <summary>A fault as the admin API takes it, e.g. new { endpoint = "create", kind = "dropAfterStore", count = 1 }.</summary>
    internal Task AddFaultAsync(object fault) => SendAsync(HttpMethod.Post, "_emulator/faults", fault);

    internal Task ExpireTokensAsync() => SendAsync(HttpMethod.Post, "_emulator/tokens/expire");

    internal async Task<List<EmulatedOrder>> OrdersAsync() =>
        await _admin.GetFromJsonAsync<List<EmulatedOrder>>("_emulator/orders", Web);

    internal async Task<List<EmulatedRequest>> RequestsAsync() =>
        await _admin.GetFromJsonAsync<List<EmulatedRequest>>("_emulator/requests", Web);

    /// <summary>Runtime settings (PUT /_emulator/settings), e.g. new { receivedMs = 0, processingMs = 50 }; a reset restores them.</summary>
    internal Task ConfigureAsync(object settings) => SendAsync(HttpMethod.Put, "_emulator/settings", settings);

    /// <summary>Every passcode the demo account's numbers carry, by number.</summary>
    internal async Task<Dictionary<string, string>> PasscodesAsync() =>
        await _admin.GetFromJsonAsync<Dictionary<string, string>>("_emulator/passcodes?accountId=9900000", Web);

    /// <summary>Sets the passcode on numbers of the demo account at once (no order): the admin call of docs/EMULATOR-ADMIN.md.</summary>
    internal Task SetPasscodesAsync(string passcode, params string[] numbers) =>
        SendAsync(HttpMethod.Post, "_emulator/accounts/9900000/passcodes", new { numbers, passcode });

    /// <summary>A winning carrier's port-out attempt (POST /_emulator/portouts): its HTTP status and the order id it made.</summary>
    internal async Task<(int Status, string OrderId)> PortOutAsync(string pin, params string[] telephoneNumbers)
    {
        using var response = await _admin.PostAsJsonAsync("_emulator/portouts", new { telephoneNumbers, pin });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body.TryGetProperty("orderId", out var id) ? id.GetString() : null);
    }

    /// <summary>A client of the emulator with short backoff, on the system clock (the emulator dates orders by it).</summary>
    internal BandwidthClient Client(BwConnection connection, LogCapture logs = null, Action<BandwidthClientOptions> adjust = null) =>
        BandwidthClient.Create(connection, TestClients.Options(logs, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            options.RequestTimeout = TimeSpan.FromSeconds(20);
            options.LostOrderLookAgain = new[] { TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100) };
            adjust?.Invoke(options);
        }));

    internal BwConnection Basic(string password = "demo-password", string accountId = "9900000") =>
        new(accountId, Server.BaseUri, BwAuthenticationKind.Basic, "demo", TestClients.Secure(password));

    internal BwConnection OAuth(string secret = "demo-secret", string accountId = "9900000") =>
        new(accountId, Server.BaseUri, BwAuthenticationKind.OAuth2ClientCredentials, "demo-client", TestClients.Secure(secret));

    private async Task SendAsync(HttpMethod method, string path, object body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body == null ? null : JsonContent.Create(body) };
        using var response = await _admin.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}

internal sealed record EmulatedOrder(string OrderId, string CustomerOrderId, string AccountId, string Status, string[] TelephoneNumbers);

internal sealed record EmulatedRequest(string Method, string Path, string Query, int Status, string Fault);
