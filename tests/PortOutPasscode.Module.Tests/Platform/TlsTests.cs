using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>
/// TLS on Windows PowerShell 5.1, which cannot run here: read from the shipped engines' metadata. The Desktop engine sets its
/// own handlers' SslProtocols (the decision itself is tested in Core.Tests, FrameworkTlsTests) and never the session-wide
/// ServicePointManager.SecurityProtocol; the Core engine leaves both to the OS.
/// </summary>
public class TlsTests
{
    [Fact]
    public void The_Desktop_engine_sets_TLS_on_its_own_handlers_and_leaves_the_sessions_ServicePointManager_alone()
    {
        var calls = MemberCalls(Path.Combine(ShippedAssembly.DesktopFolder, "PortOutPasscode.Core.dll"));
        Assert.Contains("System.Net.Http.HttpClientHandler::set_SslProtocols", calls);
        Assert.DoesNotContain("System.Net.ServicePointManager::set_SecurityProtocol", calls);
    }

    [Fact]
    public void The_Core_engine_leaves_TLS_versions_to_the_OS()
    {
        var calls = MemberCalls(Path.Combine(ShippedAssembly.CoreFolder, "PortOutPasscode.Core.dll"));
        Assert.DoesNotContain("System.Net.Http.HttpClientHandler::set_SslProtocols", calls);
        Assert.DoesNotContain("System.Net.ServicePointManager::set_SecurityProtocol", calls);
    }

    /// <summary>Every method of another assembly the file calls, as Namespace.Type::Member.</summary>
    private static HashSet<string> MemberCalls(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var calls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference) continue;
            var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            calls.Add($"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}::{metadata.GetString(member.Name)}");
        }
        Assert.Contains("System.Net.Http.HttpClientHandler::set_AllowAutoRedirect", calls); // read the right file
        return calls;
    }
}
