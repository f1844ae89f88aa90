using System.Net;
using System.Text;
using System.Text.Json;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// Bandwidth's authentication as published today: API users (Basic) can be switched off as they are from 2026-12-02,
/// tokens are JWTs whose claims say accounts, roles and realm, a missing role is a 403 that names it, and a token of the
/// other realm is refused.
/// </summary>
public sealed class AuthenticationTests
{
    private const string Lfm = "Line Feature Management";

    /// <summary>A JWT's header and payload, decoded here by hand (base64url + JSON), as a client reads claims without a signature check.</summary>
    private static (JsonElement Header, JsonElement Payload, string Signature) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        static JsonElement Part(string text)
        {
            Assert.Matches("^[A-Za-z0-9_-]+$", text); // base64url, no padding
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))).RootElement.Clone();
        }
        Assert.Matches("^[A-Za-z0-9_-]+$", parts[2]);
        return (Part(parts[0]), Part(parts[1]), parts[2]);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToArray();

    [Fact]
    public async Task With_AllowBasic_false_every_Basic_request_is_401_and_says_what_Bandwidth_did_and_what_to_use()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { AllowBasic = false });

        var list = await emulator.GetAsync(TestEmulator.Orders());
        var create = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("a1b2c3", "2012000001"));
        var bearer = await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(await emulator.IssueTokenAsync()));

        foreach (var refused in new[] { list, create })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Contains("decommissioned API users on 2026-12-02", refused.Description);
            Assert.Contains("OAuth2 client credentials", refused.Description);
            Assert.Contains("OAuth client in the Bandwidth App", refused.Description);
            Assert.StartsWith("Bearer", refused.Headers.WwwAuthenticate.ToString());
            Assert.DoesNotContain(DemoDefaults.Password, refused.Text);
        }
        Assert.Empty(await emulator.StoredOrdersAsync());
        Assert.Equal(HttpStatusCode.OK, bearer.Status);
    }

    [Fact]
    public async Task AllowBasic_is_switched_at_run_time_through_the_settings()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders())).Status);

        var off = await emulator.AdminAsync(HttpMethod.Put, "settings", new { allowBasic = false });
        var refused = await emulator.GetAsync(TestEmulator.Orders());
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { allowBasic = true });

        Assert.False(off.GetProperty("allowBasic").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("2026-12-02", refused.Description);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders())).Status);
    }

    [Fact]
    public async Task A_token_is_a_JWT_whose_claims_name_the_client_its_accounts_roles_and_realm()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var (header, payload, signature) = Decode(await emulator.IssueTokenAsync());

        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(DemoDefaults.ClientId, payload.GetProperty("sub").GetString());
        var issuedAt = payload.GetProperty("iat").GetInt64();
        Assert.Equal(emulator.Clock.GetUtcNow().ToUnixTimeSeconds(), issuedAt);
        Assert.Equal(issuedAt + 3600, payload.GetProperty("exp").GetInt64());
        Assert.Equal(new[] { "9900000", "9900001" }, Strings(payload.GetProperty("accounts")));
        Assert.Equal(new[] { Lfm }, Strings(payload.GetProperty("roles")));
        Assert.Equal("Production", payload.GetProperty("realm").GetString());
        Assert.Equal("https://api.bandwidth.com", payload.GetProperty("iss").GetString());
        Assert.False(string.IsNullOrEmpty(signature));
    }

    [Fact]
    public async Task A_client_for_every_account_gets_every_configured_account_in_its_claim_and_roles_as_configured()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            OAuthClients = new()
            {
                new OAuthClientOptions { ClientId = "all", ClientSecret = "all-secret", Accounts = { "*" }, Roles = new() { "Ordering", Lfm } },
                new OAuthClientOptions { ClientId = "plain", ClientSecret = "plain-secret", Accounts = { "9900001" } },
            },
        });

        var all = Decode(await emulator.IssueTokenAsync("all", "all-secret")).Payload;
        var plain = Decode(await emulator.IssueTokenAsync("plain", "plain-secret")).Payload;

        Assert.Equal(new[] { "9900000", "9900001" }, Strings(all.GetProperty("accounts")));
        Assert.Equal(new[] { "Ordering", Lfm }, Strings(all.GetProperty("roles")));
        Assert.Equal(new[] { "9900001" }, Strings(plain.GetProperty("accounts")));
        Assert.Equal(new[] { Lfm }, Strings(plain.GetProperty("roles"))); // roles left out: the role orders need
    }

    [Fact]
    public async Task A_client_without_Line_Feature_Management_gets_403_naming_the_role_on_orders_and_passcodes_and_reads_the_rest()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var readOnly = TestEmulator.Bearer(await emulator.IssueTokenAsync(DemoDefaults.ReadOnlyClientId, DemoDefaults.ReadOnlyClientSecret));
        Assert.Equal(new[] { "Read Only" }, Strings(Decode(readOnly.Parameter).Payload.GetProperty("roles")));

        var create = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("a1b2c3", "2012000001"), readOnly);
        var page = await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=10", readOnly);
        var lookup = await emulator.PostXmlAsync(TestEmulator.Passcodes(), OrderXml.TnList(new[] { "2012000001" }), readOnly);

        foreach (var (answer, root) in new[] { (create, "TnOptionOrderResponse"), (page, "TelephoneNumbersResponse"), (lookup, "TelephoneNumbersResponse") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Equal(root, answer.Xml.Name.LocalName);
            Assert.Contains($"lacks the role '{Lfm}'", answer.Description);
            Assert.Contains(DemoDefaults.ReadOnlyClientId, answer.Description);
        }
        Assert.Empty(await emulator.StoredOrdersAsync());
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders(), readOnly)).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync($"/api/accounts/{TestEmulator.Account}/inserviceNumbers", readOnly)).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync($"/api/accounts/{TestEmulator.Account}/portouts?page=1&size=10", readOnly)).Status);
        Assert.Equal(HttpStatusCode.Created,
            (await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("a1b2c3", "2012000001"), TestEmulator.Bearer(await emulator.IssueTokenAsync()))).Status);
    }

    [Fact]
    public async Task Tokens_are_still_the_emulator_s_own_a_well_formed_JWT_it_did_not_issue_is_401()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var other = await TestEmulator.StartAsync();
        var foreign = await other.IssueTokenAsync();

        var answer = await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(foreign));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("The access token is not valid or has expired.", answer.Description);
    }

    [Theory]
    [InlineData("Test", "Production")]
    [InlineData("Production", "Test")]
    public async Task A_token_of_the_other_realm_is_refused_with_401_that_says_so(string issuedIn, string usedIn)
    {
        await using var issuer = await TestEmulator.StartAsync(new EmulatorOptions { Environment = issuedIn });
        await using var api = await TestEmulator.StartAsync(new EmulatorOptions { Environment = usedIn });
        var token = await issuer.IssueTokenAsync();
        Assert.Equal(issuedIn, Decode(token).Payload.GetProperty("realm").GetString());

        var answer = await api.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(token));
        var own = await api.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(await api.IssueTokenAsync()));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains($"issued for Bandwidth's {issuedIn} environment; this is the {usedIn} environment", answer.Description);
        Assert.Contains("invalid_token", answer.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }

    [Fact]
    public async Task The_test_realm_issues_for_test_api_bandwidth_com_and_the_admin_root_names_the_environment()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { Environment = "test" });

        var payload = Decode(await emulator.IssueTokenAsync()).Payload;
        var info = await emulator.AdminAsync(HttpMethod.Get, "");

        Assert.Equal("https://test.api.bandwidth.com", payload.GetProperty("iss").GetString());
        Assert.Equal("Test", info.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task A_server_clock_set_behind_issues_tokens_dated_on_that_clock_that_still_live_their_lifetime()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { ClockOffsetSeconds = -600, TokenLifetimeSeconds = 60 });
        var token = await emulator.IssueTokenAsync();

        var payload = Decode(token).Payload;
        emulator.Clock.Advance(TimeSpan.FromSeconds(59));
        var live = await emulator.GetAsync(TestEmulator.Orders(), TestEmulator.Bearer(token));

        Assert.Equal(emulator.Clock.GetUtcNow().AddSeconds(-59 - 600).ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(HttpStatusCode.OK, live.Status);
    }
}
