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
}
