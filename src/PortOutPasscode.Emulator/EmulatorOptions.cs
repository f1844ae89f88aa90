namespace PortOutPasscode.Emulator;

/// <summary>
/// Everything the emulator can be told at start. Bound from the "Emulator" section of appsettings.json and the
/// command line (--Emulator:ReceivedMs=50), or built in code for <see cref="EmulatorServer.StartAsync"/>.
/// Collections left null take the demo defaults of docs/EMULATOR-ADMIN.md.
/// </summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Address to listen on; loopback (127.0.0.1, ::1, localhost) unless <see cref="AllowRemote"/>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (the default in code; the command line defaults to 5080 through appsettings.json).</summary>
    public int Port { get; set; }

    /// <summary>Allows a non-loopback <see cref="Host"/>. The admin API still answers loopback callers only.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>How long an order stays RECEIVED.</summary>
    public int ReceivedMs { get; set; } = 300;

    /// <summary>How long an order stays PROCESSING before its final status.</summary>
    public int ProcessingMs { get; set; } = 700;

    /// <summary>Numbers allowed in one order; more is error 5095.</summary>
    public int MaxTnsPerOrder { get; set; } = 5000;

    /// <summary>Orders listed in one answer of the order list (TotalCount still counts them all).</summary>
    public int MaxOrdersPerList { get; set; } = 1000;

    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// Whether API users (HTTP Basic) may call the API. False is Bandwidth after 2026-12-02: every Basic request is 401
    /// and says to use OAuth2 client credentials. The token endpoint's own client authentication is not affected.
    /// </summary>
    public bool AllowBasic { get; set; } = true;

    /// <summary>"Production" (default) or "Test": the realm its tokens are issued for; a token of the other realm is 401.</summary>
    public string Environment { get; set; } = "Production";

    /// <summary>An order appears in the order list only this long after it was stored (GET by id sees it at once).</summary>
    public int ListLagMs { get; set; }

    /// <summary>The server's clock against the real one, in seconds (negative: behind): dates in answers and date filters.</summary>
    public int ClockOffsetSeconds { get; set; }

    /// <summary>How long a subscription callback may take before it counts as failed (it is not retried).</summary>
    public int CallbackTimeoutMs { get; set; } = 5000;

    /// <summary>"error" (default): setting the passcode a number already has is a 5195 ErrorList entry; "warning": a Warning.</summary>
    public string SamePasscode { get; set; } = "error";

    /// <summary>Whether order answers echo PortOutPasscode (Bandwidth's guides show it echoed, its spec example does not).</summary>
    public bool EchoPasscodes { get; set; } = true;

    /// <summary>Wraps the order list in &lt;TnOptionOrderReportResponse&gt; like the OpenAPI example, instead of the SDKs' bare &lt;TnOptionOrders&gt;.</summary>
    public bool WrapOrderListInReportResponse { get; set; }

    /// <summary>Requests kept in the admin request log; older ones are dropped.</summary>
    public int RequestLogLimit { get; set; } = 100_000;

    /// <summary>Writes one console line per API request (off by default: it slows benchmarks).</summary>
    public bool LogRequests { get; set; }

    public List<AccountOptions>? Accounts { get; set; }

    public List<ApiUserOptions>? Users { get; set; }

    public List<OAuthClientOptions>? OAuthClients { get; set; }

    /// <summary>A copy with the demo accounts, user and client filled in where none were configured.</summary>
    internal EmulatorOptions WithDefaults()
    {
        var copy = (EmulatorOptions)MemberwiseClone();
        copy.Accounts ??= DemoDefaults.Accounts();
        copy.Users ??= DemoDefaults.Users();
        copy.OAuthClients ??= DemoDefaults.OAuthClients();
        return copy;
    }
}

/// <summary>One Bandwidth account and the numbers it owns, as ranges ("2012000000-2013999999") or single numbers.</summary>
public sealed class AccountOptions
{
    public string Id { get; set; } = "";

