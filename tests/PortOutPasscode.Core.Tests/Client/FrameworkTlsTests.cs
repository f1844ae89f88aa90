using System.Security.Authentication;
using PortOutPasscode.Client;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>
/// The protocols the Desktop build's handlers ask for on Windows PowerShell 5.1 (HttpPipeline.FrameworkTlsProtocols):
/// the decision runs here; that the Desktop build calls it is checked from its metadata (Module.Tests, Platform/TlsTests).
/// </summary>
public class FrameworkTlsTests
{
    [Theory]
    [InlineData(6, 1, 7601)]    // Windows Server 2008 R2 / 7
    [InlineData(6, 3, 9600)]    // Windows Server 2012 R2
    [InlineData(10, 0, 14393)]  // Windows Server 2016
    [InlineData(10, 0, 17763)]  // Windows Server 2019
    [InlineData(10, 0, 19045)]  // Windows 10 22H2
    public void Windows_without_TLS_13_in_Schannel_gets_TLS_12_only(int major, int minor, int build)
    {
        Assert.Equal(SslProtocols.Tls12, HttpPipeline.FrameworkTlsProtocols(new Version(major, minor, build)));
    }

    [Theory]
    [InlineData(10, 0, 20348)]  // Windows Server 2022
    [InlineData(10, 0, 22631)]  // Windows 11 23H2
    [InlineData(10, 0, 26100)]  // Windows Server 2025 / Windows 11 24H2
    public void Windows_with_TLS_13_gets_TLS_12_and_13_where_the_framework_defines_13(int major, int minor, int build)
    {
        // This runtime defines SslProtocols.Tls13, as .NET Framework 4.8 does (4.7.2 does not: TLS 1.2 alone there).
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, HttpPipeline.FrameworkTlsProtocols(new Version(major, minor, build)));
    }

    [Fact]
    public void Nothing_older_than_TLS_12_is_ever_offered()
    {
#pragma warning disable SYSLIB0039, CS0618 // the old protocols, named to be excluded
        var old = SslProtocols.Ssl2 | SslProtocols.Ssl3 | SslProtocols.Tls | SslProtocols.Tls11;
#pragma warning restore SYSLIB0039, CS0618
        foreach (var build in new[] { 7601, 17763, 20348, 26100 })
        {
            Assert.Equal(SslProtocols.None, HttpPipeline.FrameworkTlsProtocols(new Version(10, 0, build)) & old);
        }
    }
}
