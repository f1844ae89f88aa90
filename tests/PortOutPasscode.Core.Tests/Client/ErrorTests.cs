using PortOutPasscode.Contract;
using System.Net;
using System.Text;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>Each refusal the API or the way to it can give arrives as its own exception type, with a message a person can act on.</summary>
public class ErrorTests
{
    private static TnOptionOrderRequest TwoNumbers(string passcode = "a1b2c3") => new()
    {
        CustomerOrderId = "err-1",
        Groups = { new TnOptionGroup { PortOutPasscode = passcode, TelephoneNumbers = new[] { "2012000001", "2012000002" } } },
    };

    private static FakeApi Answer(HttpStatusCode status, string xml) => new(_ => FakeApi.Xml(status, xml));

    private static FakeApi AnswerFixture(HttpStatusCode status, string fixture) =>
        new(_ => FakeApi.Xml(status, File.ReadAllText(Fixtures.PathOf(fixture))));

    [Fact]
    public async Task A_401_names_the_user_and_account_and_says_which_credential_to_check()
    {
        using var client = TestClients.Create(TestClients.Basic(), new FakeApi(_ => FakeApi.Status(HttpStatusCode.Unauthorized)));

        var e = await Assert.ThrowsAsync<BandwidthAuthenticationException>(() => client.GetOrderAsync("o-1"));

        Assert.Equal(401, e.HttpStatus);
        Assert.Contains("user 'demo'", e.Message);
        Assert.Contains("account 9900000", e.Message);
        Assert.Contains("-Credential", e.Message);
        Assert.DoesNotContain(TestClients.Password, e.Message);
    }

    [Fact]
    public async Task A_403_says_the_credentials_were_recognised_but_may_not_use_the_account()
    {
        using var client = TestClients.Create(TestClients.Basic(), new FakeApi(_ => FakeApi.Status(HttpStatusCode.Forbidden)));

        var e = await Assert.ThrowsAsync<BandwidthAuthenticationException>(() => client.GetPasscodePageAsync("1", 10));

        Assert.Equal(403, e.HttpStatus);
        Assert.Contains("may not use account 9900000", e.Message);
    }

    [Fact]
    public async Task Error_5194_is_a_BandwidthFeatureDisabledException_that_says_whom_to_ask()
    {
        var api = Answer(HttpStatusCode.BadRequest,
            "<TnOptionOrderResponse><ResponseStatus><ErrorCode>5194</ErrorCode><Description>Port-Out Passcode feature is not enabled.</Description></ResponseStatus></TnOptionOrderResponse>");
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthFeatureDisabledException>(() => client.CreateOrderAsync(TwoNumbers()));

        Assert.Equal("5194", e.ErrorCode);
        Assert.Contains("Ask Bandwidth to enable", e.Message);
        Assert.Single(api.Requests);
    }

    [Theory]
    [InlineData("spec_v1_create_error_400_5081.xml", HttpStatusCode.BadRequest, "5081", "Number Format 'wrong' is invalid.")]
    [InlineData("spec_v1_create_error_409_5200.xml", HttpStatusCode.Conflict, "5200", "Origination route plan is not enabled for the account.")]
    public async Task An_order_refused_as_a_whole_is_a_BandwidthOrderRejectedException_with_code_description_and_numbers(
        string fixture, HttpStatusCode status, string code, string description)
    {
        var api = AnswerFixture(status, fixture);
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthOrderRejectedException>(() => client.CreateOrderAsync(TwoNumbers()));

        Assert.Equal((int)status, e.HttpStatus);
        Assert.Equal(code, e.Code);
        Assert.Equal(description, e.Description);
        Assert.Equal(new[] { "2012000001", "2012000002" }, e.TelephoneNumbers); // the API named none: the whole order
        Assert.Equal("err-1", e.CustomerOrderId);
        Assert.Contains(description, e.Message);
        Assert.Contains("none of its 2 numbers were changed", e.Message);
        Assert.Single(api.Requests); // a 4xx is final: no retry, no look-up
    }

    [Fact]
    public async Task A_rejection_that_names_numbers_carries_those_numbers()
    {
        var api = AnswerFixture(HttpStatusCode.BadRequest, "ghio_generic_order_error_errorlist.xml");
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthOrderRejectedException>(() => client.CreateOrderAsync(TwoNumbers()));

        Assert.Equal("5070", e.Code);
        Assert.Equal("Telephone number is invalid.", e.Description);
        Assert.Equal(new[] { "55544433" }, e.TelephoneNumbers);
    }

    [Fact]
    public async Task A_passcode_the_API_echoes_in_its_description_is_masked()
    {
        var api = Answer(HttpStatusCode.BadRequest,
            "<TnOptionOrderResponse><ResponseStatus><ErrorCode>5193</ErrorCode><Description>Passcode Qx7Secret is too weak for 2012000001.</Description></ResponseStatus></TnOptionOrderResponse>");
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthOrderRejectedException>(() => client.CreateOrderAsync(TwoNumbers("Qx7Secret")));

        Assert.Equal("Passcode **** is too weak for 2012000001.", e.Description);
        Assert.DoesNotContain("Qx7Secret", e.Message);
    }

