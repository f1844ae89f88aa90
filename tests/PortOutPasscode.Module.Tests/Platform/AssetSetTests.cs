using System.Reflection;

namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>
/// The two asset sets of the built module folder, checked from their metadata against the runtimes the module supports:
/// Desktop (Windows PowerShell 5.1, .NET Framework 4.7.2+) and Core (PowerShell 7.2+, .NET 6, 8, 9, 10). Neither Windows
/// PowerShell nor .NET 6/8/9 runs here, so what they would do is read from the files and written-down runtime facts.
/// </summary>
public class AssetSetTests
{
    // The cmdlet assembly is compiled against PowerShellStandard.Library 5.1 (System.Management.Automation 3.0.0.0),
    // which every PowerShell 5.1 and 7 satisfies; a reference to a newer SDK would leave the older PowerShells behind.
    private static readonly Version PowerShellStandardVersion = new(3, 0, 0, 0);

    // Packages whose netstandard asset is the one they give .NET 6 on purpose (no "doesn't support" warning for it).
    private static readonly Dictionary<string, string> NetStandardOnCore = new()
    {
        ["Microsoft.Bcl.TimeProvider"] = "its netstandard2.0 asset is the TimeProvider for .NET 6 and 7 (its net8.0 one forwards to the runtime's)",
        ["Microsoft.Bcl.AsyncInterfaces"] = "its netstandard2.1 asset forwards to the runtime's own IAsyncDisposable and IAsyncEnumerable",
    };

    public static TheoryData<string> NetRuntimes => new(RuntimeFacts.NetRuntimes);

