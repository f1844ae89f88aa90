using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortOutPasscode.Emulator.Api;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.Faults;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Admin;

/// <summary>Body of PUT /_emulator/settings: any subset.</summary>
public sealed class SettingsPatch
{
    public int? ReceivedMs { get; set; }
    public int? ProcessingMs { get; set; }
    public int? MaxTnsPerOrder { get; set; }
    public int? MaxOrdersPerList { get; set; }
    public int? TokenLifetimeSeconds { get; set; }
    public string? SamePasscode { get; set; }
    public bool? EchoPasscodes { get; set; }
    public bool? WrapOrderListInReportResponse { get; set; }
}

/// <summary>
/// The admin API under /_emulator (docs/EMULATOR-ADMIN.md): JSON, no authentication, loopback callers only,
/// never logged in the request log and never touched by faults.
/// </summary>
internal sealed class AdminEndpoints
{
    public const string Prefix = "/_emulator";

    private static readonly JsonSerializerOptions StrictJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly EmulatorState _state;
    private readonly Func<Uri> _rootUri;
    private readonly PortOutSimulator _portOuts;

    public AdminEndpoints(EmulatorState state, Func<Uri> rootUri)
    {
        _state = state;
        _rootUri = rootUri;
        _portOuts = new PortOutSimulator(state);
    }

