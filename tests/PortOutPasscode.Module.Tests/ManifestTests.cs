using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

public class ManifestTests
{
    private static readonly string[] ExpectedCmdlets =
    {
        "Connect-BwAccount", "Disconnect-BwAccount", "Get-BwConnection", "Get-BwPortOut", "Get-BwPortOutPasscode",
        "Get-BwSubscription", "Get-BwTnOptionOrder", "Get-BwTnOptionOrderHistory", "New-BwPortOutPasscode", "New-BwSubscription",
        "Remove-BwPortOutPasscode", "Remove-BwSubscription", "Set-BwPortOutPasscode", "Sync-BwPortOutPasscode",
        "Test-BwPortOutProtection", "Wait-BwTnOptionOrder",
    };

    [Fact]
    public void Manifest_passes_Test_ModuleManifest()
    {
        using var session = new PowerShellSession(importModule: false);
        var result = session.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest).AssertNoErrors();
        var info = (PSModuleInfo)Assert.Single(result.Output).BaseObject;
        Assert.Equal("PortOutPasscode", info.Name);
        Assert.Equal(new Version(5, 1), info.PowerShellVersion);
        Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));
    }

    [Fact]
    public void Manifest_carries_gallery_metadata_and_explicit_export_lists()
    {
        var manifest = ReadManifest();
        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        var tags = ((object[])psData["Tags"]!).Cast<string>().ToList();
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
        Assert.Contains("Windows", tags);
        Assert.Contains("Linux", tags);
        Assert.Contains("MacOS", tags);
        Assert.StartsWith("https://", (string)psData["ProjectUri"]!);
        Assert.StartsWith("https://", (string)psData["LicenseUri"]!);
        Assert.Equal("5.1", manifest["PowerShellVersion"]);

        var cmdlets = ((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(c => c).ToArray();
        Assert.Equal(ExpectedCmdlets, cmdlets);
        foreach (var key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
        {
            Assert.Empty((object[])manifest[key]!);
        }
        Assert.DoesNotContain(cmdlets, c => c.Contains('*'));
    }

    [Fact]
    public void Built_module_exports_exactly_the_manifest_cmdlets()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Get-Command -Module PortOutPasscode").AssertNoErrors();
        var names = result.Output.Select(c => ((CommandInfo)c.BaseObject).Name).OrderBy(n => n).ToArray();
        Assert.Equal(ExpectedCmdlets, names);
        Assert.All(result.Output, c => Assert.Equal(CommandTypes.Cmdlet, ((CommandInfo)c.BaseObject).CommandType));
    }

    [Fact]
    public void Every_cmdlet_that_writes_objects_declares_the_module_types_it_writes()
    {
        using var session = new PowerShellSession();
        var result = session.Run(@"
Get-Command -Module PortOutPasscode | ForEach-Object {
    '{0}={1}' -f $_.Name, (($_.OutputType | ForEach-Object { $_.Name }) -join ',')
}").AssertNoErrors();
        var declared = result.Output.Select(o => ((string)o.BaseObject).Split('='))
            .ToDictionary(p => p[0], p => p[1].Split(',', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(ExpectedCmdlets, declared.Keys.OrderBy(k => k));
        Assert.Equal(new[] { "PortOutPasscode.BwConnection" }, declared["Connect-BwAccount"]);
        Assert.Equal(new[] { "PortOutPasscode.PortOutPasscodeInfo" }, declared["Get-BwPortOutPasscode"]);
        Assert.Equal(new[] { "PortOutPasscode.OrderHistoryEntry" }, declared["Get-BwTnOptionOrderHistory"]);
        Assert.Equal(new[] { "PortOutPasscode.TnOptionOrder", "PortOutPasscode.TnOptionOrderSummary" }, declared["Get-BwTnOptionOrder"].OrderBy(n => n));
        Assert.Equal(new[] { "PortOutPasscode.BwPortOut" }, declared["Get-BwPortOut"]);
        Assert.Equal(new[] { "System.Security.SecureString", "System.String" }, declared["New-BwPortOutPasscode"].OrderBy(n => n));
        Assert.Equal(new[] { "PortOutPasscode.BwSubscription" }, declared["Get-BwSubscription"]);
        Assert.Equal(new[] { "PortOutPasscode.BwSubscription" }, declared["New-BwSubscription"]);
        Assert.Empty(declared["Remove-BwSubscription"]);
        Assert.Equal(new[] { "PortOutPasscode.ProtectionStatus", "System.Boolean" }, declared["Test-BwPortOutProtection"].OrderBy(n => n));
        Assert.Equal(new[] { "PortOutPasscode.PortOutPasscodeAssignment", "PortOutPasscode.TnOptionOrder" }, declared["Set-BwPortOutPasscode"].OrderBy(n => n));
        foreach (var writesOrders in new[] { "Remove-BwPortOutPasscode", "Sync-BwPortOutPasscode", "Wait-BwTnOptionOrder" })
        {
            Assert.Equal(new[] { "PortOutPasscode.TnOptionOrder" }, declared[writesOrders]);
        }
    }

    [Fact]
    public void Module_version_is_the_manifest_version_stamped_into_the_assembly()
    {
        var manifestVersion = (string)ReadManifest()["ModuleVersion"]!;
        var assembly = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(RepoPaths.ModuleFolder, "PortOutPasscode.dll"));
        Assert.Equal(Version.Parse(manifestVersion), new Version(assembly.Version!.Major, assembly.Version.Minor, assembly.Version.Build));
    }

    [Fact]
    public void Module_folder_holds_exactly_the_allow_listed_files()
    {
        var root = RepoPaths.ModuleFolder;
        var topLevel = Directory.GetFiles(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        // LICENSE and the third-party notices travel in the folder, so that every package made from it carries them.
        Assert.Equal(new[] { "LICENSE", "PortOutPasscode.Model.dll", "PortOutPasscode.dll", "PortOutPasscode.format.ps1xml", "PortOutPasscode.psd1", "PortOutPasscode.types.ps1xml", "THIRD-PARTY-NOTICES.txt" }, topLevel);
        Assert.True(File.Exists(Path.Combine(root, "en-US", "PortOutPasscode.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(root, "en-US", "about_PortOutPasscode.help.txt")));
        Assert.Equal(new[] { "Core", "Desktop", "en-US" }, Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var edition in new[] { "Desktop", "Core" })
        {
            var files = Directory.GetFiles(Path.Combine(root, edition)).Select(Path.GetFileName).ToArray();
            Assert.Contains("PortOutPasscode.Core.dll", files);
            Assert.Contains("Microsoft.Extensions.Http.dll", files);
            Assert.All(files, name => Assert.EndsWith(".dll", name));
            Assert.DoesNotContain("System.Management.Automation.dll", files);
            Assert.DoesNotContain("PortOutPasscode.dll", files);
        }
        // .NET Framework lacks these; every .NET from 6 on has them, so Core does not ship them.
        var desktopOnly = new[] { "System.Memory.dll", "System.Buffers.dll", "System.Threading.Tasks.Extensions.dll" };
        Assert.All(desktopOnly, name => Assert.True(File.Exists(Path.Combine(root, "Desktop", name)), name));
        Assert.All(desktopOnly, name => Assert.False(File.Exists(Path.Combine(root, "Core", name)), name));
        // Microsoft.CSharp is part of both .NET Framework and .NET: neither set carries a copy.
        Assert.False(File.Exists(Path.Combine(root, "Desktop", "Microsoft.CSharp.dll")));
        Assert.False(File.Exists(Path.Combine(root, "Core", "Microsoft.CSharp.dll")));
    }

    [Fact]
    public void Cmdlet_assembly_references_nothing_but_PowerShell_and_the_engine()
    {
        // Any other reference would load into PowerShell's shared context and defeat the isolation; the model assembly
        // is there on purpose (its types are the ones scripts name) and references nothing.
        using var stream = File.OpenRead(Path.Combine(RepoPaths.ModuleFolder, "PortOutPasscode.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var references = metadata.AssemblyReferences
            .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "netstandard", "PortOutPasscode.Core", "PortOutPasscode.Model", "System.Management.Automation", "System.Runtime.Loader" }, references);
    }

    [Fact]
    public void Model_assembly_references_nothing_but_the_framework()
    {
        // It loads into PowerShell's own context: a dependency of its own would be shared with every other module.
        using var stream = File.OpenRead(Path.Combine(RepoPaths.ModuleFolder, "PortOutPasscode.Model.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
        Assert.Equal(new[] { "netstandard" }, references);
    }

    [Fact]
    public void Every_ps1_in_the_repository_parses()
    {
        var scripts = Directory.EnumerateFiles(RepoPaths.Root, "*.ps1", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !p.Contains("node_modules"))
            .ToList();
        Assert.Contains(scripts, p => Path.GetFileName(p) == "build.ps1");
        foreach (var script in scripts)
        {
            Parser.ParseFile(script, out _, out var errors);
            Assert.True(errors.Length == 0,
                $"{Path.GetRelativePath(RepoPaths.Root, script)}: " + string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
        }
    }

    internal static Hashtable ReadManifest()
    {
        var ast = Parser.ParseFile(Path.Combine(RepoPaths.Root, "PortOutPasscode.psd1"), out _, out var errors);
        Assert.Empty(errors);
        var hashtable = (HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!;
        return (Hashtable)hashtable.SafeGetValue();
    }
}
