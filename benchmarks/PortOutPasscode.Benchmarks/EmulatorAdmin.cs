using System.Net.Http.Json;
using System.Text.Json;
using PortOutPasscode.Emulator;
using PortOutPasscode.Emulator.Admin;
using PortOutPasscode.Emulator.Faults;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Benchmarks;

/// <summary>The in-process emulator's admin API (docs/EMULATOR-ADMIN.md), as the orchestrator drives it between runs.</summary>
internal sealed class EmulatorAdmin : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly HttpClient _http;

    public EmulatorAdmin(EmulatorServer emulator)
    {
        _http = new HttpClient { BaseAddress = emulator.RootUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A fresh start (orders, passcodes, faults, request log), then the given order timing.</summary>
    public void Reset(int receivedMs, int processingMs)
    {
        Send(HttpMethod.Post, "_emulator/reset", null);
        Send(HttpMethod.Put, "_emulator/settings", new SettingsPatch { ReceivedMs = receivedMs, ProcessingMs = processingMs });
    }

    public void SetInService(string accountId, params string[] inService) =>
        Send(HttpMethod.Put, $"_emulator/accounts/{accountId}/inservice", new { inService });

    public void SetPasscodes(string accountId, string passcode, params string[] numbers) =>
        Send(HttpMethod.Post, $"_emulator/accounts/{accountId}/passcodes", new { numbers, passcode });

    public void AddFault(FaultSpec fault) => Send(HttpMethod.Post, "_emulator/faults", fault);

    public LoggedRequest[] Requests() =>
        _http.GetFromJsonAsync<LoggedRequest[]>("_emulator/requests", Json).GetAwaiter().GetResult()!;

    private void Send(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body == null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        using var response = _http.Send(request);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
