namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>Where things are, found from the test binaries up to the folder that holds PortOutPasscode.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleFolder => Path.Combine(Root, "out", "PortOutPasscode");

    public static string ModuleManifest => Path.Combine(ModuleFolder, "PortOutPasscode.psd1");

    /// <summary>Bandwidth's published XML, beside the checkout (../shared), read in place.</summary>
    public static string Fixtures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "bandwidth"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortOutPasscode.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PortOutPasscode.sln not found above " + AppContext.BaseDirectory);
    }
}
