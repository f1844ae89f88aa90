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
    InService,
    InServiceTotals,
    InServiceNumber,
    PortOuts,
    PortOut,
    Subscriptions,
    SubscriptionCreate,
    Subscription,
    SubscriptionUpdate,
    SubscriptionDelete,
}

/// <summary>v1 (/api, /api/v1, /v1.0) takes and answers 10-digit numbers; v2 (/api/v2, the Universal Platform) E.164.</summary>
internal enum ApiVersion
{
    V1,
    V2,
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
        ["inservice"] = ApiEndpoint.InService,
        ["inserviceTotals"] = ApiEndpoint.InServiceTotals,
        ["inserviceNumber"] = ApiEndpoint.InServiceNumber,
        ["portouts"] = ApiEndpoint.PortOuts,
        ["portout"] = ApiEndpoint.PortOut,
        ["subscriptions"] = ApiEndpoint.Subscriptions,
        ["subscriptionCreate"] = ApiEndpoint.SubscriptionCreate,
        ["subscription"] = ApiEndpoint.Subscription,
        ["subscriptionUpdate"] = ApiEndpoint.SubscriptionUpdate,
        ["subscriptionDelete"] = ApiEndpoint.SubscriptionDelete,
    };

    public static string Name(ApiEndpoint endpoint) => ByName.First(e => e.Value == endpoint).Key;

    /// <summary>The root element of this endpoint's error answers (the spec's examples and error schemas).</summary>
    public static string ErrorRoot(ApiEndpoint? endpoint) => endpoint switch
    {
        ApiEndpoint.Create => "TnOptionOrderResponse",
        ApiEndpoint.Get or ApiEndpoint.List or ApiEndpoint.History => "TnOptionOrderReportResponse",
        ApiEndpoint.Passcodes or ApiEndpoint.Lookup => "TelephoneNumbersResponse",
        ApiEndpoint.PortOuts => "LNPResponseWrapper",
        ApiEndpoint.PortOut => "LnpOrderResponse",
        ApiEndpoint.Subscriptions or ApiEndpoint.SubscriptionCreate or ApiEndpoint.Subscription
            or ApiEndpoint.SubscriptionUpdate or ApiEndpoint.SubscriptionDelete => "SubscriptionsResponse",
        _ => "ErrorResponse",
    };

    /// <summary>What needs the "Line Feature Management" role: TN option orders and port-out passcodes.</summary>
    public static bool NeedsLineFeatureManagement(ApiEndpoint endpoint) =>
        endpoint is ApiEndpoint.Create or ApiEndpoint.Passcodes or ApiEndpoint.Lookup;
}

internal enum RouteOutcome
{
    /// <summary>Not under an API base: the emulator's home page or a plain 404.</summary>
    NotApi,
    Matched,
    NotFound,
    MethodNotAllowed,
}

/// <param name="Id">The order id, port-out id, subscription id or telephone number in the path, when there is one.</param>
/// <param name="BasePath">The API base the request used ("/api", "/api/v2"…), for links and Location headers.</param>
internal readonly record struct ApiRoute(
    RouteOutcome Outcome,
    ApiEndpoint Endpoint = default,
    string AccountId = "",
    string? Id = null,
    string? Allow = null,
    ApiVersion Version = ApiVersion.V1,
    string BasePath = "/api");

/// <summary>
/// Maps a request to an endpoint. Bases: /api, /api/v1, /v1.0 (v1) and /api/v2 (v2); literal segments in any case
/// (tnoptions, tnOptions, tnPortoutPasscodes, inserviceNumbers…); a trailing slash is ignored.
/// </summary>
internal static class ApiRouter
{
    private static readonly (string Prefix, ApiVersion Version)[] Bases =
    {
        ("/api/v2", ApiVersion.V2),
        ("/api/v1", ApiVersion.V1),
        ("/v1.0", ApiVersion.V1),
        ("/api", ApiVersion.V1),
    };

