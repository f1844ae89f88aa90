#nullable disable
using System.Text;

namespace PortOutPasscode.TestSupport;

/// <summary>The shared Bandwidth fixtures, read where they are: ../shared/fixtures/bandwidth beside the repository.</summary>
public static class Fixtures
{
    /// <summary>Where the fixtures are looked for, whether or not they are there.</summary>
    public static readonly string ExpectedFolder = Expected();

    public static readonly string Folder = ExpectedFolder != null && Directory.Exists(ExpectedFolder) ? ExpectedFolder : null;

    public static bool Present => Folder != null;

    /// <summary>What a contributor without the fixtures needs to know: what they are, where they come from, how to get them.</summary>
    public static string MissingMessage =>
        $"Bandwidth's published XML samples are not at {ExpectedFolder ?? "../shared/fixtures/bandwidth (beside the folder holding PortOutPasscode.sln)"}. " +
        "They are copied verbatim from Bandwidth's public documentation and SDKs (Bandwidth/api-docs site/specs/numbers.yml, " +
        "bandwidth.github.io, the C#, Java, Node and Ruby SDKs; SOURCES.md in that folder lists each file's origin) and live in the " +
        "project's shared repository, not in this one. Check the shared repository out beside this checkout as 'shared', so that " +
        "../shared/fixtures/bandwidth exists (CI does it: .github/workflows/ci.yml, SHARED_REPOSITORY), then run the tests again.";

    public static string PathOf(string name) =>
        Present ? System.IO.Path.Combine(Folder, name) : throw new FileNotFoundException(MissingMessage, name);

    public static Stream Open(string name) => File.OpenRead(PathOf(name));

    /// <summary>A raw HTTP message (.http): its start line, headers, and body as a stream.</summary>
    public static HttpMessageFile ReadHttp(string name)
    {
        var text = File.ReadAllText(PathOf(name)).Replace("\r\n", "\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = text.Substring(0, split).Split('\n');
        var headers = head.Skip(1)
            .Select(line => line.Split(new[] { ':' }, 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new HttpMessageFile(head[0], headers, text.Substring(split + 2));
    }

    private static string Expected()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PortOutPasscode.sln")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures", "bandwidth"));
            }
        }
        return null;
    }
}

public sealed record HttpMessageFile(string StartLine, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public Stream BodyStream() => new MemoryStream(Encoding.UTF8.GetBytes(Body));
}
