using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>
/// The project's Bandwidth emulator in its own process on a free loopback port, started as a user would
/// start it, with its admin API (docs/EMULATOR-ADMIN.md) for resetting state, injecting faults and reading
/// back what it stored.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private const string ListeningLine = "Bandwidth API emulator listening on ";
    private readonly Process _process;
    private readonly HttpClient _admin;

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        RootUri = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
        _admin = new HttpClient { BaseAddress = RootUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The API base the module connects to (…/api).</summary>
    public Uri BaseUri { get; }

    public Uri RootUri { get; }

    public static EmulatorProcess Start(params string[] arguments)
    {
        var assembly = typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EmulatorAssembly").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = process.StandardOutput.ReadLine();
            if (line == null) break;
            output.AppendLine(line);
            if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
            {
                // Keep draining its output so the emulator never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return new EmulatorProcess(process, new Uri(line.Substring(ListeningLine.Length).Trim()));
            }
        }
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        throw new InvalidOperationException("The emulator did not start:\n" + output + process.StandardError.ReadToEnd());
    }

    public void Reset() => Send(HttpMethod.Post, "/_emulator/reset");

    public void ClearFaults() => Send(HttpMethod.Delete, "/_emulator/faults");

    public void AddFault(object fault) => Send(HttpMethod.Post, "/_emulator/faults", fault);

    /// <summary>The switched-on faults with their hits, counted as each request arrives (GET /_emulator/faults).</summary>
    public List<ActiveFaultView> Faults() => Get<List<ActiveFaultView>>("/_emulator/faults");

    public void Configure(object settings) => Send(HttpMethod.Put, "/_emulator/settings", settings);

    public void ExpireTokens() => Send(HttpMethod.Post, "/_emulator/tokens/expire");

    /// <summary>Replaces the account's in-service numbers (ranges or single numbers).</summary>
    public void SetInService(string accountId, params string[] inService) =>
        Send(HttpMethod.Put, $"/_emulator/accounts/{accountId}/inservice", new { inService });

    /// <summary>Sets a passcode on on-net numbers of the account at once (ranges or single numbers), with no order.</summary>
    public void SetPasscodes(string passcode, params string[] numbers) =>
        Send(HttpMethod.Post, "/_emulator/accounts/9900000/passcodes", new { numbers, passcode });

    public List<StoredOrder> Orders() => Get<List<StoredOrder>>("/_emulator/orders");

    /// <summary>Sets one passcode on numbers of the account at once, with no order (POST /_emulator/accounts/{id}/passcodes).</summary>
    public void SetPasscodes(string[] numbers, string passcode, string accountId = "9900000") =>
        Send(HttpMethod.Post, $"/_emulator/accounts/{accountId}/passcodes", new { numbers, passcode });

    public Dictionary<string, string> Passcodes(string accountId = "9900000") =>
        Get<Dictionary<string, string>>($"/_emulator/passcodes?accountId={accountId}");

    public List<LoggedRequest> Requests() => Get<List<LoggedRequest>>("/_emulator/requests");

    /// <summary>A winning carrier's port-out request for the number with this PIN: "ACCEPTED" or "REJECTED".</summary>
    public (int Status, JsonElement Body) PortOut(string telephoneNumber, string pin)
    {
        using var response = _admin.PostAsJsonAsync("/_emulator/portouts", new { telephoneNumber, pin }).GetAwaiter().GetResult();
        var body = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        return ((int)response.StatusCode, body);
    }

    /// <summary>The winning carrier resubmits a port-out held in EXCEPTION with another PIN.</summary>
    public (int Status, JsonElement Body) ResubmitPortOut(string orderId, string pin)
    {
        using var response = _admin.PostAsJsonAsync("/_emulator/portouts", new { orderId, pin }).GetAwaiter().GetResult();
        var body = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Every notification the emulator sent or recorded (GET /_emulator/notifications).</summary>
    public List<JsonElement> Notifications() => Get<List<JsonElement>>("/_emulator/notifications");

    private T Get<T>(string path) =>
        _admin.GetFromJsonAsync<T>(path, new JsonSerializerOptions(JsonSerializerDefaults.Web)).GetAwaiter().GetResult()!;

    private void Send(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body == null ? null : JsonContent.Create(body) };
        using var response = _admin.SendAsync(request).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _admin.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

public sealed record StoredOrder(string OrderId, string CustomerOrderId, string AccountId, string Status, string[] TelephoneNumbers);

public sealed record ActiveFaultView(int Id, string Endpoint, string Kind, long Hits, bool Spent);

/// <summary>One API request as the emulator logged it when it ended: At is its end, At − DurationMs its arrival.</summary>
public sealed record LoggedRequest(string Method, string Path, string? Query, int Status, string? Fault, DateTimeOffset At = default, double DurationMs = 0)
{
    public DateTimeOffset ArrivedAt => At - TimeSpan.FromMilliseconds(DurationMs);
}

/// <summary>One emulator for a test class; each test starts from a reset state (tests in a class run one at a time).</summary>
public class EmulatorFixture : IDisposable
{
    private readonly Lazy<EmulatorProcess> _emulator;

    public EmulatorFixture() : this(Array.Empty<string>())
    {
    }

    /// <param name="arguments">Command-line settings of the emulator (--Emulator:KEY=VALUE) for a fixture with another set-up.</param>
    protected EmulatorFixture(params string[] arguments) => _emulator = new(() => EmulatorProcess.Start(arguments));

    public EmulatorProcess Emulator
    {
        get
        {
            var emulator = _emulator.Value;
            emulator.Reset();
            emulator.Configure(new { receivedMs = 50, processingMs = 100 });
            return emulator;
        }
    }

    public void Dispose()
    {
        if (_emulator.IsValueCreated) _emulator.Value.Dispose();
    }
}