    public static bool Owns(string path) =>
        path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == Prefix.Length || path[Prefix.Length] == '/');

    public async Task HandleAsync(HttpContext context)
    {
        ApiResult result;
        try
        {
            result = IsLoopback(context.Connection.RemoteIpAddress)
                ? await DispatchAsync(context)
                : Problem(403, "The admin API answers loopback callers only.");
        }
        catch (Exception e) when (e is JsonException or EmulatorConfigurationException or BadHttpRequestException)
        {
            result = Problem(400, e.Message);
        }
        var response = context.Response;
        response.StatusCode = result.Status;
        response.ContentType = result.ContentType;
        foreach (var (name, value) in result.Headers) response.Headers.Append(name, value);
        response.ContentLength = result.Body.Length;
        await response.Body.WriteAsync(result.Body, context.RequestAborted);
    }

    /// <summary>GET / tells a person with a browser where things are; anything else outside the API is a plain 404.</summary>
    public async Task HomeAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/plain; charset=utf-8";
        if (context.Request.Path.Value is "/" or "")
        {
            var root = _rootUri().ToString().TrimEnd('/');
            await response.WriteAsync(
                "Bandwidth API emulator (PortOutPasscode)\n" +
                $"API base: {root}/api (aliases {root}/api/v1, {root}/v1.0)\n" +
                $"OAuth2 token endpoint: {root}/api/v1/oauth2/token\n" +
                $"Admin API: {root}{Prefix} (see docs/EMULATOR-ADMIN.md)\n");
            return;
        }
        response.StatusCode = 404;
        await response.WriteAsync("Not found. The API is under /api, /api/v1 and /v1.0; the admin API under /_emulator.\n");
    }

    private async Task<ApiResult> DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.Substring(Prefix.Length).Trim('/').ToLowerInvariant();
        var method = request.Method;
        switch (path)
        {
            case "":
                return Only(method, "GET") ?? Ok(Info());
            case "reset":
                if (Only(method, "POST") is { } notPost) return notPost;
                _state.Reset();
                return Ok(new { reset = true });
            case "orders":
                return Only(method, "GET") ?? Orders(request.Query["accountId"].LastOrDefault());
            case "passcodes":
                return Only(method, "GET") ?? Passcodes(request.Query["accountId"].LastOrDefault());
            case "requests":
                return Only(method, "GET") ?? Ok(_state.Requests.Snapshot());
            case "settings":
                if (HttpMethods.IsGet(method)) return Ok(SettingsView(_state.Settings));
                if (HttpMethods.IsPut(method)) return Ok(SettingsView(ApplySettings(await ReadJsonAsync<SettingsPatch>(context))));
                return NotAllowed("GET, PUT");
            case "faults":
                if (HttpMethods.IsGet(method)) return Ok(_state.Faults.Snapshot().Select(FaultView));
                if (HttpMethods.IsPost(method)) return ApiResult.Json(201, FaultView(_state.Faults.Add(await ReadJsonAsync<FaultSpec>(context))));
                if (HttpMethods.IsDelete(method))
                {
                    _state.Faults.Clear();
                    return Ok(new { cleared = true });
                }
                return NotAllowed("GET, POST, DELETE");
            case "tokens/expire":
                return Only(method, "POST") ?? Ok(new { expired = _state.Tokens.ExpireAll() });
            case "portouts":
                if (HttpMethods.IsGet(method)) return Ok(_state.PortOuts.Snapshot());
                if (HttpMethods.IsPost(method))
                {
                    var (status, body) = _portOuts.Submit(await ReadJsonAsync<PortOutRequest>(context));
                    return ApiResult.Json(status, body);
                }
                return NotAllowed("GET, POST");
        }
        if (path.StartsWith("faults/", StringComparison.Ordinal) && int.TryParse(path["faults/".Length..], out var id))
        {
            if (!HttpMethods.IsDelete(method)) return NotAllowed("DELETE");
            return _state.Faults.Remove(id) ? Ok(new { removed = id }) : Problem(404, $"There is no fault {id}.");
        }
        return Problem(404, $"Unknown admin endpoint {request.Path}. See docs/EMULATOR-ADMIN.md.");
    }

    private object Info()
    {
        var root = _rootUri().ToString().TrimEnd('/');
        var settings = _state.Settings;
        return new
        {
            baseUri = root + "/api",
            tokenUri = root + "/api/v1/oauth2/token",
            accounts = _state.Setup.Accounts.Select(a => new
            {
                id = a.Id,
                portOutPasscodeProtection = a.FeatureOn,
                onNet = a.Inventory.OnNet.Ranges.Select(r => r.ToString()),
                offNet = a.Inventory.OffNet.Ranges.Select(r => r.ToString()),
                notVoiceOwner = a.Inventory.NotVoiceOwner.Ranges.Select(r => r.ToString()),
            }),
            users = _state.Setup.Users.Values.Select(u => new { name = u.Principal.Name, accounts = u.Principal.Accounts }),
            oauthClients = _state.Setup.OAuthClients.Values.Select(c => new { clientId = c.Principal.Name, accounts = c.Principal.Accounts }),
            settings = SettingsView(settings),
            orders = _state.Orders.Count,
        };
    }

    private ApiResult Orders(string? accountId)
    {
        var now = _state.Now;
        var orders = _state.Orders.Snapshot()
            .Where(o => string.IsNullOrEmpty(accountId) || o.AccountId == accountId)
            .Select(o => new
            {
                orderId = o.OrderId,
                customerOrderId = o.CustomerOrderId,
                accountId = o.AccountId,
                status = o.StatusAt(now).ToString(),
                finalStatus = o.FinalStatus.ToString(),
                telephoneNumbers = o.DistinctNumberTexts(),
                createdAt = o.CreatedAt,
                createdBy = o.CreatedBy,
                errors = o.Problems.Where(p => p.Code != null).Select(p => new { code = p.Code, description = p.Description, telephoneNumber = p.TelephoneNumber }),
                warnings = o.Problems.Where(p => p.Code == null).Select(p => new { description = p.Description, telephoneNumber = p.TelephoneNumber }),
            });
        return Ok(orders);
    }

    private ApiResult Passcodes(string? accountId)
    {
        if (!string.IsNullOrEmpty(accountId))
        {
            var account = _state.FindAccount(accountId);
            return account == null ? Problem(404, $"There is no account {accountId}.") : Ok(account.Passcodes.Snapshot());
        }
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in _state.Accounts)
        {
            foreach (var (number, passcode) in account.Passcodes.Snapshot()) all.TryAdd(number, passcode);
        }
        return Ok(all);
    }

    private RuntimeSettings ApplySettings(SettingsPatch patch)
    {
        var current = _state.Settings;
        var updated = new RuntimeSettings(
            patch.ReceivedMs ?? current.ReceivedMs,
            patch.ProcessingMs ?? current.ProcessingMs,
            patch.MaxTnsPerOrder ?? current.MaxTnsPerOrder,
            patch.MaxOrdersPerList ?? current.MaxOrdersPerList,
            patch.TokenLifetimeSeconds ?? current.TokenLifetimeSeconds,
            patch.SamePasscode == null ? current.SamePasscodeIsWarning : RuntimeSettings.ParseSamePasscode(patch.SamePasscode),
            patch.EchoPasscodes ?? current.EchoPasscodes,
            patch.WrapOrderListInReportResponse ?? current.WrapOrderListInReportResponse).Validated();
        _state.Settings = updated;
        return updated;
    }

    private static object SettingsView(RuntimeSettings s) => new
    {
        receivedMs = s.ReceivedMs,
        processingMs = s.ProcessingMs,
        maxTnsPerOrder = s.MaxTnsPerOrder,
        maxOrdersPerList = s.MaxOrdersPerList,
        tokenLifetimeSeconds = s.TokenLifetimeSeconds,
        samePasscode = s.SamePasscodeIsWarning ? "warning" : "error",
        echoPasscodes = s.EchoPasscodes,
        wrapOrderListInReportResponse = s.WrapOrderListInReportResponse,
    };

    private static object FaultView(ActiveFault f) => new
    {
        id = f.Id,
        endpoint = f.Endpoint == null ? "*" : ApiEndpoints.ByName.First(e => e.Value == f.Endpoint).Key,
        kind = f.Kind.Name(),
        status = f.Kind is FaultKind.Throttle or FaultKind.Status ? f.Status : (int?)null,
        retryAfter = f.Kind == FaultKind.Throttle ? (f.RetryAfterAsDate ? "date:" : "") + f.RetryAfterSeconds : null,
        latencyMs = f.LatencyMs,
        count = f.Count,
        every = f.Every,
        hits = f.Hits,
        spent = f.IsSpent,
    };

    private static async Task<T> ReadJsonAsync<T>(HttpContext context) where T : class =>
        await JsonSerializer.DeserializeAsync<T>(context.Request.Body, StrictJson, context.RequestAborted)
        ?? throw new JsonException("The request body must be a JSON object.");

    private static bool IsLoopback(IPAddress? address) =>
        address == null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static ApiResult? Only(string method, string allowed) =>
        string.Equals(method, allowed, StringComparison.OrdinalIgnoreCase) ? null : NotAllowed(allowed);

    private static ApiResult NotAllowed(string allow) => Problem(405, $"Use {allow}.").WithHeader("Allow", allow);

    private static ApiResult Ok(object value) => ApiResult.Json(200, value);

    private static ApiResult Problem(int status, string error) => ApiResult.Json(status, new { error });
}
