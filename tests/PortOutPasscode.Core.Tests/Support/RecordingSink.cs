using PortOutPasscode.Engine;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>An engine run's reports as a cmdlet would receive them, kept per stream; account-wide failures are kept too (a cmdlet would end on them).</summary>
internal sealed class RecordingSink : IRunSink
{
    internal List<object> Output { get; } = new();
    internal List<(Exception Failure, object Target)> Failures { get; } = new();
    internal List<TnOptionOrder> Accepted { get; } = new();
    internal List<RunProgress> Progress { get; } = new();
    internal List<string> Verbose { get; } = new();
    internal List<string> Warnings { get; } = new();
    internal List<object> Summaries { get; } = new();
    internal List<string> Abandoned { get; } = new();

    internal IEnumerable<T> OutputOf<T>() => Output.OfType<T>();

    /// <summary>Every text a run wrote anywhere, to look for what must never be written.</summary>
    internal string AllText() => string.Join("\n", Output.Select(o => o?.ToString())
        .Concat(Failures.Select(f => f.Failure.ToString() + " " + f.Target))
        .Concat(Progress.Select(p => p.Activity + " " + p.Status))
        .Concat(Verbose).Concat(Warnings).Concat(Summaries.Select(s => s.ToString())).Concat(Abandoned));

    void IRunSink.Output(object item) => Output.Add(item);
    void IRunSink.Failure(Exception failure, object target) => Failures.Add((failure, target));
    void IRunSink.Accepted(TnOptionOrder order) => Accepted.Add(order);
    void IRunSink.Progress(RunProgress progress) => Progress.Add(progress);
    void IRunSink.Verbose(string text) => Verbose.Add(text);
    void IRunSink.Warning(string text) => Warnings.Add(text);
    void IRunSink.Summary(object summary) => Summaries.Add(summary);
    void IRunSink.Abandoned(string message) => Abandoned.Add(message);
}
