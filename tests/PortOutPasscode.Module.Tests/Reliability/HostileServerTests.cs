using System.Management.Automation;
using System.Text;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>A server that is not Bandwidth, or not what it should be: its tricks are refused, and plain http leaves nothing.</summary>
public class HostileServerTests
{
    private const string Passcode = "Hx7Qm2Zt";

    private static string ConnectTo(Uri baseUri) =>
        Scripts.Credentials() + $"Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri '{baseUri}' -SkipCheck -MaximumRetryCount 1\n";

    [Theory]
    [InlineData("external entity", "<!DOCTYPE TnOptionOrder [<!ENTITY leak SYSTEM \"http://127.0.0.1:{port}/leak\">]><TnOptionOrder><OrderId>&leak;</OrderId><ProcessingStatus>COMPLETE</ProcessingStatus></TnOptionOrder>")]
    [InlineData("entity expansion", "<!DOCTYPE TnOptionOrder [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><TnOptionOrder><OrderId>&c;</OrderId></TnOptionOrder>")]
    [InlineData("DOCTYPE alone", "<?xml version=\"1.0\"?><!DOCTYPE TnOptionOrder SYSTEM \"http://127.0.0.1:{port}/leak.dtd\"><TnOptionOrder><OrderId>x</OrderId></TnOptionOrder>")]
    public void An_answer_with_a_DOCTYPE_is_refused_and_nothing_it_names_is_fetched(string kind, string xml)
    {
        HostileServer? server = null;
        server = new HostileServer((line, stream) =>
            HostileServer.Answer(stream, line.StartsWith("POST", StringComparison.Ordinal) ? 201 : 200, xml.Replace("{port}", server!.Port.ToString())));
        using (server)
        {
            using var session = new PowerShellSession();
            session.Run(ConnectTo(server.BaseUri)).AssertNoErrors();

            var get = session.Run("Get-BwTnOptionOrder -OrderId 0d2c3f7e-1111-2222-3333-444455556666");
            var set = session.Run($"'2012000001' | Set-BwPortOutPasscode -Passcode {Passcode}");

            foreach (var result in new[] { get, set })
            {
                Assert.Empty(result.Output);
                var error = Assert.Single(result.AllErrors);
                Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
                Assert.Contains("DOCTYPE", error.Exception.Message);
                SecretScan.AssertClean(result, Passcode);
            }
            Assert.Equal("2012000001", set.AllErrors.Single().TargetObject);
            Assert.DoesNotContain(server.RequestLines, l => l.Contains("/leak"));
            Assert.All(server.RequestLines, l => Assert.Contains("/api/accounts/9900000/", l));
            _ = kind;
        }
    }

    [Theory]
    [InlineData("declared by Content-Length")]
    [InlineData("streamed without a length")]
    public void An_oversized_answer_is_refused(string how)
    {
        using var server = new HostileServer(async (line, stream) =>
        {
            if (how == "declared by Content-Length")
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 200000000\r\n\r\n<TnOptionOrder>"));
                return;
            }
            // Chunks until the client hangs up, bounded at 80 MB (the client's limit is 64 MB).
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n"));
            var chunk = Encoding.ASCII.GetBytes("10000\r\n" + new string('x', 0x10000) + "\r\n");
            for (var sent = 0; sent < 80 * 1024 * 1024; sent += 0x10000) await stream.WriteAsync(chunk);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
        });
        using var session = new PowerShellSession();
        session.Run(ConnectTo(server.BaseUri)).AssertNoErrors();

        var result = session.Run("Get-BwTnOptionOrder -OrderId 0d2c3f7e-1111-2222-3333-444455556666");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("larger than MaxResponseBytes", error.Exception.Message);
        // Refused, not retried: one request.
        Assert.Single(server.RequestLines);
    }

    [Theory]
    [InlineData("-BaseUri 'http://example.com/api'", "InvalidBaseUri")]
    [InlineData("-BaseUri 'http://localhost.example.com/api'", "InvalidBaseUri")]
    [InlineData("-BaseUri 'http://127.0.0.1.nip.io/api'", "InvalidBaseUri")]
    [InlineData("-BaseUri 'http://10.0.0.1/api'", "InvalidBaseUri")]
    [InlineData("-BaseUri 'http://[fe80::1]/api'", "InvalidBaseUri")]
    [InlineData("-BaseUri 'ftp://example.com/api'", "InvalidBaseUri")]
    [InlineData("-BaseUri 'http://example.com/api' -SkipCheck", "InvalidBaseUri")]
    [InlineData("-BaseUri 'https://example.com/api' -TokenUri 'http://example.com/oauth2/token' -SkipCheck", "InvalidTokenUri")]
    public void Plain_http_to_another_host_is_refused_before_any_byte_is_sent(string addresses, string errorId)
    {
        // Every request would go through this proxy: it would see a connection if anything were sent.
        using var proxy = new HostileServer((_, stream) => HostileServer.Answer(stream, 502, ""));
        using var session = new PowerShellSession();
        var credential = addresses.Contains("TokenUri") ? "-ClientCredential $client" : "-Credential $cred";

        var result = session.Run(Scripts.Credentials() +
            $"Connect-BwAccount -AccountId 9900000 {credential} {addresses} -Proxy 'http://127.0.0.1:{proxy.Port}'");

        var error = result.SingleError(errorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(0, proxy.Connections);
        Assert.Empty(session.Run("Get-BwConnection").Output);
        SecretScan.AssertClean(result);
    }
}
