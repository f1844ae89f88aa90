using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>
/// The module's two loaders. The Windows PowerShell 5.1 one (AssemblyResolve) cannot run here, so its decision is driven
/// directly with real requesting assemblies; the PowerShell 7 one also runs for real in the hosted engine.
/// </summary>
public class LoaderTests
{
    [Fact]
    public void On_Windows_PowerShell_the_module_answers_its_own_assemblies_requests_with_a_copy_at_least_as_new()
    {
        using var loader = new ShippedLoader(ShippedAssembly.ModuleFolder);
        var assemblies = loader.Assemblies(ShippedAssembly.ModuleFolder, "Desktop");
        var requesters = new AssemblyLoadContext("own-requester", isCollectible: true);
        try
        {
            var ownLogging = requesters.LoadFromAssemblyPath(Path.Combine(ShippedAssembly.DesktopFolder, "Microsoft.Extensions.Logging.dll"));
            var desktop = (string name) => Path.Combine(ShippedAssembly.DesktopFolder, name + ".dll");

            Assert.Equal(desktop("Microsoft.Extensions.DependencyInjection.Abstractions"),
                assemblies.ResolveFor(ownLogging, "Microsoft.Extensions.DependencyInjection.Abstractions, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60"));
            // System.Memory 4.5 asks for Unsafe 4.0.4.1; the module ships 6.0.0.0: the binding redirect 5.1 has no config file for.
            Assert.Equal(desktop("System.Runtime.CompilerServices.Unsafe"),
                assemblies.ResolveFor(ownLogging, "System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"));
            // The cmdlet assembly next to the manifest asks for the engine.
            var cmdlets = requesters.LoadFromAssemblyPath(Path.Combine(ShippedAssembly.ModuleFolder, "PortOutPasscode.dll"));
            var engine = cmdlets.GetReferencedAssemblies().Single(r => r.Name == "PortOutPasscode.Core");
            Assert.Equal(desktop("PortOutPasscode.Core"), assemblies.ResolveFor(cmdlets, engine.FullName));

            // Never a lower version than asked for: that would be a MissingMethodException later.
            Assert.Null(assemblies.ResolveFor(ownLogging, "Microsoft.Extensions.Http, Version=9.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60"));
            Assert.Null(assemblies.ResolveFor(ownLogging, "Newtonsoft.Json, Version=13.0.0.0"));
        }
        finally
        {
            requesters.Unload();
        }
    }

    [Fact]
    public void On_Windows_PowerShell_another_modules_request_never_gets_the_modules_copy()
    {
        using var loader = new ShippedLoader(ShippedAssembly.ModuleFolder);
        var assemblies = loader.Assemblies(ShippedAssembly.ModuleFolder, "Desktop");
        // Another module (Az.Accounts, say) with its own copy of a Microsoft.Extensions assembly, in its own folder.
        var otherModule = Directory.CreateTempSubdirectory("other-module-").FullName;
        var others = new AssemblyLoadContext("other-requester", isCollectible: true);
        try
        {
            var theirCopy = Path.Combine(otherModule, "Microsoft.Extensions.Logging.dll");
            File.Copy(Path.Combine(ShippedAssembly.DesktopFolder, "Microsoft.Extensions.Logging.dll"), theirCopy);
            var theirLogging = others.LoadFromAssemblyPath(theirCopy);
            const string http = "Microsoft.Extensions.Http, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";

            Assert.Null(assemblies.ResolveFor(theirLogging, http));
            Assert.Null(assemblies.ResolveFor(typeof(PSObject).Assembly, http));   // PowerShell itself
            Assert.Null(assemblies.ResolveFor(null, http));                       // Assembly.Load from a script: no requester
        }
        finally
        {
            others.Unload();
            Directory.Delete(otherModule, recursive: true);
        }
    }