    public static ApiRoute Match(string method, string path)
    {
        string? rest = null;
        var version = ApiVersion.V1;
        var basePath = "";
        foreach (var (prefix, prefixVersion) in Bases)
        {
            if (path.Length == prefix.Length && path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || path.Length > prefix.Length && path[prefix.Length] == '/' && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                rest = path[prefix.Length..];
                version = prefixVersion;
                basePath = path[..prefix.Length];
                break;
            }
        }
        if (rest == null) return new ApiRoute(RouteOutcome.NotApi);

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool Is(int index, string literal) => segments[index].Equals(literal, StringComparison.OrdinalIgnoreCase);
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        var put = HttpMethods.IsPut(method);
        var delete = HttpMethods.IsDelete(method);
        ApiRoute Route(ApiEndpoint endpoint, string account, string? id = null) =>
            new(RouteOutcome.Matched, endpoint, account, id, null, version, basePath);

        if (segments.Length == 2 && Is(0, "oauth2") && Is(1, "token"))
        {
            return post ? Route(ApiEndpoint.Token, "") : NotAllowed("POST");
        }
        if (segments.Length < 3 || !Is(0, "accounts")) return new ApiRoute(RouteOutcome.NotFound);

        var account = segments[1];
        var resource = segments[2];
        var depth = segments.Length;
        if (resource.Equals("tnoptions", StringComparison.OrdinalIgnoreCase))
        {
            switch (depth)
            {
                case 3:
                    return get ? Route(ApiEndpoint.List, account) : post ? Route(ApiEndpoint.Create, account) : NotAllowed("GET, POST");
                case 4:
                    return get ? Route(ApiEndpoint.Get, account, segments[3]) : NotAllowed("GET");
                case 5 when Is(4, "history"):
                    return get ? Route(ApiEndpoint.History, account, segments[3]) : NotAllowed("GET");
            }
        }
        else if (resource.Equals("tnPortoutPasscodes", StringComparison.OrdinalIgnoreCase) && depth == 3)
        {
            return get ? Route(ApiEndpoint.Passcodes, account) : post ? Route(ApiEndpoint.Lookup, account) : NotAllowed("GET, POST");
        }
        else if (resource.Equals("inserviceNumbers", StringComparison.OrdinalIgnoreCase))
        {
            switch (depth)
            {
                case 3:
                    return get ? Route(ApiEndpoint.InService, account) : NotAllowed("GET");
                case 4 when Is(3, "totals"):
                    return get ? Route(ApiEndpoint.InServiceTotals, account) : NotAllowed("GET");
                case 4:
                    return get ? Route(ApiEndpoint.InServiceNumber, account, Uri.UnescapeDataString(segments[3])) : NotAllowed("GET");
            }
        }
        else if (resource.Equals("portouts", StringComparison.OrdinalIgnoreCase))
        {
            switch (depth)
            {
                case 3:
                    return get ? Route(ApiEndpoint.PortOuts, account) : NotAllowed("GET");
                case 4:
                    return get ? Route(ApiEndpoint.PortOut, account, segments[3]) : NotAllowed("GET");
            }
        }
        else if (resource.Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            switch (depth)
            {
                case 3:
                    return get ? Route(ApiEndpoint.Subscriptions, account) : post ? Route(ApiEndpoint.SubscriptionCreate, account) : NotAllowed("GET, POST");
                case 4:
                    return get ? Route(ApiEndpoint.Subscription, account, segments[3])
                        : put ? Route(ApiEndpoint.SubscriptionUpdate, account, segments[3])
                        : delete ? Route(ApiEndpoint.SubscriptionDelete, account, segments[3])
                        : NotAllowed("GET, PUT, DELETE");
            }
        }
        return new ApiRoute(RouteOutcome.NotFound);
    }

    private static ApiRoute NotAllowed(string allow) => new(RouteOutcome.MethodNotAllowed, Allow: allow);
}
