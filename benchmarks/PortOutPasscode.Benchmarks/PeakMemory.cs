using System.Diagnostics;

namespace PortOutPasscode.Benchmarks;

/// <summary>This process's peak resident memory: VmHWM on Linux, the peak working set elsewhere.</summary>
internal static class PeakMemory
{
    public static double Megabytes()
    {
        const string statusFile = "/proc/self/status";
        if (File.Exists(statusFile))
        {
            var line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line != null) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>Where the managed memory went, for the profile of a missed memory target.</summary>
    public static string GcBreakdown()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var generations = string.Join(" ", info.GenerationInfo.ToArray().Select((g, i) => $"gen{i}:{g.SizeAfterBytes / 1048576.0:F0}MB"));
        return $"allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; " +
               $"last GC: heap {info.HeapSizeBytes / 1048576.0:F0} MB, committed {info.TotalCommittedBytes / 1048576.0:F0} MB, {generations} (gen3 = large objects)";
    }
}
