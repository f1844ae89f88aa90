namespace PortOutPasscode.Host;

/// <summary>The built module folder of this checkout (out/PortOutPasscode), or the one BW_MODULE_PATH names.</summary>
internal static class RepoModule
{
    internal static string Manifest
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("BW_MODULE_PATH");
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var manifest = Path.Combine(dir.FullName, "out", "PortOutPasscode", "PortOutPasscode.psd1");
                if (File.Exists(manifest)) return manifest;
            }
            throw new InvalidOperationException("out/PortOutPasscode not found: run 'dotnet build' first, or set BW_MODULE_PATH.");
        }
    }
}
