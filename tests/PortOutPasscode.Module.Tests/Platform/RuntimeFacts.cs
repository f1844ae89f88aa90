namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>
/// Assembly versions of the runtimes the module supports, written down as facts (RuntimeAssemblies.txt for .NET;
/// the list below for .NET Framework), so the asset checks need no runtime but the one running the tests.
/// </summary>
public static class RuntimeFacts
{
    /// <summary>The .NET runtimes of the PowerShell 7 releases the module supports: 7.2 (.NET 6), 7.4 (.NET 8), 7.5 (.NET 9).</summary>
    public static readonly string[] NetRuntimes = { "net6.0", "net8.0", "net9.0" };

    /// <summary>
    /// What .NET Framework 4.7.2 itself provides, for the names the Desktop assets reference: the versions of
    /// Microsoft.NETFramework.ReferenceAssemblies.net472 1.0.3, up to which the framework's binder unifies a reference
    /// (System.Net.Http 4.2.0.0 is the 4.7.2 reference version of the inbox 4.0.0.0).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Version> NetFramework472 = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
    {
        ["mscorlib"] = new(4, 0, 0, 0),
        ["netstandard"] = new(2, 0, 0, 0),
        ["Microsoft.CSharp"] = new(4, 0, 0, 0),
        ["System"] = new(4, 0, 0, 0),
        ["System.ComponentModel.DataAnnotations"] = new(4, 0, 0, 0),
        ["System.Core"] = new(4, 0, 0, 0),
        ["System.Data"] = new(4, 0, 0, 0),
        ["System.Net.Http"] = new(4, 2, 0, 0),
        ["System.Numerics"] = new(4, 0, 0, 0),
        ["System.Runtime.Serialization"] = new(4, 0, 0, 0),
        ["System.Xml"] = new(4, 0, 0, 0),
        ["System.Xml.Linq"] = new(4, 0, 0, 0),
    };

    private static readonly Lazy<Dictionary<string, Dictionary<string, Version>>> Net = new(ReadNetRuntimes);

    /// <summary>The assembly version a .NET runtime has of an assembly, or null when the runtime has none.</summary>
    public static Version? NetRuntimeVersion(string runtime, string assembly) =>
        Net.Value[runtime].TryGetValue(assembly, out var version) ? version : null;

    private static Dictionary<string, Dictionary<string, Version>> ReadNetRuntimes()
    {
        var runtimes = NetRuntimes.ToDictionary(r => r, _ => new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase));
        var path = Path.Combine(AppContext.BaseDirectory, "Platform", "RuntimeAssemblies.txt");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(fields.Length == NetRuntimes.Length + 1, $"RuntimeAssemblies.txt: bad line '{line}'");
            for (var i = 0; i < NetRuntimes.Length; i++)
            {
                if (fields[i + 1] != "-") runtimes[NetRuntimes[i]][fields[0]] = Version.Parse(fields[i + 1]);
            }
        }
        return runtimes;
    }
}