    [Fact]
    public async Task A_server_that_echoes_the_credentials_back_has_them_masked()
    {
        var basicValue = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("demo:" + TestClients.Password));
        var api = Answer(HttpStatusCode.BadRequest,
            $"<TnOptionOrderResponse><ResponseStatus><ErrorCode>5193</ErrorCode><Description>Bad request from Basic {basicValue} (password {TestClients.Password}).</Description></ResponseStatus></TnOptionOrderResponse>");
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthOrderRejectedException>(() => client.CreateOrderAsync(TwoNumbers("Qx7Secret")));

        Assert.Equal("Bad request from Basic **** (password ****).", e.Description);
        Assert.DoesNotContain(TestClients.Password, e.Message);
        Assert.DoesNotContain(basicValue, e.Message);
    }

    [Fact]
    public async Task A_missing_order_is_a_BandwidthNotFoundException_naming_the_order_and_the_account()
    {
        using var client = TestClients.Create(TestClients.Basic(), AnswerFixture(HttpStatusCode.NotFound, "spec_v1_get_error_404.xml"));

        var e = await Assert.ThrowsAsync<BandwidthNotFoundException>(() => client.GetOrderAsync("no-such-order"));

        Assert.Equal(404, e.HttpStatus);
        Assert.Contains("'no-such-order'", e.Message);
        Assert.Contains("account 9900000", e.Message);
        await Assert.ThrowsAsync<BandwidthNotFoundException>(() => client.GetOrderHistoryAsync("no-such-order"));
    }

    /// <summary>Answers that are not the expected XML, and whether they are well-formed XML at all.</summary>
    public static TheoryData<string, bool> Unparseable => new()
    {
        { "<html><body><h1>502 Bad Gateway</h1></body></html", false },
        { "<TnOptionOrder><OrderId>o-1</OrderId><ProcessingStatus>COMPL", false }, // cut off mid-answer
        { "{\"orderId\":\"o-1\"}", false },
        { "<SomethingElse/>", true },
    };

    [Theory]
    [MemberData(nameof(Unparseable))]
    public async Task An_answer_that_is_not_the_expected_XML_is_a_BandwidthProtocolException(string body, bool wellFormed)
    {
        var api = Answer(HttpStatusCode.OK, body);
        using var client = TestClients.Create(TestClients.Basic(), api);

        var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => client.GetOrderAsync("o-1"));

        Assert.Contains("reading TN option order 'o-1' at " + TestClients.BaseUri, e.Message);
        Assert.Contains("Check -BaseUri", e.Message);
        // Broken XML may be an answer cut off on the way, so a read asks again (3 retries in these clients);
        // a well-formed answer of the wrong kind would come back the same, so it is not asked again.
        Assert.Equal(wellFormed ? 1 : 4, api.Requests.Count);
    }

    [Fact]
    public async Task A_create_answered_with_something_else_than_an_order_is_a_protocol_error_naming_the_order()
    {
        using var client = TestClients.Create(TestClients.Basic(), Answer(HttpStatusCode.Created, "<html>Welcome to the hotel Wi-Fi</html>"));

        var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => client.CreateOrderAsync(TwoNumbers()));

        Assert.Contains("creating TN option order 'err-1'", e.Message);
        Assert.Contains("Check -BaseUri", e.Message);
    }

    [Fact]
    public async Task An_answer_with_a_DOCTYPE_is_refused_and_its_external_entity_never_read()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), "pop-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secretFile, "LOCAL-FILE-CONTENT");
        try
        {
            var xml = $"<?xml version=\"1.0\"?><!DOCTYPE TnOptionOrder [<!ENTITY x SYSTEM \"{new Uri(secretFile).AbsoluteUri}\">]>" +
                      "<TnOptionOrder><OrderId>&x;</OrderId></TnOptionOrder>";
            using var client = TestClients.Create(TestClients.Basic(), Answer(HttpStatusCode.OK, xml));

            var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => client.GetOrderAsync("o-1"));

            Assert.Contains("DOCTYPE", e.Message);
            Assert.DoesNotContain("LOCAL-FILE-CONTENT", e.ToString());
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_larger_than_MaxResponseBytes_is_refused_whether_or_not_it_declares_its_length(bool declaresLength)
    {
        var big = "<TnOptionOrder><OrderId>o-1</OrderId><Padding>" + new string('x', 8000) + "</Padding></TnOptionOrder>";
        var api = new FakeApi(_ =>
        {
            var bytes = Encoding.UTF8.GetBytes(big);
            HttpContent content = declaresLength
                ? new ByteArrayContent(bytes)
                : new StreamContent(new UnknownLengthStream(bytes));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = TestClients.Create(TestClients.Basic(), api, adjust: o => o.MaxResponseBytes = 4096);

        var e = await Assert.ThrowsAsync<BandwidthProtocolException>(() => client.GetOrderAsync("o-1"));

        Assert.Contains("MaxResponseBytes (4096 bytes", e.Message);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task An_answer_within_MaxResponseBytes_is_read()
    {
        using var client = TestClients.Create(TestClients.Basic(), Answer(HttpStatusCode.OK, ResilienceTests.OrderXml),
            adjust: o => o.MaxResponseBytes = ResilienceTests.OrderXml.Length + 10);

        Assert.Equal("o-1", (await client.GetOrderAsync("o-1")).OrderId);
    }

    /// <summary>A body whose length is known only by reading it, as a chunked answer is.</summary>
    private sealed class UnknownLengthStream : MemoryStream
    {
        internal UnknownLengthStream(byte[] bytes) : base(bytes) { }

        public override bool CanSeek => false;
    }
}
