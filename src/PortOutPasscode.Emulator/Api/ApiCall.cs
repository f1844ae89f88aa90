using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>An authenticated API request for one account: what every endpoint handler gets.</summary>
internal sealed class ApiCall
{
    public ApiCall(HttpContext context, ApiRoute route, AccountState account, Principal principal, WireFormat wire)
    {
        Request = context.Request;
        Route = route;
        Account = account;
        Principal = principal;
        Wire = wire;
        var host = Request.Host;
        Origin = $"{Request.Scheme}://{host.Host}:{host.Port ?? context.Connection.LocalPort}";
    }

    public HttpRequest Request { get; }
    public ApiRoute Route { get; }
    public AccountState Account { get; }
    public Principal Principal { get; }
    public WireFormat Wire { get; }
    public IQueryCollection Query => Request.Query;

    /// <summary>Scheme, host and explicit port as the client addressed the emulator: http://127.0.0.1:5080.</summary>
    public string Origin { get; }

    /// <summary>A collection of this account under the base the client used: http://127.0.0.1:5080/api/accounts/9900000/portouts.</summary>
    public string ResourceUrl(string resource) => $"{Origin}{Route.BasePath}/accounts/{Account.Id}/{resource}";

    /// <summary>Links for a paged collection, carrying the request's other (filter) parameters along.</summary>
    public PageLinks Links(string resource, IEnumerable<string> carried) =>
        new(ResourceUrl(resource), carried
            .SelectMany(name => Query[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string>(name, v!))));

    /// <summary>The last value of a query parameter, trimmed; null when absent or blank.</summary>
    public string? Single(string name)
    {
        var value = Query[name].LastOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
