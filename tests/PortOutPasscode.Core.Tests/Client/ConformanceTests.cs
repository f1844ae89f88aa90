using System.Net;
using System.Text;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>
/// The API as Bandwidth publishes it today: cursor paging (follow next, never compute page=2, a repeating or endless
/// list stopped), a 404 on a collection never read as "no more data", what the token says, E.164 on v2.
/// </summary>
public class ConformanceTests
{
    private static string PasscodePage(IEnumerable<string> numbers, int total, string next) =>
        "<TelephoneNumbersResponse><TelephoneNumberCount>" + total + "</TelephoneNumberCount>" +
        (next == null ? "" : "<Links><first>Link=&lt;http://127.0.0.1:9/api/accounts/9900000/tnPortoutPasscodes?page=1&amp;size=2&gt;;rel=\"first\";</first>" +
                             "<next>Link=&lt;https://elsewhere.example/v1.0/accounts/9900000/tnPortoutPasscodes?page=" + next + "&amp;size=2&gt;;rel=\"next\";</next></Links>") +
        "<TelephoneNumbers>" + string.Concat(numbers.Select(n => $"<TelephoneNumber><FullNumber>{n}</FullNumber><Passcode>a1b2</Passcode></TelephoneNumber>")) +
        "</TelephoneNumbers></TelephoneNumbersResponse>";

    private static async Task<List<string>> WalkAsync(BandwidthClient client)
    {
        var walk = new PageWalk("listing");
        var numbers = new List<string>();
        while (walk.Current != null)
        {
            var page = await client.GetPasscodePageAsync(walk.Current, 2);
            numbers.AddRange(page.Items.Select(i => i.TelephoneNumber));
            walk.Advance(page);
        }
        return numbers;
    }

    [Fact]
    public async Task Pages_are_followed_by_the_next_links_cursor_to_the_own_base_never_by_computing_page_numbers()
    {
        var api = new FakeApi(r => FakeApi.Xml(HttpStatusCode.OK, System.Web.HttpUtility.ParseQueryString(r.Uri.Query)["page"] switch
        {
            "1" => PasscodePage(new[] { "2012000001", "2012000002" }, 5, "2012000003"),
            "2012000003" => PasscodePage(new[] { "2012000003", "2012000004" }, 5, "2012000005"),
            "2012000005" => PasscodePage(new[] { "2012000005" }, 5, null),
            var other => throw new InvalidOperationException("asked for page " + other),
        }));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var numbers = await WalkAsync(client);

        Assert.Equal(new[] { "2012000001", "2012000002", "2012000003", "2012000004", "2012000005" }, numbers);
        Assert.Equal(new[] { "1", "2012000003", "2012000005" }, api.Requests.Select(r => System.Web.HttpUtility.ParseQueryString(r.Uri.Query)["page"]));
        Assert.All(api.Requests, r => Assert.Equal("127.0.0.1", r.Uri.Host)); // the link's host is never followed
    }

    [Fact]
    public async Task A_next_link_that_repeats_a_cursor_stops_the_walk_with_an_error()
    {
        var api = new FakeApi(_ => FakeApi.Xml(HttpStatusCode.OK, PasscodePage(new[] { "2012000001", "2012000002" }, 1000, "2012000001")));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => WalkAsync(client));

        Assert.Contains("points back to a page it already gave", e.Message);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_always_fills_the_page_is_stopped_once_it_passes_its_own_total()
    {
        var next = 0;
        var api = new FakeApi(_ => FakeApi.Xml(HttpStatusCode.OK,
            PasscodePage(new[] { "2012000001", "2012000002" }, 6, (2012000100 + Interlocked.Increment(ref next)).ToString())));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => WalkAsync(client));

