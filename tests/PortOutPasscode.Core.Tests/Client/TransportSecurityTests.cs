using System.Net;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

public class TransportSecurityTests
{
    [Theory]
    [InlineData("https://dashboard.bandwidth.com/api")]
    [InlineData("https://api.example.net:8443/api")]
    [InlineData("http://127.0.0.1:5080/api")]
    [InlineData("http://127.8.9.10/api")]
    [InlineData("http://localhost:5080/api")]
    [InlineData("http://[::1]:5080/api")]
    public void Https_or_http_to_this_machine_is_accepted(string baseUri)
    {
        var connection = new BwConnection("9900000", new Uri(baseUri), BwAuthenticationKind.Basic, "demo", TestClients.Secure("pw"));

        Assert.Equal(new Uri(baseUri), connection.BaseUri);
    }

    [Theory]
    [InlineData("http://dashboard.bandwidth.com/api")]
    [InlineData("http://10.0.0.5/api")]
    [InlineData("http://localhost.example.com/api")]
    [InlineData("http://127.0.0.1.example.com/api")]
    [InlineData("ftp://127.0.0.1/api")]
    public void Anything_else_is_refused_before_a_connection_exists(string baseUri)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new BwConnection("9900000", new Uri(baseUri), BwAuthenticationKind.Basic, "demo", TestClients.Secure("pw")));

        Assert.Contains("https://", e.Message);
    }

    [Fact]
    public void A_plain_http_token_endpoint_elsewhere_is_refused_too()
    {
        var e = Assert.Throws<ArgumentException>(() => new BwConnection("9900000", new Uri("https://dashboard.bandwidth.com/api"),
            BwAuthenticationKind.OAuth2ClientCredentials, "client", TestClients.Secure("secret"), tokenUri: new Uri("http://auth.example.com/token")));

        Assert.Contains("TokenUri", e.Message);
    }

    [Fact]
    public async Task The_pipeline_itself_refuses_to_send_plain_http_to_another_host()
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.OK));
        using var invoker = new HttpMessageInvoker(new TransportGuardHandler { InnerHandler = api });

        var e = await Assert.ThrowsAsync<BandwidthTransportException>(() =>
            invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://dashboard.bandwidth.com/api/accounts/1"), CancellationToken.None));

        Assert.StartsWith("Nothing was sent.", e.Message);
        Assert.Empty(api.Requests);
    }
}
