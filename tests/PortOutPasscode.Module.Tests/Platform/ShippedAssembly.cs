using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>One assembly of the built module folder, read from its metadata (never loaded).</summary>
public sealed record ShippedAssembly(string Path, string Name, Version Version, string? TargetFramework, IReadOnlyList<AssemblyName> References)
{
    public static string ModuleFolder => RepoPaths.ModuleFolder;
    public static string DesktopFolder => System.IO.Path.Combine(ModuleFolder, "Desktop");
    public static string CoreFolder => System.IO.Path.Combine(ModuleFolder, "Core");

    /// <summary>The assemblies next to the cmdlets: PortOutPasscode.dll and any that load into PowerShell's context.</summary>
    public static IReadOnlyList<ShippedAssembly> InModuleFolder() => In(ModuleFolder);

    public static IReadOnlyList<ShippedAssembly> In(string folder)
    {
        Assert.True(Directory.Exists(folder), $"{folder} is missing: build src/PortOutPasscode first");
        return Directory.GetFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal).Select(Read).ToList();
    }

    /// <summary>The version an assembly reference asks for (0.0.0.0 when it names none).</summary>
    public static Version Requested(AssemblyName reference) => reference.Version ?? new Version(0, 0, 0, 0);

    public static ShippedAssembly Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var definition = metadata.GetAssemblyDefinition();
        var references = metadata.AssemblyReferences
            .Select(h => metadata.GetAssemblyReference(h))
            .Select(r => new AssemblyName { Name = metadata.GetString(r.Name), Version = r.Version })
            .ToList();
        return new ShippedAssembly(path, metadata.GetString(definition.Name), definition.Version, ReadTargetFramework(metadata, definition), references);
    }

    /// <summary>The [assembly: TargetFramework("…")] string, or null for assemblies built without one.</summary>
    private static string? ReadTargetFramework(MetadataReader metadata, AssemblyDefinition definition)
    {
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference) continue;
            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.GetString(type.Namespace) != "System.Runtime.Versioning" || metadata.GetString(type.Name) != "TargetFrameworkAttribute") continue;
            var value = metadata.GetBlobReader(attribute.Value);
            value.ReadUInt16(); // the custom attribute prolog
            return value.ReadSerializedString();
        }
        return null;
    }

    public override string ToString() => $"{System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path))}/{Name} {Version}";
}
