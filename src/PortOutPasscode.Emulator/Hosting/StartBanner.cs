using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Hosting;

/// <summary>What the emulator prints once it listens: the contract line first, then the demo credentials.</summary>
internal static class StartBanner
{
    public const string ListeningPrefix = "Bandwidth API emulator listening on ";

    public static IEnumerable<string> Lines(EmulatorServer server, EmulatorOptions configured)
    {
        var options = configured.WithDefaults();
        yield return ListeningPrefix + server.BaseUri;
        yield return $"  aliases: {server.RootUri}api/v1, {server.RootUri}v1.0; v2 (E.164 numbers): {server.RootUri}api/v2";
        yield return $"  OAuth2 token endpoint: {server.TokenUri} ({EmulatorSetup.RealmOf(options.Environment)} realm)";
        foreach (var account in options.Accounts!)
        {
            var numbers = new List<string>();
            numbers.AddRange(account.OnNet.Select(r => r + " (on-net)"));
            numbers.AddRange(account.OffNet.Select(r => r + " (off-net: 5196)"));
            numbers.AddRange(account.NotVoiceOwner.Select(r => r + " (not voice owner: 5197)"));
            var feature = account.PortOutPasscodeProtection ? "PortOutPasscodeProtection on" : "PortOutPasscodeProtection OFF (5194)";
            yield return $"  account {account.Id}: {feature}; numbers {(numbers.Count == 0 ? "none" : string.Join(", ", numbers))}";
            yield return $"    in service: {(account.InService.Count == 0 ? "none" : string.Join(", ", account.InService))}";
        }
        foreach (var client in options.OAuthClients!)
        {
            yield return $"  OAuth2 client: {client.ClientId} / {client.ClientSecret}  (accounts {string.Join(", ", client.Accounts)}; roles {string.Join(", ", client.RolesOrDefault)}; tokens live {options.TokenLifetimeSeconds} s)";
        }
        foreach (var user in options.Users!)
        {
            yield return $"  API user (Basic, deprecated{(options.AllowBasic ? "" : "; REFUSED: AllowBasic is false")}): {user.Name} / {user.Password}  (accounts {string.Join(", ", user.Accounts)})";
        }
        yield return $"  orders: RECEIVED -> PROCESSING after {options.ReceivedMs} ms, final {options.ProcessingMs} ms later; at most {options.MaxTnsPerOrder} numbers per order";
        yield return $"  admin API: {server.AdminUri} (docs/EMULATOR-ADMIN.md)";
        yield return "Press Ctrl+C to stop.";
    }
}
