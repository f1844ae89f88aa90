namespace PortOutPasscode.Emulator.Api;

internal enum ApiEndpoint
{
    Create,
    Get,
    List,
    History,
    Passcodes,
    Lookup,
    Token,
}

internal static class ApiEndpoints
{
    /// <summary>The names the admin API uses for endpoints (fault switches).</summary>
    public static readonly IReadOnlyDictionary<string, ApiEndpoint> ByName = new Dictionary<string, ApiEndpoint>(StringComparer.OrdinalIgnoreCase)
    {
        ["create"] = ApiEndpoint.Create,
        ["get"] = ApiEndpoint.Get,
        ["list"] = ApiEndpoint.List,
        ["history"] = ApiEndpoint.History,
        ["passcodes"] = ApiEndpoint.Passcodes,
        ["lookup"] = ApiEndpoint.Lookup,
        ["token"] = ApiEndpoint.Token,
    };

    /// <summary>The root element of this endpoint's error answers (the spec's examples).</summary>
    public static string ErrorRoot(ApiEndpoint? endpoint) => endpoint switch
    {
        ApiEndpoint.Create => "TnOptionOrderResponse",
        ApiEndpoint.Get or ApiEndpoint.List or ApiEndpoint.History => "TnOptionOrderReportResponse",
        ApiEndpoint.Passcodes or ApiEndpoint.Lookup => "TelephoneNumbersResponse",
        _ => "ErrorResponse",
    };
}

internal enum RouteOutcome
{
    /// <summary>Not under an API base: the emulator's home page or a plain 404.</summary>
    NotApi,
    Matched,
    NotFound,
    MethodNotAllowed,
}

internal readonly record struct ApiRoute(RouteOutcome Outcome, ApiEndpoint Endpoint = default, string AccountId = "", string? OrderId = null, string? Allow = null);

/// <summary>
/// Maps a request to an endpoint. Bases: /api, /api/v1, /v1.0; literal segments in any case (tnoptions, tnOptions,
/// tnPortoutPasscodes); a trailing slash is ignored.
/// </summary>
internal static class ApiRouter
{
    private static readonly string[] Bases = { "/api/v1", "/v1.0", "/api" };

    public static ApiRoute Match(string method, string path)
    {
        string? rest = null;
        foreach (var prefix in Bases)
        {
            if (path.Length == prefix.Length && path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || path.Length > prefix.Length && path[prefix.Length] == '/' && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                rest = path[prefix.Length..];
                break;
            }
        }
        if (rest == null) return new ApiRoute(RouteOutcome.NotApi);

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool Is(int index, string literal) => segments[index].Equals(literal, StringComparison.OrdinalIgnoreCase);
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);

        if (segments.Length == 2 && Is(0, "oauth2") && Is(1, "token"))
        {
            return post ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.Token) : NotAllowed("POST");
        }
        if (segments.Length < 3 || !Is(0, "accounts")) return new ApiRoute(RouteOutcome.NotFound);

        var account = segments[1];
        if (Is(2, "tnoptions"))
        {
            switch (segments.Length)
            {
                case 3:
                    return get ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.List, account)
                        : post ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.Create, account)
                        : NotAllowed("GET, POST");
                case 4:
                    return get ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.Get, account, segments[3]) : NotAllowed("GET");
                case 5 when Is(4, "history"):
                    return get ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.History, account, segments[3]) : NotAllowed("GET");
            }
        }
        else if (Is(2, "tnPortoutPasscodes") && segments.Length == 3)
        {
            return get ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.Passcodes, account)
                : post ? new ApiRoute(RouteOutcome.Matched, ApiEndpoint.Lookup, account)
                : NotAllowed("GET, POST");
        }
        return new ApiRoute(RouteOutcome.NotFound);
    }

    private static ApiRoute NotAllowed(string allow) => new(RouteOutcome.MethodNotAllowed, Allow: allow);
}
