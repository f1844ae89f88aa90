using System.Management.Automation;
using PortOutPasscode.Emulator;
using PortOutPasscode.Host;
using PortOutPasscode.Hosting;

// PortOutPasscode.Host [--emulator] <script.ps1> [script arguments…]
var arguments = args.ToList();
var withEmulator = arguments.Remove("--emulator");
if (arguments.Count == 0)
{
    Console.Error.WriteLine("usage: PortOutPasscode.Host [--emulator] <script.ps1> [arguments…]");
    return 2;
}
var script = Path.GetFullPath(arguments[0]);
var scriptArguments = arguments.Skip(1).ToArray();

EmulatorServer? emulator = null;
if (withEmulator)
{
    emulator = await EmulatorServer.StartAsync(new EmulatorOptions());
    // What a runbook would set: Connect-BwAccount with no parameters reads these.
    Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
    Environment.SetEnvironmentVariable("BW_USERNAME", "demo");
    Environment.SetEnvironmentVariable("BW_PASSWORD", "demo-password");
    Environment.SetEnvironmentVariable("BW_API_BASE_URI", emulator.BaseUri.ToString());
    Console.WriteLine($"Bandwidth emulator at {emulator.BaseUri} (account 9900000, API user demo)");
}

try
{
    using var runspace = HostedEngine.OpenRunspace();
    using var shell = PowerShell.Create();
    shell.Runspace = runspace;
    shell.AddCommand("Import-Module").AddParameter("Name", RepoModule.Manifest).AddParameter("ErrorAction", "Stop").AddStatement();
    shell.AddCommand(script);
    foreach (var argument in scriptArguments) shell.AddArgument(argument);

    var console = new ConsoleRenderer();
    var output = new PSDataCollection<PSObject>();
    output.DataAdded += (_, e) => console.Object(output[e.Index]);
    shell.Streams.Error.DataAdded += (_, e) => console.Error(shell.Streams.Error[e.Index]);
    shell.Streams.Warning.DataAdded += (_, e) => console.Line("WARNING: " + shell.Streams.Warning[e.Index].Message);
    shell.Streams.Verbose.DataAdded += (_, e) => console.Line("VERBOSE: " + shell.Streams.Verbose[e.Index].Message);
    try
    {
        shell.Invoke(null, output);
        console.Flush();
        return shell.HadErrors && shell.Streams.Error.Count == 0 ? 1 : 0;
    }
    catch (RuntimeException e)
    {
        console.Flush();
        console.Error(e.ErrorRecord);
        return 1;
    }
}
finally
{
    if (emulator != null) await emulator.DisposeAsync();
}