    [Theory]
    [MemberData(nameof(NetRuntimes))]
    public void Every_reference_of_the_Core_set_is_met_by_the_runtime_or_a_shipped_copy_as_new(string runtime)
    {
        // The private load context takes the module's copy when the runtime's is older (or absent).
        var problems = UnmetReferences(ShippedAssembly.CoreFolder, runtime, name => RuntimeFacts.NetRuntimeVersion(runtime, name),
            isExempt: (_, _) => false);
        Assert.True(problems.Count == 0, $"On {runtime}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_reference_of_the_Desktop_set_is_met_by_NET_Framework_472_or_a_shipped_copy_as_new()
    {
        // AssemblyResolve answers the module's own requests with its copy when that is at least as new.
        var problems = UnmetReferences(ShippedAssembly.DesktopFolder, ".NET Framework 4.7.2",
            name => RuntimeFacts.NetFramework472.TryGetValue(name, out var version) ? version : null,
            // PrivateLoadContext's only reference; DependencyLoader never reaches it on .NET Framework (NoInlining).
            isExempt: (assembly, reference) => assembly.Name == "PortOutPasscode" && reference.Name == "System.Runtime.Loader");
        Assert.True(problems.Count == 0, string.Join("\n", problems) +
            "\n(a .NET Framework assembly missing from RuntimeFacts.NetFramework472 goes there, with its reference-assembly version)");
    }

    /// <summary>
    /// Every reference of an edition folder's assemblies and of those next to the cmdlets that neither the runtime
    /// (its version of the name, or null) nor a shipped copy meets with at least the version asked for.
    /// </summary>
    private static List<string> UnmetReferences(string editionFolder, string runtime, Func<string, Version?> runtimeVersion,
        Func<ShippedAssembly, AssemblyName, bool> isExempt)
    {
        var shipped = ShippedAssembly.In(editionFolder).Concat(ShippedAssembly.InModuleFolder()).ToList();
        var problems = new List<string>();
        foreach (var assembly in shipped)
        {
            foreach (var reference in assembly.References.Where(r => !isExempt(assembly, r)))
            {
                var requested = ShippedAssembly.Requested(reference);
                if (reference.Name == "System.Management.Automation")
                {
                    if (requested > PowerShellStandardVersion) problems.Add($"{assembly} references System.Management.Automation {requested}: newer than PowerShellStandard.Library's {PowerShellStandardVersion}");
                    continue;
                }
                var inRuntime = runtimeVersion(reference.Name!);
                if (inRuntime != null && inRuntime >= requested) continue;
                var copy = shipped.FirstOrDefault(s => string.Equals(s.Name, reference.Name, StringComparison.OrdinalIgnoreCase));
                if (copy != null && copy.Version >= requested) continue;
                problems.Add($"{assembly} references {reference.Name} {requested}: {runtime} has {inRuntime?.ToString() ?? "none"}, the module ships {copy?.Version.ToString() ?? "none"}");
            }
        }
        return problems;
    }

    [Fact]
    public void Every_Desktop_assembly_is_built_for_NET_Framework_no_newer_than_the_manifest_requires()
    {
        var required = Version.Parse((string)ManifestTests.ReadManifest()["DotNetFrameworkVersion"]!);
        var desktop = ShippedAssembly.In(ShippedAssembly.DesktopFolder);
        var problems = new List<string>();
        foreach (var assembly in desktop)
        {
            if (assembly.TargetFramework == null)
            {
                // Built before the attribute existed (System.Memory 4.5's net461 asset and its kin): the core library it
                // was compiled against tells the framework instead.
                var cores = assembly.References.Select(r => r.Name).Where(n => n is "mscorlib" or "netstandard" or "System.Runtime").ToList();
                if (!cores.SequenceEqual(new[] { "mscorlib" })) problems.Add($"{assembly}: no TargetFrameworkAttribute, and built against {string.Join(", ", cores)} rather than mscorlib alone");
                continue;
            }
            const string prefix = ".NETFramework,Version=v";
            if (!assembly.TargetFramework.StartsWith(prefix, StringComparison.Ordinal))
            {
                problems.Add($"{assembly}: built for {assembly.TargetFramework}, not for .NET Framework");
            }
            else if (Version.Parse(assembly.TargetFramework[prefix.Length..]) > required)
            {
                problems.Add($"{assembly}: built for {assembly.TargetFramework}, newer than the manifest's DotNetFrameworkVersion {required}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(desktop, a => a.Name == "PortOutPasscode.Core" && a.TargetFramework == ".NETFramework,Version=v4.7.2");

    }

    [Fact]
    public void Every_Core_assembly_is_built_for_NET_6_or_is_a_netstandard_asset_its_package_means_for_NET_6()
    {
        var core = ShippedAssembly.In(ShippedAssembly.CoreFolder);
        var problems = new List<string>();
        foreach (var assembly in core)
        {
            var framework = assembly.TargetFramework ?? "(none)";
            if (framework.StartsWith(".NETCoreApp,Version=v", StringComparison.Ordinal))
            {
                var version = Version.Parse(framework[".NETCoreApp,Version=v".Length..]);
                if (version > new Version(6, 0)) problems.Add($"{assembly}: built for {framework}, which .NET 6 (PowerShell 7.2) cannot load");
            }
            else if (!(framework.StartsWith(".NETStandard,", StringComparison.Ordinal) && NetStandardOnCore.ContainsKey(assembly.Name)))
            {
                // A package with no .NET 6 asset of its own gives .NET 6 its netstandard one and declares itself unsupported
                // there (Microsoft.Extensions.* 9.0 and later: "doesn't support net6.0 and has not been tested with it").
                problems.Add($"{assembly}: built for {framework}; its package has no asset for .NET 6");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(core, a => a.Name == "PortOutPasscode.Core" && a.TargetFramework == ".NETCoreApp,Version=v6.0");

    }

    [Fact]
    public void The_cmdlet_assembly_next_to_the_manifest_is_netstandard20_so_both_editions_load_the_same_file()
    {
        var cmdlets = Assert.Single(ShippedAssembly.InModuleFolder(), a => a.Name == "PortOutPasscode");
        Assert.Equal(".NETStandard,Version=v2.0", cmdlets.TargetFramework);
        Assert.Equal("netstandard", Assert.Single(cmdlets.References, r => r.Name is "mscorlib" or "netstandard" or "System.Runtime").Name);
    }
}
