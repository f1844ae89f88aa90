using System.Diagnostics;
using System.Text;
using PortOutPasscode.Emulator.Admin;
using PortOutPasscode.Emulator.Faults;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Api;

/// <summary>
/// The one request handler: admin requests go to the admin API; API requests are routed, put through the fault
/// switches, authenticated, handled into a complete <see cref="ApiResult"/>, then sent (or dropped, or truncated)
/// and logged. No routing middleware and no per-request logging: the benchmarks push a million numbers through it.
/// </summary>
internal sealed class ApiDispatcher
{
    private readonly EmulatorState _state;
    private readonly Authenticator _authenticator;
    private readonly OrderEndpoints _orders;
    private readonly PasscodeEndpoints _passcodes = new();
    private readonly InServiceEndpoints _inService = new();
    private readonly PortOutEndpoints _portOuts;
    private readonly SubscriptionEndpoints _subscriptions;
    private readonly TokenEndpoint _token;
    private readonly AdminEndpoints _admin;

    public ApiDispatcher(EmulatorState state, Func<Uri> rootUri)
    {
        _state = state;
        _authenticator = new Authenticator(state);
        _orders = new OrderEndpoints(state);
        _portOuts = new PortOutEndpoints(state);
        _subscriptions = new SubscriptionEndpoints(state);
        _token = new TokenEndpoint(state, _authenticator);
        _admin = new AdminEndpoints(state, rootUri);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (AdminEndpoints.Owns(path))
        {
            await _admin.HandleAsync(context);
            return;
        }
        var route = ApiRouter.Match(request.Method, path);
        if (route.Outcome == RouteOutcome.NotApi)
        {
            await _admin.HomeAsync(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var status = 0;
        string? faultNames = null;
        try
        {
            var decision = route.Outcome == RouteOutcome.Matched ? _state.Faults.Decide(route.Endpoint) : FaultDecision.None;
            faultNames = decision.Names;
            if (decision.LatencyMs > 0) await Task.Delay(decision.LatencyMs, context.RequestAborted);

            var fault = decision.Action;
            if (fault?.Kind == FaultKind.DropBefore)
            {
                context.Abort();
                return;
            }
            var result = fault?.Kind is FaultKind.Throttle or FaultKind.Status
                ? FaultAnswer(fault, route)
                : await HandleRouteAsync(context, route);
            if (fault?.Kind == FaultKind.DropAfterStore)
            {
                context.Abort();
                return;
            }
            status = result.Status;
            await SendAsync(context, result, truncate: fault?.Kind == FaultKind.Truncate);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 0; // the client went away
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            Console.Error.WriteLine($"Bandwidth API emulator: {request.Method} {path} failed: {e}");
            var failure = ApiResult.Error(route.Outcome == RouteOutcome.Matched ? route.Endpoint : null, 500, null, "Internal error in the emulator: " + e.Message);
            status = failure.Status;
            await SendAsync(context, failure, truncate: false);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
            _state.Requests.Add(new LoggedRequest(request.Method, path, query, status, faultNames, _state.Now, Math.Round(elapsed.TotalMilliseconds, 3)));
            if (_state.Setup.Options.LogRequests)
            {
                Console.WriteLine($"{request.Method} {path}{request.QueryString} -> {(status == 0 ? "dropped" : status)}{(faultNames == null ? "" : " [" + faultNames + "]")} {elapsed.TotalMilliseconds:0.0} ms");
            }
        }
    }

    private async Task<ApiResult> HandleRouteAsync(HttpContext context, ApiRoute route)
    {
        switch (route.Outcome)
        {
            case RouteOutcome.NotFound:
                return ApiResult.Error(null, 404, null, "The resource does not exist");
            case RouteOutcome.MethodNotAllowed:
                return ApiResult.Error(null, 405, null, "The method is not allowed on this resource.").WithHeader("Allow", route.Allow!);
        }
        if (route.Endpoint == ApiEndpoint.Token)
        {
            return await _token.HandleAsync(context.Request, context.RequestAborted);
        }

        var auth = _authenticator.Authenticate(context.Request);
        if (auth.Principal == null)
        {
            return ApiResult.Error(route.Endpoint, 401, null, auth.Problem!).WithHeader("WWW-Authenticate", auth.Challenge!);
        }
        var principal = auth.Principal;
        if (!principal.MayUse(route.AccountId))
        {
            return ApiResult.Error(route.Endpoint, 403, null, $"{principal.Kind} '{principal.Name}' is not allowed to access account {route.AccountId}.");
        }
        var account = _state.FindAccount(route.AccountId);
        if (account == null)
        {
            return ApiResult.Error(route.Endpoint, 404, null, $"Account {route.AccountId} does not exist.");
        }
        if (ApiEndpoints.NeedsLineFeatureManagement(route.Endpoint) && !principal.HasRole(DemoDefaults.LineFeatureManagement))
        {
            // Bandwidth answers a missing role with 403; say which role, since that is what the user can fix.
            return ApiResult.Error(route.Endpoint, 403, null,
                $"{principal.Kind} '{principal.Name}' lacks the role '{DemoDefaults.LineFeatureManagement}' that TN option orders and port-out passcodes need "
                + $"(it has: {(principal.Roles.Count == 0 ? "no roles" : string.Join(", ", principal.Roles))}). Add the role to the credential in the Bandwidth App.");
        }

        var call = new ApiCall(context, route, account, principal, _state.WireFor(route.Version));
        switch (route.Endpoint)
        {
            case ApiEndpoint.Create:
                using (var body = await ReadBodyAsync(context)) return _orders.Create(call, body);
            case ApiEndpoint.Lookup:
                using (var body = await ReadBodyAsync(context)) return _passcodes.Lookup(call, body);
            case ApiEndpoint.SubscriptionCreate:
                using (var body = await ReadBodyAsync(context)) return _subscriptions.Create(call, body);
            case ApiEndpoint.SubscriptionUpdate:
                using (var body = await ReadBodyAsync(context)) return _subscriptions.Update(call, body);
            case ApiEndpoint.Get:
                return _orders.Get(call);
            case ApiEndpoint.History:
                return _orders.History(call);
            case ApiEndpoint.List:
                return _orders.List(call);
            case ApiEndpoint.Passcodes:
                return _passcodes.Page(call);
            case ApiEndpoint.InService:
                return _inService.List(call);
            case ApiEndpoint.InServiceTotals:
                return _inService.Totals(call);
            case ApiEndpoint.InServiceNumber:
                return _inService.One(call);
            case ApiEndpoint.PortOuts:
                return _portOuts.List(call);
            case ApiEndpoint.PortOut:
                return _portOuts.One(call);
            case ApiEndpoint.Subscriptions:
                return _subscriptions.List(call);
            case ApiEndpoint.Subscription:
                return _subscriptions.One(call);
            case ApiEndpoint.SubscriptionDelete:
                return _subscriptions.Delete(call);
            default:
                throw new InvalidOperationException($"No handler for {route.Endpoint}.");
        }
    }

    private ApiResult FaultAnswer(ActiveFault fault, ApiRoute route)
    {
        var endpoint = route.Outcome == RouteOutcome.Matched ? route.Endpoint : (ApiEndpoint?)null;
        if (fault.Kind == FaultKind.Throttle)
        {
            var now = _state.Now + _state.Settings.ClockOffset;
            // Bandwidth's own form: the reset time and often no body at all.
            var throttled = fault.RateLimitResetSeconds != null
                ? new ApiResult(429, null, Array.Empty<byte>()).WithHeader("X-RateLimit-Reset", fault.RateLimitResetValue(now))
                : ApiResult.Error(endpoint, 429, null, "Too many requests (a throttle fault switched on in the emulator).");
            return fault.SendsRetryAfter ? throttled.WithHeader("Retry-After", fault.RetryAfterValue(now)) : throttled;
        }
        return ApiResult.Error(endpoint, fault.Status, null, $"Simulated failure (HTTP {fault.Status}, a status fault switched on in the emulator).");
    }

    /// <summary>The whole body first (Kestrel forbids synchronous reads, and XmlReader reads synchronously).</summary>
    private static async Task<MemoryStream> ReadBodyAsync(HttpContext context)
    {
        var length = context.Request.ContentLength;
        var buffer = new MemoryStream(length is > 0 and < 64 * 1024 * 1024 ? (int)length.Value : 4096);
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        buffer.Position = 0;
        return buffer;
    }

    private async Task SendAsync(HttpContext context, ApiResult result, bool truncate)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        // A server clock set off the real one shows in the Date header too (a client may compare it with its own).
        var offset = _state.Settings.ClockOffset;
        if (offset != TimeSpan.Zero) response.Headers.Date = (_state.Now + offset).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        if (result.ContentType != null) response.ContentType = result.ContentType;
        foreach (var (name, value) in result.Headers) response.Headers.Append(name, value);
        var length = truncate ? result.Body.Length / 2 : result.Body.Length;
        response.ContentLength = length;
        if (length > 0) await response.Body.WriteAsync(result.Body.AsMemory(0, length), context.RequestAborted);
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
