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
    public bool? AllowBasic { get; set; }
    public int? ListLagMs { get; set; }
    public int? ClockOffsetSeconds { get; set; }
    public int? CallbackTimeoutMs { get; set; }
}

/// <summary>Body of PUT /_emulator/accounts/{id}/inservice: the account's in-service numbers, replacing the list.</summary>
public sealed class InServicePatch
{
    public List<string>? InService { get; set; }
}

/// <summary>Body of POST /_emulator/accounts/{id}/passcodes: one passcode on many numbers at once (ranges).</summary>
public sealed class PasscodeSeed
{
    public List<string>? Numbers { get; set; }
    public string? Passcode { get; set; }
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
            case "notifications":
                return Only(method, "GET") ?? Ok(_state.Notifications.Snapshot());
            case "portouts":
                if (HttpMethods.IsGet(method)) return Ok(_state.PortOuts.Attempts());
                if (HttpMethods.IsPost(method))
                {
                    var (status, body) = _portOuts.Submit(await ReadJsonAsync<PortOutRequest>(context));
                    return ApiResult.Json(status, body);
                }
                return NotAllowed("GET, POST");
        }
        var parts = path.Split('/');
        if (parts.Length == 3 && parts[0] == "accounts")
        {
            var account = _state.FindAccount(request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[2]);
            if (account == null) return Problem(404, $"There is no account {parts[1]}.");
            switch (parts[2])
            {
                case "inservice":
                    if (HttpMethods.IsGet(method)) return Ok(InServiceView(account));
                    if (!HttpMethods.IsPut(method)) return NotAllowed("GET, PUT");
                    var patch = await ReadJsonAsync<InServicePatch>(context);
                    account.InService = EmulatorSetup.InServiceOf(patch.InService ?? new(), account.Inventory, $"Account {account.Id} inService");
                    return Ok(InServiceView(account));
                case "passcodes":
                    return Only(method, "POST") ?? Ok(SeedPasscodes(account, await ReadJsonAsync<PasscodeSeed>(context)));
            }
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
            environment = _state.Setup.Realm.ToString(),
            accounts = _state.Accounts.Select(a => new
            {
                id = a.Id,
                portOutPasscodeProtection = a.FeatureOn,
                onNet = a.Inventory.OnNet.Ranges.Select(r => r.ToString()),
                offNet = a.Inventory.OffNet.Ranges.Select(r => r.ToString()),
                notVoiceOwner = a.Inventory.NotVoiceOwner.Ranges.Select(r => r.ToString()),
                inService = a.InService.Ranges.Select(r => r.ToString()),
            }),
            users = _state.Setup.Users.Values.Select(u => new { name = u.Principal.Name, accounts = u.Principal.Accounts }),
            oauthClients = _state.Setup.OAuthClients.Values.Select(c => new { clientId = c.Principal.Name, accounts = c.Principal.Accounts, roles = c.Principal.Roles }),
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
        var updated = (current with
        {
            ReceivedMs = patch.ReceivedMs ?? current.ReceivedMs,
            ProcessingMs = patch.ProcessingMs ?? current.ProcessingMs,
            MaxTnsPerOrder = patch.MaxTnsPerOrder ?? current.MaxTnsPerOrder,
            MaxOrdersPerList = patch.MaxOrdersPerList ?? current.MaxOrdersPerList,
            TokenLifetimeSeconds = patch.TokenLifetimeSeconds ?? current.TokenLifetimeSeconds,
            SamePasscodeIsWarning = patch.SamePasscode == null ? current.SamePasscodeIsWarning : RuntimeSettings.ParseSamePasscode(patch.SamePasscode),
            EchoPasscodes = patch.EchoPasscodes ?? current.EchoPasscodes,
            WrapOrderListInReportResponse = patch.WrapOrderListInReportResponse ?? current.WrapOrderListInReportResponse,
            AllowBasic = patch.AllowBasic ?? current.AllowBasic,
            ListLagMs = patch.ListLagMs ?? current.ListLagMs,
            ClockOffsetSeconds = patch.ClockOffsetSeconds ?? current.ClockOffsetSeconds,
            CallbackTimeoutMs = patch.CallbackTimeoutMs ?? current.CallbackTimeoutMs,
        }).Validated();
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
        allowBasic = s.AllowBasic,
        listLagMs = s.ListLagMs,
        clockOffsetSeconds = s.ClockOffsetSeconds,
        callbackTimeoutMs = s.CallbackTimeoutMs,
    };

    private static object InServiceView(AccountState account) => new
    {
        accountId = account.Id,
        inService = account.InService.Ranges.Select(r => r.ToString()),
        count = account.InService.Count,
    };

    /// <summary>Sets one passcode on on-net numbers of the account in bulk, as if an order had done it (no order is stored).</summary>
    private static object SeedPasscodes(AccountState account, PasscodeSeed seed)
    {
        if (Domain.Passcodes.Classify(seed.Passcode) != PasscodeAction.Set)
        {
            throw new EmulatorConfigurationException("passcode must be 4 to 10 letters or digits.");
        }
        var where = $"Account {account.Id} numbers";
        var numbers = EmulatorSetup.Ranges(seed.Numbers, where);
        if (numbers.Count == 0) throw new EmulatorConfigurationException("numbers must list at least one number or range.");
        foreach (var range in numbers.Ranges)
        {
            if (!account.Inventory.OnNet.Covers(range) || account.Inventory.OffNet.Intersect(new NumberRangeSet(new[] { range })).Count > 0
                || account.Inventory.NotVoiceOwner.Intersect(new NumberRangeSet(new[] { range })).Count > 0)
            {
                throw new EmulatorConfigurationException($"{where}: {range} is not all on-net numbers of the account (only they can carry a passcode).");
            }
        }
        return new { accountId = account.Id, set = account.Passcodes.SetAll(numbers, seed.Passcode!), total = account.Passcodes.Count };
    }

    private static object FaultView(ActiveFault f) => new
    {
        id = f.Id,
        endpoint = f.Endpoint == null ? "*" : ApiEndpoints.ByName.First(e => e.Value == f.Endpoint).Key,
        kind = f.Kind.Name(),
        status = f.Kind is FaultKind.Throttle or FaultKind.Status ? f.Status : (int?)null,
        retryAfter = f.Kind == FaultKind.Throttle && f.SendsRetryAfter ? (f.RetryAfterAsDate ? "date:" : "") + f.RetryAfterSeconds : null,
        rateLimitReset = f.Kind == FaultKind.Throttle ? f.RateLimitResetSeconds : null,
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
