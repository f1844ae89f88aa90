namespace PortOutPasscode.Hosting;

/// <summary>The built module folders of this checkout (out/PortOutPasscode, out/NoOpModule), or the one BW_MODULE_PATH names.</summary>
public static class RepoModule
{
    /// <summary>The module's manifest: BW_MODULE_PATH when set, else out/PortOutPasscode/PortOutPasscode.psd1.</summary>
    public static string Manifest
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("BW_MODULE_PATH");
            return string.IsNullOrEmpty(overridden) ? ManifestOf("PortOutPasscode") : overridden;
        }
    }

    /// <summary>The checkout the built module folder belongs to (out/PortOutPasscode is two levels below it).</summary>
    public static string CheckoutRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ManifestOf("PortOutPasscode"))!, "..", ".."));

    /// <summary>out/{name}/{name}.psd1, found from the program's folder upwards.</summary>
    public static string ManifestOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var manifest = Path.Combine(dir.FullName, "out", name, name + ".psd1");
            if (File.Exists(manifest)) return manifest;
        }
        throw new InvalidOperationException($"out/{name} not found: run 'dotnet build' first, or set BW_MODULE_PATH.");
    }
}
