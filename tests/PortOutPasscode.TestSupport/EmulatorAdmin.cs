using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOutPasscode.TestSupport;

/// <summary>
/// The emulator's admin API (docs/EMULATOR-ADMIN.md), one client for every harness: the in-process emulator of the
/// client tests, the emulator process of the module tests, and the benchmarks. Reset state, switch faults on, read back
/// what it stored. AdminContractTests hold the emulator to the shapes read here.
/// </summary>
public class EmulatorAdmin : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly HttpClient _http;

    /// <param name="rootUri">The emulator's root (scheme, host and port), where /_emulator lives.</param>
    public EmulatorAdmin(Uri rootUri) => _http = new HttpClient { BaseAddress = rootUri, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A fresh start: orders, passcodes, faults, the request log and the settings as configured at start-up.</summary>
    public void Reset() => Send(HttpMethod.Post, "/_emulator/reset");

    public void ClearFaults() => Send(HttpMethod.Delete, "/_emulator/faults");

    /// <summary>A fault as the admin API takes it, e.g. new { endpoint = "create", kind = "dropAfterStore", count = 1 }.</summary>
    public void AddFault(object fault) => Send(HttpMethod.Post, "/_emulator/faults", fault);

    /// <summary>The switched-on faults with their hits, counted as each request arrives (GET /_emulator/faults).</summary>
    public List<ActiveFaultView> Faults() => Get<List<ActiveFaultView>>("/_emulator/faults");

    /// <summary>Runtime settings (PUT /_emulator/settings), e.g. new { receivedMs = 0, processingMs = 50 }; a reset restores them.</summary>
    public void Configure(object settings) => Send(HttpMethod.Put, "/_emulator/settings", settings);

    public void ExpireTokens() => Send(HttpMethod.Post, "/_emulator/tokens/expire");

    /// <summary>Replaces the account's in-service numbers (ranges or single numbers).</summary>
    public void SetInService(string accountId, params string[] inService) =>
        Send(HttpMethod.Put, $"/_emulator/accounts/{accountId}/inservice", new { inService });

    /// <summary>Sets a passcode on on-net numbers of the demo account at once (ranges or single numbers), with no order.</summary>
    public void SetPasscodes(string passcode, params string[] numbers) => SetPasscodes(numbers, passcode);

    /// <summary>Sets one passcode on numbers of the account at once, with no order (POST /_emulator/accounts/{id}/passcodes).</summary>
    public void SetPasscodes(string[] numbers, string passcode, string accountId = "9900000") =>
        Send(HttpMethod.Post, $"/_emulator/accounts/{accountId}/passcodes", new { numbers, passcode });

    /// <summary>Every stored order (GET /_emulator/orders).</summary>
    public List<StoredOrder> Orders() => Get<List<StoredOrder>>("/_emulator/orders");

    /// <summary>Every passcode the account's numbers carry, by number.</summary>
    public Dictionary<string, string> Passcodes(string accountId = "9900000") =>
        Get<Dictionary<string, string>>($"/_emulator/passcodes?accountId={accountId}");

    public List<LoggedRequest> Requests() => Get<List<LoggedRequest>>("/_emulator/requests");

    /// <summary>A winning carrier's port-out request for the number with this PIN: the HTTP status and the answer.</summary>
    public (int Status, JsonElement Body) PortOut(string telephoneNumber, string pin) => Post("/_emulator/portouts", new { telephoneNumber, pin });

    /// <summary>One port-out request for several numbers, held whole when any of them is protected by another PIN.</summary>
    public (int Status, JsonElement Body) PortOut(string[] telephoneNumbers, string pin) => Post("/_emulator/portouts", new { telephoneNumbers, pin });

    /// <summary>The winning carrier resubmits a port-out held in EXCEPTION with another PIN.</summary>
    public (int Status, JsonElement Body) ResubmitPortOut(string orderId, string pin) => Post("/_emulator/portouts", new { orderId, pin });

    /// <summary>The winning carrier withdraws a port-out (it ends CANCELLED).</summary>
    public (int Status, JsonElement Body) CancelPortOut(string orderId) => Post("/_emulator/portouts", new { orderId, cancel = true });

    /// <summary>Every notification the emulator sent or recorded (GET /_emulator/notifications).</summary>
    public List<JsonElement> Notifications() => Get<List<JsonElement>>("/_emulator/notifications");

    private T Get<T>(string path) => _http.GetFromJsonAsync<T>(path, Json).GetAwaiter().GetResult()!;

    private (int Status, JsonElement Body) Post(string path, object body)
    {
        using var response = _http.PostAsJsonAsync(path, body, Json).GetAwaiter().GetResult();
        return ((int)response.StatusCode, response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult());
    }

    private void Send(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body == null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        using var response = _http.Send(request);
        response.EnsureSuccessStatusCode();
    }

    public virtual void Dispose() => _http.Dispose();
}

public sealed record StoredOrder(string OrderId, string CustomerOrderId, string AccountId, string Status, string[] TelephoneNumbers);

public sealed record ActiveFaultView(int Id, string Endpoint, string Kind, long Hits, bool Spent);

/// <summary>One API request as the emulator logged it when it ended: At is its end, At − DurationMs its arrival.</summary>
public sealed record LoggedRequest(string Method, string Path, string? Query, int Status, string? Fault, DateTimeOffset At = default, double DurationMs = 0)
{
    public DateTimeOffset ArrivedAt => At - TimeSpan.FromMilliseconds(DurationMs);
}
