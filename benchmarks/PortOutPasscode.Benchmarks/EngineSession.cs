using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PortOutPasscode.Hosting;

namespace PortOutPasscode.Benchmarks;

/// <summary>The hosted engine inside a worker process: one runspace, commands timed end to end.</summary>
internal sealed class EngineSession : IDisposable
{
    private readonly Runspace _runspace = HostedEngine.OpenRunspace();

    public void Import(string manifest) => Run(shell => shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop"));

    /// <summary>Connect-BwAccount with no parameters: the BW_* variables the orchestrator set for this process.</summary>
    public void Connect() => Run(shell => shell.AddCommand("Connect-BwAccount"));

    /// <summary>
    /// Runs a pipeline and returns how long it took and how many objects it output. Output is counted and let go,
    /// so the harness itself never holds what the command wrote. Any error fails the measurement.
    /// </summary>
    public Timed Run(Action<PowerShell> build, IEnumerable? input = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        build(shell);
        var inputCollection = new PSDataCollection<object>();
        if (input != null)
        {
            foreach (var item in input) inputCollection.Add(item);
        }
        inputCollection.Complete();
        // Every timed run starts from a collected heap, so none pays for the garbage of building its input or of the run
        // before it: the no-op floor, timed first, was paying a full collection of the rows (a ratio below 1).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var output = new CountingOutput();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        shell.Invoke(inputCollection, output.Collection);
        clock.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var allocatedMB = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0;
        var gc = new GcCost((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds, GC.CollectionCount(0) - collectionsBefore);
        if (shell.Streams.Error.Count > 0)
        {
            var first = shell.Streams.Error[0];
            throw new InvalidOperationException($"The measured command wrote {shell.Streams.Error.Count} error(s); the first: [{first.FullyQualifiedErrorId}] {first.Exception.Message}");
        }
        return new Timed(clock.Elapsed.TotalMilliseconds, output.Count, cpu, allocatedMB, gc);
    }

    public void Dispose() => _runspace.Dispose();

    /// <summary>An output collection that counts what arrives and drops it.</summary>
    private sealed class CountingOutput
    {
        public CountingOutput()
        {
            Collection.DataAdded += (_, _) =>
            {
                Count++;
                Collection.Clear();
            };
        }

        public PSDataCollection<PSObject> Collection { get; } = new();

        public int Count { get; private set; }
    }
}

/// <summary>A timed run: wall time, objects output, CPU time of the whole process (every thread) and bytes allocated meanwhile.</summary>
internal readonly record struct Timed(double Milliseconds, int Outputs, double CpuMilliseconds, double AllocatedMB, GcCost Gc);

/// <summary>The time every thread stood still for the GC during a run, and how many collections there were (gen0 and up).</summary>
internal readonly record struct GcCost(double PauseMilliseconds, int Collections);
