using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// /api/v2, the Universal Platform base: every endpoint, numbers in E.164 (+12018551020) in requests and answers;
/// 10-digit numbers refused the way v2 does. v1 bases keep 10 digits for the same stored data.
/// </summary>
public sealed class V2Tests
{
    private const string V2 = "/api/v2/accounts/" + TestEmulator.Account;

    private static EmulatorOptions SpecNumbers() => new()
    {
        Accounts = new()
        {
            new AccountOptions { Id = TestEmulator.Account, OnNet = { "2018551020-2018551027", "2012000000-2012009999" }, InService = { "2012000001-2012000003" } },
        },
    };

    private static string[] Numbers(XElement root) => root.Descendants("TelephoneNumber").Select(n => n.Value).ToArray();

    [Fact]
    public async Task The_published_v2_create_request_is_accepted_and_answered_in_E164_with_the_published_shape()
    {
        await using var emulator = await TestEmulator.StartAsync(SpecNumbers());
        var request = File.ReadAllText(Fixtures.PathOf("spec_v2_create_request_e164.xml"));
        var published = XDocument.Load(Fixtures.PathOf("spec_v2_create_response_201_e164.xml")).Root;

        var answer = await emulator.PostXmlAsync(V2 + "/tnoptions", request);

        Assert.True(answer.Status == HttpStatusCode.Created, answer.Text);
        var order = answer.Xml.Element("TnOptionOrder");
        Assert.Equal(published.Element("TnOptionOrder").Elements().Select(e => e.Name.LocalName).Where(n => n != "CustomerOrderId"),
            order.Elements().Select(e => e.Name.LocalName).Where(n => n != "CustomerOrderId"));
        Assert.Equal(new[] { "+12018551020", "+12018551025", "+12018551026", "+12018551027" }, Numbers(order));
        Assert.StartsWith(emulator.Server.RootUri + "api/v2/accounts/9900000/tnoptions/", answer.Headers.Location.ToString());
        Assert.Equal("a1b2c3", (await emulator.StoredPasscodesAsync())["2018551020"]);
    }

    [Fact]
    public async Task A_v2_order_with_10_digit_numbers_is_refused_whole_with_5070_naming_them()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.PostXmlAsync(V2 + "/tnoptions",
            OrderXml.Order(null, Group.Passcode("a1b2c3", "+12012000001", "2012000002", "12012000003")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("TnOptionOrderResponse", answer.Xml.Name.LocalName);
        Assert.Equal(5070, answer.ErrorCode);
        Assert.Contains("E.164", answer.Description);
        Assert.Equal(new[] { "2012000002", "12012000003" }, Numbers(answer.Xml.Element("ResponseStatus")));
        Assert.Empty(await emulator.StoredOrdersAsync());
        Assert.Empty(await emulator.StoredPasscodesAsync());
    }

    [Fact]
    public async Task One_stored_order_reads_in_E164_on_v2_and_in_10_digits_on_v1_ErrorList_included()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "5550000001"));
        emulator.FinishOrders();

        var v2 = (await emulator.GetAsync($"{V2}/tnoptions/{orderId}")).Xml;
        var v1 = await emulator.OrderAsync(orderId);
        var v2List = (await emulator.GetAsync($"{V2}/tnoptions?tn=%2B12012000001&orderDetails=true")).Xml;

        Assert.Equal(new[] { "+12012000001", "+15550000001", "+15550000001" }, Numbers(v2));
        Assert.Equal("+15550000001", v2.Element("ErrorList").Element("Error").Element("TelephoneNumber").Value);
        Assert.Equal(new[] { "2012000001", "5550000001", "5550000001" }, Numbers(v1));
        Assert.Equal(orderId, v2List.Descendants("OrderId").Single().Value);
    }

    [Fact]
    public async Task A_v2_order_list_asked_for_a_10_digit_tn_is_a_bad_query()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync($"{V2}/tnoptions?tn=2012000001");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains("E.164", answer.Description);
    }

    [Fact]
    public async Task Passcode_pages_and_look_ups_speak_E164_and_their_links_lead_on_in_E164()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", OrderXml.Numbers(2012000001, 3)));

        var first = (await emulator.GetAsync($"{V2}/tnPortoutPasscodes?page=1&size=2")).Xml;
        var next = Paging.Url(first, "next");
        var second = (await emulator.GetAsync(next.PathAndQuery)).Xml;
        var lookup = await emulator.PostXmlAsync($"{V2}/tnPortoutPasscodes",
            OrderXml.TnList(new[] { "+12012000001", "2012000002", "+12012000009", "+15550000001" }));

        Assert.Equal(new[] { "+12012000001", "+12012000002" }, first.Descendants("FullNumber").Select(n => n.Value));
        Assert.StartsWith(emulator.Server.RootUri + "api/v2/accounts/9900000/tnPortoutPasscodes?page=%2B12012000003&size=2", next.ToString());
        Assert.Equal(new[] { "+12012000003" }, second.Descendants("FullNumber").Select(n => n.Value));
        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        Assert.Equal(new[] { "+12012000001" }, lookup.Xml.Element("TelephoneNumbers").Descendants("FullNumber").Select(n => n.Value));
        string[] Filed(string code) => lookup.Xml.Element("ErrorList").Elements("Error").Where(e => e.Element("Code").Value == code)
            .SelectMany(e => e.Descendants("TelephoneNumber").Select(n => n.Value)).ToArray();
        Assert.Equal(new[] { "2012000002" }, Filed("15608"));
        Assert.Equal("Input contains invalid Telephone Numbers",
            lookup.Xml.Element("ErrorList").Elements("Error").Single(e => e.Element("Code").Value == "15608").Element("Description").Value);
        Assert.Equal(new[] { "+12012000009" }, Filed("15619"));
        Assert.Equal(new[] { "+15550000001" }, Filed("15610"));
    }

    [Fact]
    public async Task A_v2_page_cursor_in_10_digits_is_refused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync($"{V2}/tnPortoutPasscodes?page=2012000001&size=2");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(15610, answer.ErrorCode);
    }

    [Fact]
    public async Task In_service_numbers_and_port_outs_read_in_E164_on_v2()
    {
        await using var emulator = await TestEmulator.StartAsync(SpecNumbers());
        await emulator.AdminAsync(HttpMethod.Post, "portouts", new { telephoneNumber = "2012000001", pin = "1234" });

        var inService = (await emulator.GetAsync($"{V2}/inserviceNumbers")).Xml;
        var one = await emulator.GetAsync($"{V2}/inserviceNumbers/+12012000002");
        var tenDigits = await emulator.GetAsync($"{V2}/inserviceNumbers/2012000002");
        var portOuts = (await emulator.GetAsync($"{V2}/portouts?page=1&size=10")).Xml;

        Assert.Equal(new[] { "+12012000001", "+12012000002", "+12012000003" }, inService.Descendants("TelephoneNumber").Select(n => n.Value));
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(HttpStatusCode.NotFound, tenDigits.Status);
        Assert.Equal("+12012000001", portOuts.Descendants("BillingTelephoneNumber").Single().Value);
    }
}
