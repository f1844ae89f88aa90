using PortOutPasscode.Client;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>A Set or Remove run of the engine, as a cmdlet drives it: rows in, Complete, every report kept in a sink.</summary>
internal static class EngineRuns
{
    internal static readonly PollSchedule FastPolls = new() { First = TimeSpan.FromMilliseconds(30), Factor = 1.5, Max = TimeSpan.FromMilliseconds(200) };

    internal static PasscodeRunSettings Settings(PasscodeChange change = PasscodeChange.Set, int batchSize = 1000, AuditTrail audit = null) =>
        new() { Change = change, BatchSize = batchSize, Audit = audit, PollSchedule = FastPolls, Timeout = TimeSpan.FromMinutes(2) };

    internal static InputRow Row(long position, string number, object passcode = null, string group = null) =>
        new(InputSource.Pipeline, position, number, passcode, number, group);

    /// <summary>Runs the rows to the end on this thread; a halted run's exception is handed back, not thrown.</summary>
    internal static (RecordingSink Sink, RunHaltedException Halt) Run(BandwidthClient client, PasscodeRunSettings settings, IEnumerable<InputRow> rows)
    {
        var sink = new RecordingSink();
        using var queue = new WorkQueue();
        using var run = new PasscodeRun(settings, client, sink, queue, ActivityScope.None);
        try
        {
            foreach (var row in rows) run.Add(row);
            run.Complete();
            return (sink, null);
        }
        catch (RunHaltedException halt)
        {
            return (sink, halt);
        }
    }
}
