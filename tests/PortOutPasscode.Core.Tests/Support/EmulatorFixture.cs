using PortOutPasscode.Client;
using PortOutPasscode.Emulator;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>
/// The project's emulator started in-process on a free loopback port, shared by the tests of one class (each test resets
/// it first), with its admin API and clients of it for the tests.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    internal EmulatorServer Server { get; private set; }

    /// <summary>The emulator's admin API: reset, faults, settings, and what it stored.</summary>
    internal EmulatorAdmin Admin { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(new EmulatorOptions());
        Admin = new EmulatorAdmin(Server.RootUri);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Server != null) await Server.DisposeAsync();
    }

    /// <summary>A client of the emulator with short backoff, on the system clock (the emulator dates orders by it).</summary>
    internal BandwidthClient Client(BwConnection connection, LogCapture logs = null, Action<BandwidthClientOptions> adjust = null) =>
        BandwidthClient.Create(connection, TestClients.Options(logs, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            options.RequestTimeout = TimeSpan.FromSeconds(20);
            options.LostOrderLookAgain = new[] { TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100) };
            adjust?.Invoke(options);
        }));

    internal BwConnection Basic(string password = "demo-password", string accountId = "9900000") =>
        new(accountId, Server.BaseUri, BwAuthenticationKind.Basic, "demo", TestClients.Secure(password));

    internal BwConnection OAuth(string secret = "demo-secret", string accountId = "9900000") =>
        new(accountId, Server.BaseUri, BwAuthenticationKind.OAuth2ClientCredentials, "demo-client", TestClients.Secure(secret));
}
