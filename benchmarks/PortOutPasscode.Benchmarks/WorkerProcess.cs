using System.Diagnostics;
using System.Text.Json;

namespace PortOutPasscode.Benchmarks;

/// <summary>Starts this program again as `worker KIND key=value…` in a fresh process and reads back its RESULT line.</summary>
internal static class WorkerProcess
{
    public static WorkerResult Run(string kind, IReadOnlyDictionary<string, string> environment, params (string Key, object Value)[] settings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as `dotnet PortOutPasscode.Benchmarks.dll`: the program is the first argument.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        start.ArgumentList.Add("worker");
        start.ArgumentList.Add(kind);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"{key}={value}");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        // A measurement never runs unbounded: the largest takes well under a minute on two cores.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"worker {kind} ran for more than 10 minutes");
        }
        clock.Stop();
        var line = output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(Worker.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line == null)
        {
            throw new InvalidOperationException($"worker {kind} failed (exit {process.ExitCode}):\n{output}\n{errors.Result}");
        }
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line.Substring(Worker.ResultPrefix.Length))!;
        return new WorkerResult(values, clock.Elapsed.TotalMilliseconds);
    }
}

/// <summary>What a worker reported, and how long its whole process lived as the orchestrator saw it.</summary>
internal sealed record WorkerResult(Dictionary<string, JsonElement> Values, double ProcessMs)
{
    public double Number(string name) => Values[name].GetDouble();

    public string Text(string name) => Values[name].GetString() ?? "";
}