    [Fact]
    public void On_PowerShell_7_a_request_newer_than_the_runtimes_copy_gets_the_modules_copy_and_an_older_one_shares_the_runtimes()
    {
        // The issue's case on this runtime: System.Diagnostics.DiagnosticSource 11.0.0.0 asked for on .NET 10 (10.0.0.0),
        // the module shipping 11.0. The module folder is a copy with that file in Core/.
        var newer = typeof(LoaderTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DiagnosticSource11").Value!;
        var module = CopyOfModuleFolder();
        try
        {
            File.Copy(newer, Path.Combine(module, "Core", "System.Diagnostics.DiagnosticSource.dll"), overwrite: true);
            using var loader = new ShippedLoader(module);
            var runtime = RuntimeEnvironment.GetRuntimeDirectory();
            Assert.Equal(10, Environment.Version.Major);

            var context = loader.PrivateContext(loader.Assemblies(module, "Core"), runtime);
            var diagnostics = context.LoadFromAssemblyName(new AssemblyName("System.Diagnostics.DiagnosticSource, Version=11.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
            Assert.Equal(11, diagnostics.GetName().Version!.Major);
            Assert.Same(context, AssemblyLoadContext.GetLoadContext(diagnostics));
            Assert.Equal(Path.Combine(module, "Core", "System.Diagnostics.DiagnosticSource.dll"), diagnostics.Location);

            // As new as the runtime's or older: the runtime's copy, shared with PowerShell (one set of Activity types).
            var sharing = loader.PrivateContext(loader.Assemblies(module, "Core"), runtime);
            var shared = sharing.LoadFromAssemblyName(new AssemblyName("System.Diagnostics.DiagnosticSource, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(shared));

            // Not in the runtime at all: the module's copy.
            var http = sharing.LoadFromAssemblyName(new AssemblyName("Microsoft.Extensions.Http, Version=8.0.0.0"));
            Assert.Same(sharing, AssemblyLoadContext.GetLoadContext(http));
        }
        finally
        {
            TryDelete(module);
        }
    }

    [Fact]
    public void In_PowerShell_7_every_reference_of_every_engine_assembly_loads_through_the_modules_context_at_least_as_new()
    {
        // What a code path would hit the first time it touches each dependency, asked for all at once.
        using var session = new PowerShellSession();
        var result = session.Run(@"
$core = [System.Reflection.Assembly]::Load('PortOutPasscode.Core')
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)
'engine|{0}' -f $core.Location
$folder = [System.IO.Path]::GetDirectoryName($core.Location)
foreach ($file in [System.IO.Directory]::GetFiles($folder, '*.dll')) {
    $assembly = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::GetAssemblyName($file))
    foreach ($reference in $assembly.GetReferencedAssemblies()) {
        try {
            $loaded = $context.LoadFromAssemblyName($reference)
            $where = if ([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($loaded) -eq $context) { 'module' } else { 'shared' }
            'ok|{0}|{1}|{2}|{3}|{4}' -f $assembly.GetName().Name, $reference.Name, $reference.Version, $loaded.GetName().Version, $where
        } catch {
            'failed|{0}|{1}|{2}|{3}' -f $assembly.GetName().Name, $reference.Name, $reference.Version, $_.Exception.InnerException.Message
        }
    }
}").AssertNoErrors();
        var lines = result.Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal("engine|" + Path.Combine(ShippedAssembly.CoreFolder, "PortOutPasscode.Core.dll"), lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("failed|"));
        var loads = lines.Where(l => l.StartsWith("ok|")).Select(l => l.Split('|')).ToList();
        Assert.True(loads.Count > 50, $"only {loads.Count} references");
        Assert.All(loads, l => Assert.True(Version.Parse(l[4]) >= Version.Parse(l[3]), string.Join("|", l)));
        // Microsoft.Extensions.* from the module; the runtime's own assemblies shared.
        Assert.Contains(loads, l => l[2] == "Microsoft.Extensions.DependencyInjection.Abstractions" && l[5] == "module");
        Assert.Contains(loads, l => l[2] == "System.Runtime" && l[5] == "shared");
        Assert.Contains(loads, l => l[2] == "System.Diagnostics.DiagnosticSource" && l[5] == "shared");
    }

    [Fact]
    public void PowerShell_7_0_and_7_1_are_refused_at_import_with_what_to_do_and_7_2_on_and_Windows_PowerShell_are_not()
    {
        using var loader = new ShippedLoader(ShippedAssembly.ModuleFolder);
        foreach (var old in new[] { new Version(3, 1, 32), new Version(5, 0, 17) })
        {
            var message = loader.UnsupportedRuntimeMessage(false, old);
            Assert.NotNull(message);
            Assert.Contains("PowerShell 7.2 or later", message);
            Assert.Contains($".NET {old.Major}.{old.Minor}", message);
        }
        foreach (var supported in new[] { new Version(6, 0, 36), new Version(8, 0, 31), new Version(9, 0, 20), new Version(10, 0, 12) })
        {
            Assert.Null(loader.UnsupportedRuntimeMessage(false, supported));
        }
        Assert.Null(loader.UnsupportedRuntimeMessage(true, new Version(4, 0, 30319, 42000)));
        // The reference checks (AssetSetTests) start from the same oldest runtime.
        Assert.Equal("net" + loader.OldestNetRuntime.ToString(2), RuntimeFacts.NetRuntimes[0]);
    }

    private static string CopyOfModuleFolder()
    {
        var copy = Directory.CreateTempSubdirectory("module-copy-").FullName;
        File.Copy(Path.Combine(ShippedAssembly.ModuleFolder, "PortOutPasscode.dll"), Path.Combine(copy, "PortOutPasscode.dll"));
        Directory.CreateDirectory(Path.Combine(copy, "Core"));
        foreach (var file in Directory.GetFiles(ShippedAssembly.CoreFolder)) File.Copy(file, Path.Combine(copy, "Core", Path.GetFileName(file)));
        return copy;
    }

    // Files loaded into a non-collectible context stay open on Windows: the temporary copy may outlive the test there.
    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (UnauthorizedAccessException) { } catch (IOException) { }
    }
}