        Assert.Contains("more than the 6 it says there are", e.Message);
        Assert.True(api.Requests.Count <= 5, $"{api.Requests.Count} pages asked for");
    }

    [Theory]
    [InlineData("GetPasscodePage")]
    [InlineData("Lookup")]
    [InlineData("ListOrders")]
    [InlineData("Verify")]
    public async Task A_404_on_a_collection_says_the_base_address_looks_wrong_not_that_there_is_nothing(string call)
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.NotFound));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthBaseUriException>(() => call switch
        {
            "GetPasscodePage" => client.GetPasscodePageAsync(PageLinks.First, 500),
            "Lookup" => client.LookupPasscodesAsync(new[] { "2012000001" }),
            "ListOrders" => client.ListOrderSummariesAsync(new OrderQuery()),
            _ => client.VerifyCredentialsAsync(),
        });

        Assert.Contains("looks wrong", e.Message);
        Assert.Contains("must include /api", e.Message);
        Assert.Contains("not an empty result", e.Message);
    }

    [Fact]
    public async Task A_204_on_a_collection_is_an_empty_page()
    {
        using var client = TestClients.Create(TestClients.Basic(), new FakeApi(_ => FakeApi.Status(HttpStatusCode.NoContent)));

        var page = await client.GetPasscodePageAsync(PageLinks.First, 500);

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Every_request_asks_for_XML()
    {
        var api = new FakeApi(_ => FakeApi.Xml(HttpStatusCode.OK, "<TnOptionOrder><OrderId>o-1</OrderId><ProcessingStatus>COMPLETE</ProcessingStatus></TnOptionOrder>"));
        using var client = TestClients.Create(TestClients.Basic(), api);

        await client.GetOrderAsync("o-1");
        await client.GetPasscodePageAsync(PageLinks.First, 5).ContinueWith(_ => { });

        Assert.All(api.Requests, r => Assert.Equal("application/xml", r.Accept));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../../tnPortoutPasscodes")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    public async Task Order_ids_that_would_name_another_path_are_refused_before_anything_is_sent(string orderId)
    {
        var api = new FakeApi(_ => FakeApi.Status(HttpStatusCode.OK));
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.GetOrderAsync(orderId));

        Assert.Contains("is not a Bandwidth order id", e.Message);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task On_a_v2_base_numbers_go_out_in_E164_and_answers_come_back_as_the_users_ten_digits()
    {
        var connection = new BwConnection(TestClients.AccountId, new Uri("http://127.0.0.1:9/api/v2"), BwAuthenticationKind.Basic, "demo", TestClients.Secure(TestClients.Password));
        var api = new FakeApi(r => r.Method == "POST"
            ? FakeApi.Xml(HttpStatusCode.Created, "<TnOptionOrderResponse><TnOptionOrder><OrderId>o-1</OrderId><ProcessingStatus>RECEIVED</ProcessingStatus><TnOptionGroups><TnOptionGroup><PortOutPasscode>a1b2c3</PortOutPasscode><TelephoneNumbers><TelephoneNumber>+12012000001</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups></TnOptionOrder></TnOptionOrderResponse>")
            : FakeApi.Xml(HttpStatusCode.OK, "<TnOptionOrder><OrderId>o-1</OrderId><ProcessingStatus>PARTIAL</ProcessingStatus><TnOptionGroups><TnOptionGroup><TelephoneNumbers><TelephoneNumber>+12012000001</TelephoneNumber><TelephoneNumber>+12012000002</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups><ErrorList><Error><Code>5076</Code><Description>not here</Description><TelephoneNumber>+12012000002</TelephoneNumber></Error></ErrorList></TnOptionOrder>"));
        using var client = TestClients.Create(connection, api);

        var created = await client.CreateOrderAsync(new TnOptionOrderRequest
        {
            CustomerOrderId = "v2-1",
            Groups = { new TnOptionGroup { PortOutPasscode = "a1b2c3", TelephoneNumbers = new[] { "2012000001" } } },
        });
        var final = await client.GetOrderAsync("o-1");

        Assert.Contains("<TelephoneNumber>+12012000001</TelephoneNumber>", api.Sent("POST")[0].Body);
        Assert.Equal(new[] { "2012000001" }, created.TelephoneNumbers);
        Assert.Equal(new[] { "2012000001", "2012000002" }, final.TelephoneNumbers);
        Assert.Equal("2012000002", final.Errors.Single().TelephoneNumbers.Single());
        Assert.Equal(TnOutcomeKind.Failed, final.Outcomes.Single(o => o.TelephoneNumber == "2012000002").Outcome);
    }

    [Fact]
    public void The_token_endpoint_follows_the_realm_of_the_base_never_production_for_a_test_host()
    {
        Assert.Equal(new Uri(BwConnection.TestTokenUri), BwConnection.DefaultTokenUriFor(new Uri("https://test.api.bandwidth.com/api/v2")));
        Assert.Equal(new Uri(BwConnection.TestTokenUri), BwConnection.DefaultTokenUriFor(new Uri("https://test.dashboard.bandwidth.com/api")));
        Assert.Equal(new Uri(BwConnection.DefaultTokenUri), BwConnection.DefaultTokenUriFor(new Uri("https://dashboard.bandwidth.com/api")));
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/v1/oauth2/token"), BwConnection.DefaultTokenUriFor(new Uri("http://127.0.0.1:5080/api")));
        Assert.Equal(BwEnvironment.Test, BwConnection.EnvironmentOf(BwConnection.BaseUriFor(BwEnvironment.Test)));
        Assert.Equal(BwEnvironment.Production, BwConnection.EnvironmentOf(BwConnection.BaseUriFor(BwEnvironment.Production)));
        // A look-alike host is not Bandwidth's.
        Assert.Equal(BwEnvironment.Custom, BwConnection.EnvironmentOf(new Uri("https://notbandwidth.com/api")));
    }

    private static string Jwt(string payload) =>
        Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64Url(payload) + ".c2lnbmF0dXJl";

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void A_tokens_accounts_and_roles_are_read_from_its_claims()
    {
        var claims = TokenClaims.Read(Jwt("{\"sub\":\"c\",\"accounts\":[\"9900000\",9900001],\"roles\":[\"Line Feature Management\",\"Numbers\"]}"));

        Assert.Equal(new[] { "9900000", "9900001" }, claims.Accounts);
        Assert.True(claims.AllowsAccount("9900001"));
        Assert.False(claims.AllowsAccount("9900002"));
        Assert.True(claims.HasLineFeatureManagement);
        Assert.False(TokenClaims.Read(Jwt("{\"roles\":[\"Read Only\"]}")).HasLineFeatureManagement);
        Assert.True(TokenClaims.Read(Jwt("{\"roles\":[\"LINE_FEATURE_MANAGEMENT\"]}")).HasLineFeatureManagement);
        // A token that is not a JWT, or says nothing, forbids nothing: the API decides.
        Assert.Same(TokenClaims.None, TokenClaims.Read("opaque-token"));
        Assert.True(TokenClaims.Read(Jwt("{\"sub\":\"c\"}")).AllowsAccount("1"));
    }

    [Fact]
    public async Task A_server_echoing_the_bearer_token_or_a_passcode_in_an_answer_never_shows_them()
    {
        var token = Jwt("{\"sub\":\"demo-client\",\"accounts\":[\"9900000\"]}");
        var api = new FakeApi(r => r.Uri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? FakeApi.Json("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
            : FakeApi.Xml(HttpStatusCode.OK,
                "<TnOptionOrder><OrderId>o-1</OrderId><ProcessingStatus>FAILED</ProcessingStatus><TnOptionGroups><TnOptionGroup><PortOutPasscode>Zq8Wx7Ab</PortOutPasscode><TelephoneNumbers><TelephoneNumber>2012000001</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups>" +
                "<ErrorList><Error><Code>5196</Code><Description>Refused Zq8Wx7Ab for " + r.Authorization + "</Description><TelephoneNumber>2012000001</TelephoneNumber></Error></ErrorList>" +
                "<Warnings><Warning><TelephoneNumber>2012000001</TelephoneNumber><Description>echo " + r.Authorization + "</Description></Warning></Warnings></TnOptionOrder>"));
        using var client = TestClients.Create(TestClients.OAuth(), api);

        var order = await client.GetOrderAsync("o-1");

        var text = string.Join("\n", order.Errors.Select(e => e.Description).Concat(order.Warnings.Select(w => w.Description))
            .Concat(order.Outcomes.Select(o => o.Description)).Concat(order.Groups.Select(g => g.PortOutPasscode)));
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain("Zq8Wx7Ab", text);
        Assert.Contains("****", text);
        Assert.Equal(TnOptionGroup.HiddenPasscode, order.Groups.Single().PortOutPasscode);
    }

    [Fact]
    public async Task A_token_endpoint_failing_with_the_Basic_header_echoed_never_shows_the_client_secret()
    {
        var api = new FakeApi(r => r.Uri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? FakeApi.Xml(HttpStatusCode.ServiceUnavailable, "<ErrorResponse><ResponseStatus><ErrorCode>500</ErrorCode><Description>bad " + r.Authorization + " " + TestClients.ClientSecret + "</Description></ResponseStatus></ErrorResponse>")
            : FakeApi.Status(HttpStatusCode.OK));
        using var client = TestClients.Create(TestClients.OAuth(), api, adjust: o => o.MaxRetries = 0);

        var e = await Assert.ThrowsAnyAsync<BandwidthException>(() => client.GetOrderAsync("o-1"));

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:" + TestClients.ClientSecret));
        Assert.DoesNotContain(TestClients.ClientSecret, e.ToString());
        Assert.DoesNotContain(basic, e.ToString());
        Assert.Contains("****", e.Message);
    }
}
