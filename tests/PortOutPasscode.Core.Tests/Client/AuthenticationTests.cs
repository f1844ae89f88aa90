using System.Net;
using System.Text;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

public class AuthenticationTests
{
    private const string TokenPath = "/oauth2/token";

    /// <summary>An API whose token endpoint hands out tok-1, tok-2… and whose other endpoints answer <paramref name="api"/>.</summary>
    private static FakeApi WithTokens(Func<SentRequest, HttpResponseMessage> api, int expiresIn = 3600, TimeSpan? tokenDelay = null)
    {
        var issued = 0;
        return new FakeApi(async (request, ct) =>
        {
            if (!request.Path.EndsWith(TokenPath, StringComparison.Ordinal)) return api(request);
            if (tokenDelay.HasValue) await Task.Delay(tokenDelay.Value, ct); // keeps the fetch open while the others queue up
            return FakeApi.Json($"{{\"access_token\":\"tok-{Interlocked.Increment(ref issued)}\",\"token_type\":\"bearer\",\"expires_in\":{expiresIn}}}");
        });
    }

    private static HttpResponseMessage Order(SentRequest _) => FakeApi.Xml(HttpStatusCode.OK, ResilienceTests.OrderXml);

    private static IReadOnlyList<string> ApiAuthorizations(FakeApi api) =>
        api.Requests.Where(r => !r.Path.EndsWith(TokenPath, StringComparison.Ordinal)).Select(r => r.Authorization).ToList();

    [Fact]
    public async Task Basic_sends_the_user_and_password_on_every_request_and_asks_for_no_token()
    {
        var api = new FakeApi(Order);
        using var client = TestClients.Create(TestClients.Basic(), api);

        await client.GetOrderAsync("o-1");
        await client.GetOrderAsync("o-2");

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:" + TestClients.Password));
        Assert.Equal(new[] { expected, expected }, api.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task The_token_is_asked_for_with_the_client_credentials_and_cached_for_the_connection()
    {
        var api = WithTokens(Order);
        using var client = TestClients.Create(TestClients.OAuth(), api);

        await client.GetOrderAsync("o-1");
        await client.GetOrderAsync("o-2");
        await client.GetOrderAsync("o-3");

        var token = Assert.Single(api.Sent("POST", TokenPath));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:" + TestClients.ClientSecret)), token.Authorization);
        Assert.Equal("grant_type=client_credentials", token.Body);
        Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-1", "Bearer tok-1" }, ApiAuthorizations(api));
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_token_fetch()
    {
        var api = WithTokens(Order, tokenDelay: TimeSpan.FromMilliseconds(50));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => client.GetOrderAsync("o-" + i))));

        Assert.Single(api.Sent("POST", TokenPath));
        Assert.All(ApiAuthorizations(api), a => Assert.Equal("Bearer tok-1", a));
        Assert.Equal(20, ApiAuthorizations(api).Count);
    }

    [Fact]
    public async Task The_token_is_refreshed_before_it_expires_so_the_API_never_sees_an_expired_one()
    {
        var clock = new TestClock();
        var api = WithTokens(Order, expiresIn: 3600);
        using var client = TestClients.Create(TestClients.OAuth(), api, clock);

        await client.GetOrderAsync("o-1");
        clock.Advance(TimeSpan.FromSeconds(3500)); // well inside the lifetime: reused
        await client.GetOrderAsync("o-2");
        clock.Advance(TimeSpan.FromSeconds(60)); // 40 s before it expires: replaced first
        await client.GetOrderAsync("o-3");

        Assert.Equal(2, api.Sent("POST", TokenPath).Count);
        Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-1", "Bearer tok-2" }, ApiAuthorizations(api));
    }

    [Fact]
    public async Task A_401_to_a_token_fetches_one_new_token_and_tries_once_more()
    {
        var api = WithTokens(r => r.Authorization == "Bearer tok-1" ? FakeApi.Status(HttpStatusCode.Unauthorized) : Order(r));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        var order = await client.GetOrderAsync("o-1");

        Assert.Equal("o-1", order.OrderId);
        Assert.Equal(2, api.Sent("POST", TokenPath).Count);
        Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2" }, ApiAuthorizations(api));
    }

    [Fact]
    public async Task A_401_to_the_fresh_token_too_is_an_authentication_error_not_a_loop()
    {
        var api = WithTokens(_ => FakeApi.Status(HttpStatusCode.Unauthorized));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        var e = await Assert.ThrowsAsync<BandwidthAuthenticationException>(() => client.GetOrderAsync("o-1"));

        Assert.Equal(401, e.HttpStatus);
        Assert.Equal(2, api.Sent("POST", TokenPath).Count);
        Assert.Equal(2, ApiAuthorizations(api).Count);
        Assert.Contains("OAuth2 client 'demo-client'", e.Message);
        Assert.Contains("-ClientCredential", e.Message);
    }

    [Fact]
    public async Task Concurrent_401s_to_the_same_token_refresh_it_once_and_only_once()
    {
        var api = WithTokens(r => r.Authorization == "Bearer tok-1" ? FakeApi.Status(HttpStatusCode.Unauthorized) : Order(r),
            tokenDelay: TimeSpan.FromMilliseconds(20));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => client.GetOrderAsync("o-" + i))));

        Assert.Equal(2, api.Sent("POST", TokenPath).Count);
        Assert.Equal(20, ApiAuthorizations(api).Count(a => a == "Bearer tok-2"));
    }

    [Fact]
    public async Task A_token_endpoint_that_refuses_the_client_is_an_authentication_error_and_nothing_reaches_the_API()
    {
        var api = new FakeApi(r => r.Path.EndsWith(TokenPath, StringComparison.Ordinal)
            ? FakeApi.Status(HttpStatusCode.Unauthorized)
            : Order(r));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        var e = await Assert.ThrowsAsync<BandwidthAuthenticationException>(() => client.GetOrderAsync("o-1"));

        Assert.Single(api.Requests); // the token request alone, not retried
        Assert.Contains("demo-client", e.Message);
        Assert.Contains("BW_CLIENT_SECRET", e.Message);
        Assert.DoesNotContain(TestClients.ClientSecret, e.Message);
    }

    [Fact]
    public async Task A_token_endpoint_failing_for_a_moment_is_retried()
    {
        var calls = 0;
        var api = new FakeApi(r => !r.Path.EndsWith(TokenPath, StringComparison.Ordinal) ? Order(r)
            : Interlocked.Increment(ref calls) == 1 ? FakeApi.Status(HttpStatusCode.ServiceUnavailable)
            : FakeApi.Json("{\"access_token\":\"tok-ok\",\"expires_in\":3600}"));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        await client.GetOrderAsync("o-1");

        Assert.Equal(2, api.Sent("POST", TokenPath).Count);
        Assert.Equal(new[] { "Bearer tok-ok" }, ApiAuthorizations(api));
    }

    [Fact]
    public async Task A_token_answer_without_an_access_token_is_a_protocol_error()
    {
        var api = new FakeApi(r => r.Path.EndsWith(TokenPath, StringComparison.Ordinal) ? FakeApi.Json("{\"error\":\"nope\"}") : Order(r));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => client.GetOrderAsync("o-1"));

        Assert.Contains("-TokenUri", e.Message);
    }
}