    /// <summary>The PortOutPasscodeProtection feature; off means every passcode order is refused with 5194.</summary>
    public bool PortOutPasscodeProtection { get; set; } = true;

    /// <summary>On-net numbers: passcodes can be set.</summary>
    public List<string> OnNet { get; set; } = new();

    /// <summary>Off-net numbers: on the account, but a passcode is refused per number with 5196.</summary>
    public List<string> OffNet { get; set; } = new();

    /// <summary>Numbers whose voice owner is someone else: a passcode is refused per number with 5197.</summary>
    public List<string> NotVoiceOwner { get; set; } = new();

    /// <summary>Passcodes the account starts with (and returns to on reset): number → passcode.</summary>
    public Dictionary<string, string> Passcodes { get; set; } = new();

    /// <summary>The numbers in service (GET inserviceNumbers), ranges or single numbers; each must be a number of the account.</summary>
    public List<string> InService { get; set; } = new();
}

/// <summary>An API user for HTTP Basic.</summary>
public sealed class ApiUserOptions
{
    public string Name { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>Accounts the user may use; "*" for every account.</summary>
    public List<string> Accounts { get; set; } = new();
}

/// <summary>An OAuth2 client (client credentials grant).</summary>
public sealed class OAuthClientOptions
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Accounts the client may use; "*" for every account.</summary>
    public List<string> Accounts { get; set; } = new();

    /// <summary>The roles of the client (the token's roles claim); left out: <see cref="DemoDefaults.LineFeatureManagement"/> alone.</summary>
    public List<string>? Roles { get; set; }

    internal IReadOnlyList<string> RolesOrDefault => Roles ?? new List<string> { DemoDefaults.LineFeatureManagement };
}

/// <summary>The demo set-up of docs/EMULATOR-ADMIN.md: what a fresh emulator offers with no configuration.</summary>
public static class DemoDefaults
{
    public const string AccountId = "9900000";
    public const string AccountWithoutFeatureId = "9900001";
    public const string UserName = "demo";
    public const string Password = "demo-password";
    public const string ClientId = "demo-client";
    public const string ClientSecret = "demo-secret";

    /// <summary>An OAuth2 client without the role TN option orders need: 403 on orders and passcodes, reads work.</summary>
    public const string ReadOnlyClientId = "demo-readonly-client";
    public const string ReadOnlyClientSecret = "demo-readonly-secret";

    /// <summary>The role Bandwidth requires for TN option orders and port-out passcodes.</summary>
    public const string LineFeatureManagement = "Line Feature Management";

    /// <summary>The role of the read-only demo client.</summary>
    public const string ReadOnlyRole = "Read Only";

    public static List<AccountOptions> Accounts() => new()
    {
        new AccountOptions
        {
            Id = AccountId,
            PortOutPasscodeProtection = true,
            OnNet = { "2012000000-2013999999" },
            OffNet = { "9195550000-9195559999" },
            InService = { "2012000101-2012000125", "9195550001-9195550003" },
        },
        new AccountOptions
        {
            Id = AccountWithoutFeatureId,
            PortOutPasscodeProtection = false,
            OnNet = { "3035550000-3035559999" },
        },
    };

    public static List<ApiUserOptions> Users() => new()
    {
        new ApiUserOptions { Name = UserName, Password = Password, Accounts = { AccountId, AccountWithoutFeatureId } },
    };

    public static List<OAuthClientOptions> OAuthClients() => new()
    {
        new OAuthClientOptions
        {
            ClientId = ClientId, ClientSecret = ClientSecret, Accounts = { AccountId, AccountWithoutFeatureId }, Roles = new() { LineFeatureManagement },
        },
        new OAuthClientOptions
        {
            ClientId = ReadOnlyClientId, ClientSecret = ReadOnlyClientSecret, Accounts = { AccountId, AccountWithoutFeatureId }, Roles = new() { ReadOnlyRole },
        },
    };
}
