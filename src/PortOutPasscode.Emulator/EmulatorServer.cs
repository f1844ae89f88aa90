using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PortOutPasscode.Emulator.Api;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator;

/// <summary>
/// A running emulator. Start it in-process with <see cref="StartAsync"/> (tests, tools) or from the command line
/// (Program). Dispose to stop it.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private int _stopped;

    private EmulatorServer(WebApplication app, EmulatorState state, Uri rootUri)
    {
        _app = app;
        _state = state;
        RootUri = rootUri;
        BaseUri = new Uri(rootUri, "api");
        TokenUri = new Uri(rootUri, "api/v1/oauth2/token");
        AdminUri = new Uri(rootUri, "_emulator");
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri RootUri { get; }

    /// <summary>The API base: http://127.0.0.1:{port}/api (no trailing slash, as the start line prints it).</summary>
    public Uri BaseUri { get; }

    /// <summary>The OAuth2 token endpoint: {root}/api/v1/oauth2/token.</summary>
    public Uri TokenUri { get; }

    /// <summary>The admin API: {root}/_emulator.</summary>
    public Uri AdminUri { get; }

    public int Port => RootUri.Port;

    /// <summary>Starts an emulator; with no options, the demo set-up on a free loopback port.</summary>
    /// <exception cref="EmulatorConfigurationException">The options cannot work (a bad range, a non-loopback host without AllowRemote…).</exception>
    public static Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options ?? new EmulatorOptions(), TimeProvider.System, cancellationToken);

    internal static async Task<EmulatorServer> StartAsync(EmulatorOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var setup = EmulatorSetup.From(options);
        var state = new EmulatorState(setup, clock);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(setup.ListenAddress, setup.Options.Port);
        });
        // A latency fault must not hold a test's Dispose for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        Uri? root = null;
        var dispatcher = new ApiDispatcher(state, () => root!);
        ((IApplicationBuilder)app).Run(dispatcher.HandleAsync);

        await app.StartAsync(cancellationToken);
        state.Notifications.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        root = new Uri($"http://{HostText(setup.ListenAddress)}:{port}/");
        return new EmulatorServer(app, state, root);
    }

    /// <summary>What to put in URLs: the loopback address itself, or 127.0.0.1 when listening on every address.</summary>
    private static string HostText(IPAddress address)
    {
        if (address.Equals(IPAddress.Any)) return "127.0.0.1";
        if (address.Equals(IPAddress.IPv6Any)) return "[::1]";
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        await _app.StopAsync();
        await _state.Notifications.DisposeAsync();
        await _app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public void Dispose() => StopAsync().GetAwaiter().GetResult();
}
