using Microsoft.Extensions.Configuration;

namespace PortOutPasscode.Emulator.Hosting;

/// <summary>
/// The command line and appsettings.json (beside the assembly) bound to <see cref="EmulatorOptions"/>. Later sources
/// win: appsettings.json, then BWEMU_-prefixed environment variables (BWEMU_Emulator__ReceivedMs=50), then the
/// command line. Unknown options are refused rather than ignored, so a typo is not a silent default.
/// </summary>
internal sealed class CommandLineSettings
{
    public const string Usage = """
        Bandwidth API emulator (PortOutPasscode): the Numbers API's TN option orders, port-out passcodes and OAuth2 on loopback.

        Usage: dotnet run --project src/PortOutPasscode.Emulator -- [options]

          --port N                 port to listen on (default 5080; 0 picks a free port)
          --host ADDRESS           address to listen on (default 127.0.0.1; loopback only unless --allow-remote)
          --allow-remote           allow a non-loopback --host (the admin API still answers loopback callers only)
          --log-requests           one console line per API request
          --Emulator:KEY=VALUE     any setting of appsettings.json, e.g.
                                   --Emulator:ReceivedMs=50 --Emulator:ProcessingMs=100 --Emulator:MaxTnsPerOrder=1000
                                   --Emulator:Accounts:0:OnNet:0=2012000000-2013999999
          --help                   this text

        Admin API, demo accounts and credentials: docs/EMULATOR-ADMIN.md.
        """;

    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--port"] = "Emulator:Port",
        ["--host"] = "Emulator:Host",
    };

    private CommandLineSettings(EmulatorOptions options, bool showHelp)
    {
        Options = options;
        ShowHelp = showHelp;
    }

    public EmulatorOptions Options { get; }

    public bool ShowHelp { get; }

    public static CommandLineSettings Parse(string[] args, string? settingsFile = null)
    {
        var remaining = new List<string>();
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var showHelp = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            switch (name.ToLowerInvariant())
            {
                case "--help" or "-h" or "-?" or "/?":
                    showHelp = true;
                    continue;
                case "--allow-remote":
                    flags["Emulator:AllowRemote"] = "true";
                    continue;
                case "--log-requests":
                    flags["Emulator:LogRequests"] = "true";
                    continue;
            }
            var isKnown = SwitchMappings.ContainsKey(name)
                || name.StartsWith("--Emulator:", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("/Emulator:", StringComparison.OrdinalIgnoreCase);
            if (!isKnown) throw new EmulatorConfigurationException($"unknown option '{arg}'.");
            remaining.Add(arg);
            if (!arg.Contains('='))
            {
                if (i + 1 >= args.Length) throw new EmulatorConfigurationException($"option '{arg}' needs a value.");
                remaining.Add(args[++i]);
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(settingsFile ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("BWEMU_")
            .AddCommandLine(remaining.ToArray(), SwitchMappings)
            .AddInMemoryCollection(flags)
            .Build();

        var options = new EmulatorOptions();
        try
        {
            configuration.GetSection(EmulatorOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new EmulatorConfigurationException(e.Message);
        }
        return new CommandLineSettings(options, showHelp);
    }
}
