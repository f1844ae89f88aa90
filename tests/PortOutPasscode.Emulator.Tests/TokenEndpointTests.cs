using System.Net;
using System.Net.Http.Headers;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>POST /api/v1/oauth2/token (client credentials) and Bearer tokens on the API.</summary>
public sealed class TokenEndpointTests
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static Task<Answer> TokenAsync(TestEmulator emulator, HttpContent form, AuthenticationHeaderValue auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, emulator.Server.TokenUri) { Content = form };
        request.Headers.Authorization = auth;
        return emulator.SendAsync(request);
    }

    [Fact]
    public async Task A_client_gets_a_Bearer_token_in_Bandwidth_s_JSON_and_can_use_the_API_with_it()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await TokenAsync(emulator, Form(("grant_type", "client_credentials")), TestEmulator.Basic("demo-client", "demo-secret"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.ContentHeaders.ContentType.MediaType);
        Assert.Equal("Bearer", answer.Json.GetProperty("token_type").GetString());
        Assert.Equal(3600, answer.Json.GetProperty("expires_in").GetInt32());
        Assert.True(answer.Headers.CacheControl.NoStore);
        var token = answer.Json.GetProperty("access_token").GetString();
        Assert.False(string.IsNullOrEmpty(token));

        var created = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("a1b2c3", "2012000001"), TestEmulator.Bearer(token));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("demo-client", created.Xml.Element("TnOptionOrder").Element("CreatedByUser").Value);
    }

    [Fact]
    public async Task Client_id_and_secret_may_come_in_the_form_or_form_encoded_inside_Basic()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            OAuthClients = new() { new OAuthClientOptions { ClientId = "my client", ClientSecret = "s3cr&t+x", Accounts = { "9900000" } } },
        });

        var inForm = await TokenAsync(emulator, Form(("grant_type", "client_credentials"), ("client_id", "my client"), ("client_secret", "s3cr&t+x")), null);
        var encoded = await TokenAsync(emulator, Form(("grant_type", "client_credentials")), TestEmulator.Basic("my+client", "s3cr%26t%2Bx"));

        Assert.Equal(HttpStatusCode.OK, inForm.Status);
        Assert.Equal(HttpStatusCode.OK, encoded.Status);
    }

    [Fact]
    public async Task Bad_token_requests_get_the_OAuth2_errors()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var demo = TestEmulator.Basic("demo-client", "demo-secret");

        var wrongSecret = await TokenAsync(emulator, Form(("grant_type", "client_credentials")), TestEmulator.Basic("demo-client", "nope"));
        var noGrant = await TokenAsync(emulator, Form(("scope", "x")), demo);
        var otherGrant = await TokenAsync(emulator, Form(("grant_type", "password")), demo);
        var notAForm = await TokenAsync(emulator, new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json"), demo);
        var get = await emulator.SendAsync(new HttpRequestMessage(HttpMethod.Get, emulator.Server.TokenUri));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongSecret.Status, wrongSecret.Json.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (noGrant.Status, noGrant.Json.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_grant_type"), (otherGrant.Status, otherGrant.Json.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (notAForm.Status, notAForm.Json.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
        Assert.DoesNotContain("nope", wrongSecret.Text);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { TokenLifetimeSeconds = 60 });
        var token = await emulator.IssueTokenAsync();

        emulator.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(token))).Status);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(await emulator.IssueTokenAsync()))).Status);
    }

    [Fact]
    public async Task The_admin_API_expires_every_token_at_once_and_a_new_lifetime_applies_to_new_tokens()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await emulator.IssueTokenAsync();
        var second = await emulator.IssueTokenAsync();

        var expired = await emulator.AdminAsync(HttpMethod.Post, "tokens/expire");
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { tokenLifetimeSeconds = 5 });

        Assert.Equal(2, expired.GetProperty("expired").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(first))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(second))).Status);
        var renewed = await TokenAsync(emulator, Form(("grant_type", "client_credentials")), TestEmulator.Basic("demo-client", "demo-secret"));
        Assert.Equal(5, renewed.Json.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task A_client_is_held_to_its_accounts()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            OAuthClients = new() { new OAuthClientOptions { ClientId = "narrow", ClientSecret = "narrow-secret", Accounts = { "9900001" } } },
        });
        var token = await emulator.IssueTokenAsync("narrow", "narrow-secret");

        Assert.Equal(HttpStatusCode.Forbidden, (await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders(TestEmulator.AccountWithoutFeature), TestEmulator.Bearer(token))).Status);
    }
}
