using PortOutPasscode.Emulator;
using PortOutPasscode.Emulator.Hosting;

// dotnet run --project src/PortOutPasscode.Emulator -- [--port N] [--host 127.0.0.1] [--allow-remote] [--Emulator:Key=value …]
CommandLineSettings settings;
try
{
    settings = CommandLineSettings.Parse(args);
}
catch (EmulatorConfigurationException e)
{
    Console.Error.WriteLine("Bandwidth API emulator: " + e.Message);
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}
if (settings.ShowHelp)
{
    Console.WriteLine(CommandLineSettings.Usage);
    return 0;
}

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(settings.Options);
}
catch (EmulatorConfigurationException e)
{
    Console.Error.WriteLine("Bandwidth API emulator: " + e.Message);
    return 2;
}
catch (IOException e)
{
    Console.Error.WriteLine($"Bandwidth API emulator: cannot listen on {settings.Options.Host}:{settings.Options.Port}: {e.Message} Pick another port with --port, or --port 0 for a free one.");
    return 1;
}

await using (server)
{
    // The first line is the contract other tools wait for (docs/EMULATOR-ADMIN.md); the rest is for people.
    foreach (var line in StartBanner.Lines(server, settings.Options)) Console.WriteLine(line);

    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.TrySetResult();
    };
    using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
        System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
    await Task.WhenAny(stop.Task, server.WaitForShutdownAsync());
}
return 0;
