using System.Text;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>The shared Bandwidth fixtures, read where they are: ../shared/fixtures/bandwidth beside the repository.</summary>
internal static class Fixtures
{
    internal static readonly string Folder = Locate();

    internal static bool Present => Folder != null;

    internal static string PathOf(string name) => System.IO.Path.Combine(Folder, name);

    internal static Stream Open(string name) => File.OpenRead(PathOf(name));

    /// <summary>A raw HTTP message (.http): its start line, headers, and body as a stream.</summary>
    internal static HttpMessageFile ReadHttp(string name)
    {
        var text = File.ReadAllText(PathOf(name)).Replace("\r\n", "\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = text.Substring(0, split).Split('\n');
        var headers = head.Skip(1)
            .Select(line => line.Split(new[] { ':' }, 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new HttpMessageFile(head[0], headers, text.Substring(split + 2));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PortOutPasscode.sln")))
            {
                var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures", "bandwidth"));
                return Directory.Exists(folder) ? folder : null;
            }
        }
        return null;
    }
}

internal sealed record HttpMessageFile(string StartLine, IReadOnlyDictionary<string, string> Headers, string Body)
{
    internal Stream BodyStream() => new MemoryStream(Encoding.UTF8.GetBytes(Body));
}
