using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace PortOutPasscode.TestSupport;

/// <summary>
/// The project's Bandwidth emulator in its own process on a free loopback port, started as a user would
/// start it, with its admin API (<see cref="EmulatorAdmin"/>).
/// </summary>
public sealed class EmulatorProcess : EmulatorAdmin
{
    private const string ListeningLine = "Bandwidth API emulator listening on ";
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseUri, Uri rootUri) : base(rootUri)
    {
        _process = process;
        BaseUri = baseUri;
        RootUri = rootUri;
    }

    /// <summary>The API base the module connects to (…/api).</summary>
    public Uri BaseUri { get; }

    public Uri RootUri { get; }

    public static EmulatorProcess Start(params string[] arguments)
    {
        var assembly = typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EmulatorAssembly").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = process.StandardOutput.ReadLine();
            if (line == null) break;
            output.AppendLine(line);
            if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
            {
                // Keep draining its output so the emulator never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                var baseUri = new Uri(line.Substring(ListeningLine.Length).Trim());
                return new EmulatorProcess(process, baseUri, new Uri(baseUri.GetLeftPart(UriPartial.Authority)));
            }
        }
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        throw new InvalidOperationException("The emulator did not start:\n" + output + process.StandardError.ReadToEnd());
    }

    public override void Dispose()
    {
        base.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
