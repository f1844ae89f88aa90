using System.Net;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>
/// Someone who may call the API: an API user (Basic) or an OAuth2 client, the accounts it may use and (clients) its
/// roles. API users are not held to roles: Bandwidth's API users are going away, and their roles are not modelled.
/// </summary>
internal sealed record Principal(string Name, bool IsOAuthClient, IReadOnlySet<string> Accounts, IReadOnlyList<string> Roles)
{
    public bool MayUse(string accountId) => Accounts.Contains("*") || Accounts.Contains(accountId);

    public bool HasRole(string role) => !IsOAuthClient || Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    public string Kind => IsOAuthClient ? "OAuth2 client" : "API user";
}

internal sealed record Credential(Principal Principal, string Secret);

internal sealed record AccountSetup(string Id, bool FeatureOn, NumberInventory Inventory, IReadOnlyDictionary<long, string> SeedPasscodes, NumberRangeSet InService);

/// <summary>The OAuth realm of one emulator: tokens are issued for it, and a token of the other realm is refused.</summary>
internal enum Realm
{
    Production,
    Test,
}

/// <summary>The validated, immutable part of the options: accounts, users, clients, where to listen.</summary>
internal sealed class EmulatorSetup
{
    private EmulatorSetup(EmulatorOptions options, IPAddress address, List<AccountSetup> accounts,
        Dictionary<string, Credential> users, Dictionary<string, Credential> clients)
    {
        Options = options;
        ListenAddress = address;
        Accounts = accounts;
        Users = users;
        OAuthClients = clients;
        InitialSettings = RuntimeSettings.From(options);
    }

    public EmulatorOptions Options { get; }
    public IPAddress ListenAddress { get; }
    public IReadOnlyList<AccountSetup> Accounts { get; }
    public IReadOnlyDictionary<string, Credential> Users { get; }
    public IReadOnlyDictionary<string, Credential> OAuthClients { get; }
    public RuntimeSettings InitialSettings { get; }

    public Realm Realm { get; private init; }

    /// <summary>The account ids a principal may use, "*" spelled out: the token's accounts claim.</summary>
    public IReadOnlyList<string> AccountIdsOf(Principal principal) =>
        Accounts.Select(a => a.Id).Where(principal.MayUse).ToList();

    public static EmulatorSetup From(EmulatorOptions configured)
    {
        var options = configured.WithDefaults();
        var realm = RealmOf(options.Environment);
        var address = ListenAddressOf(options.Host, options.AllowRemote);
        if (options.Port is < 0 or > 65535)
        {
            throw new EmulatorConfigurationException($"Port {options.Port} is not a TCP port (0 picks a free one).");
        }
        if (options.RequestLogLimit < 1)
        {
            throw new EmulatorConfigurationException("RequestLogLimit must be at least 1.");
        }

        var accounts = new List<AccountSetup>();
        foreach (var account in options.Accounts!)
        {
            var id = account.Id?.Trim();
            if (string.IsNullOrEmpty(id)) throw new EmulatorConfigurationException("An account has no Id.");
            if (accounts.Any(a => a.Id == id)) throw new EmulatorConfigurationException($"Account {id} is configured twice.");
            var where = $"Account {id}";
            var inventory = new NumberInventory(
                Ranges(account.OnNet, where + " OnNet"),
                Ranges(account.OffNet, where + " OffNet"),
                Ranges(account.NotVoiceOwner, where + " NotVoiceOwner"));
            var seed = new Dictionary<long, string>();
            foreach (var (number, passcode) in account.Passcodes ?? new())
            {
                if (!TelephoneNumbers.TryParse(number, out var parsed) || !inventory.Owns(parsed))
                {
                    throw new EmulatorConfigurationException($"{where} Passcodes: '{number}' is not a number of the account.");
                }
                if (Passcodes.Classify(passcode) != PasscodeAction.Set)
                {
                    throw new EmulatorConfigurationException($"{where} Passcodes: the passcode of {number} must be 4 to 10 letters or digits.");
                }
                seed[parsed] = passcode;
            }
            var inService = InServiceOf(account.InService, inventory, where + " InService");
            accounts.Add(new AccountSetup(id, account.PortOutPasscodeProtection, inventory, seed, inService));
        }

        var users = new Dictionary<string, Credential>(StringComparer.Ordinal);
        foreach (var user in options.Users!)
        {
            if (string.IsNullOrEmpty(user.Name) || string.IsNullOrEmpty(user.Password))
            {
                throw new EmulatorConfigurationException("An API user needs a Name and a Password.");
            }
            users[user.Name] = new Credential(new Principal(user.Name, false, AccountSet(user.Accounts), Array.Empty<string>()), user.Password);
        }
        var clients = new Dictionary<string, Credential>(StringComparer.Ordinal);
        foreach (var client in options.OAuthClients!)
        {
            if (string.IsNullOrEmpty(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret))
            {
                throw new EmulatorConfigurationException("An OAuth2 client needs a ClientId and a ClientSecret.");
            }
            var roles = client.RolesOrDefault
                .Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            clients[client.ClientId] = new Credential(new Principal(client.ClientId, true, AccountSet(client.Accounts), roles), client.ClientSecret);
        }
        return new EmulatorSetup(options, address, accounts, users, clients) { Realm = realm };
    }

    public static Realm RealmOf(string? environment) => environment?.Trim().ToLowerInvariant() switch
    {
        null or "" or "production" => Realm.Production,
        "test" => Realm.Test,
        _ => throw new EmulatorConfigurationException($"Environment must be 'Production' or 'Test' (it is '{environment}')."),
    };

    /// <summary>In-service numbers must be numbers of the account: a number in service elsewhere is not the account's to protect.</summary>
    public static NumberRangeSet InServiceOf(IEnumerable<string>? texts, NumberInventory inventory, string where)
    {
        var set = Ranges(texts, where);
        var owned = inventory.OnNet.Union(inventory.OffNet).Union(inventory.NotVoiceOwner);
        foreach (var range in set.Ranges)
        {
            if (!owned.Covers(range))
            {
                throw new EmulatorConfigurationException(
                    $"{where}: {range} is not all numbers of the account; add them to OnNet (or OffNet) first.");
            }
        }
        return set;
    }

    /// <summary>Loopback unless the caller explicitly allowed more: an emulator with demo passwords must not face a network by accident.</summary>
    public static IPAddress ListenAddressOf(string? host, bool allowRemote)
    {
        var text = string.IsNullOrWhiteSpace(host) ? "127.0.0.1" : host.Trim();
        IPAddress address;
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(text.Trim('[', ']'), out address!))
        {
            throw new EmulatorConfigurationException($"Host '{text}' is not an IP address or 'localhost'.");
        }
        if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            throw new EmulatorConfigurationException(
                $"Host '{text}' is not a loopback address. The emulator accepts demo credentials; to listen beyond this machine anyway, add --allow-remote.");
        }
        return address;
    }

    public static NumberRangeSet Ranges(IEnumerable<string>? texts, string where) =>
        new((texts ?? Array.Empty<string>()).Select(t => NumberRange.Parse(t, where)));

    private static IReadOnlySet<string> AccountSet(IEnumerable<string>? accounts) =>
        new HashSet<string>((accounts ?? Array.Empty<string>()).Select(a => a.Trim()), StringComparer.Ordinal);
}
