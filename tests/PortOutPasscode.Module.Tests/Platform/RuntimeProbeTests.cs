using System.Diagnostics;
using System.Reflection;

namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>
/// The Core folder loaded for real on .NET 8 and .NET 9 (PowerShell 7.4 and 7.5's runtimes) by tests/PortOutPasscode.LoadProbe,
/// a self-contained program per runtime: the module's loader, every reference of every Core assembly through its context,
/// and an HTTP request through Microsoft.Extensions.Http. .NET 10 is this process (LoaderTests); .NET 6 is checked from
/// metadata only (AssetSetTests), as no .NET 6 runtime for this platform is to be had here.
/// </summary>
public class RuntimeProbeTests
{
    [Theory]
    [InlineData("net8.0", "8.0.")]
    [InlineData("net9.0", "9.0.")]
    public async Task The_Core_folder_loads_and_makes_a_request_on(string framework, string runtimePrefix)
    {
        var template = typeof(RuntimeProbeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LoadProbe").Value!;
        var probe = string.Format(template, framework) + (OperatingSystem.IsWindows() ? ".exe" : "");
        Assert.True(File.Exists(probe), $"{probe} is missing: build tests/PortOutPasscode.Module.Tests");

        var start = new ProcessStartInfo(probe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ShippedAssembly.ModuleFolder);
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string output;
        Task<string> errors;
        try
        {
            errors = process.StandardError.ReadToEndAsync(limit.Token);
            output = await process.StandardOutput.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true); // a hung probe never outlives the test
        }
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var report = string.Join("\n", lines.Where(l => !l.StartsWith("ok|reference|"))) + "\n" + await errors;

        Assert.True(process.ExitCode == 0, report);
        Assert.StartsWith("runtime|" + runtimePrefix, lines[0]);
        Assert.Contains(lines, l => l.StartsWith("ok|engine|" + Path.Combine(ShippedAssembly.CoreFolder, "PortOutPasscode.Core.dll")));
        Assert.Contains("ok|http|probe", lines);
        Assert.True(lines.Count(l => l.StartsWith("ok|reference|")) > 50, report);
        Assert.Equal("done|0 failed", lines[^1]);
    }
}
