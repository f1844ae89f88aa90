using System.Reflection;
using System.Runtime.Loader;
using PortOutPasscode.Hosting;

namespace PortOutPasscode.Benchmarks;

/// <summary>
/// What the duplicate check of a run (the engine's SeenNumbers) costs per number, measured on its own: the managed heap
/// after a full collection, before and after N numbers went in, with the set still alive. The engine's assembly is the
/// built module's own (out/PortOutPasscode/Core), loaded in a context of its own; SeenNumbers is internal, so it is
/// reached by reflection, outside the measured span.
/// </summary>
internal static class DuplicateCheck
{
    private delegate bool TryAdd(long number, int passcodeIndex, long rowKey, out int earlierPasscode, out long earlierRow);

    /// <param name="count">Numbers to add: consecutive on-net numbers, as a file of a number block would give them.</param>
    /// <param name="passcodes">1: one passcode for every row (-Passcode); 2 or more: rows alternate between that many.</param>
    public static Dictionary<string, object> Measure(int count, int passcodes)
    {
        var core = Path.Combine(Path.GetDirectoryName(RepoModule.Manifest)!, "Core", "PortOutPasscode.Core.dll");
        var context = new AssemblyLoadContext("duplicate-check", isCollectible: false);
        var type = context.LoadFromAssemblyPath(core).GetType("PortOutPasscode.Engine.SeenNumbers", throwOnError: true)!;
        var seen = Activator.CreateInstance(type, nonPublic: true)!;
        var add = type.GetMethod("TryAdd", BindingFlags.Instance | BindingFlags.NonPublic)!.CreateDelegate<TryAdd>(seen);
        add(NumberPlan.First - 1, 0, 1, out _, out _); // JIT outside the span (a number below the ones measured)
        var countOf = (Func<long>)type.GetProperty("Count", BindingFlags.Instance | BindingFlags.NonPublic)!.GetMethod!.CreateDelegate(typeof(Func<long>), seen);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            // The row key of line i + 2 of the first -Path file (the header is line 1).
            if (!add(NumberPlan.First + i, passcodes > 1 ? i % passcodes : 0, i + 2, out _, out _))
            {
                throw new InvalidOperationException($"{NumberPlan.First + i} was taken for a repeat.");
            }
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(seen);
        if (countOf() != count + 1) throw new InvalidOperationException($"The set holds {countOf()} numbers, not {count + 1}.");
        return new()
        {
            ["bytesPerNumber"] = (double)(after - before) / count,
            ["totalMB"] = (after - before) / 1048576.0,
        };
    }
}
