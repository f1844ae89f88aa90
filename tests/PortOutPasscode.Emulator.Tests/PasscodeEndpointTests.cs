using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>GET /accounts/{id}/tnPortoutPasscodes (paged) and POST (look-up of a &lt;TnList&gt;, 2,500 at most).</summary>
public sealed class PasscodeEndpointTests
{
    private static Dictionary<string, string> Items(XElement response) =>
        response.Element("TelephoneNumbers").Elements("TelephoneNumber")
            .ToDictionary(e => e.Element("FullNumber").Value, e => e.Element("Passcode").Value);

    private static string[] ErrorNumbers(XElement response, int code) =>
        response.Element("ErrorList")?.Elements("Error").Where(e => e.Element("Code").Value == code.ToString())
            .SelectMany(e => e.Element("TelephoneNumbers").Elements("TelephoneNumber").Select(n => n.Value)).ToArray()
        ?? Array.Empty<string>();

    [Fact]
    public async Task Following_next_walks_every_stored_passcode_once_in_number_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var numbers = OrderXml.Numbers(2012000100, 7);
        await emulator.CreateAsync(OrderXml.Order(null, Group.Passcode("a1b2c3", numbers[..4]), Group.Passcode("d4e5f6", numbers[4..])));

        var seen = new Dictionary<string, string>();
        var pages = new List<int>();
        var path = TestEmulator.Passcodes() + "?page=1&size=3";
        for (var requests = 0; path != null && requests < 10; requests++)
        {
            var answer = await emulator.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("TelephoneNumbersResponse", answer.Xml.Name.LocalName);
            Assert.Equal("7", answer.Xml.Element("TelephoneNumberCount").Value);
            var items = Items(answer.Xml);
            pages.Add(items.Count);
            Assert.Equal(items.Keys.Order(StringComparer.Ordinal), items.Keys);
            foreach (var (number, passcode) in items) seen.Add(number, passcode);
            path = Paging.Next(answer.Xml);
        }

        Assert.Equal(new[] { 3, 3, 1 }, pages);
        Assert.Equal(await emulator.StoredPasscodesAsync(), seen);
        Assert.Equal("d4e5f6", seen[numbers[6]]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?page=1")]
    [InlineData("?size=10")]
    [InlineData("?page=0&size=10")]
    [InlineData("?page=1&size=0")]
    [InlineData("?page=one&size=10")]
    [InlineData("?page=1&size=10001")]
    public async Task Page_and_size_are_both_required_and_positive(string query)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(TestEmulator.Passcodes() + query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("TelephoneNumbersResponse", answer.Xml.Name.LocalName);
        Assert.Equal(15610, answer.ErrorCode);
    }

    [Fact]
    public async Task A_lookup_lists_passcodes_and_files_the_rest_under_15619_and_15610()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "2012000002"));

        var answer = await emulator.PostXmlAsync(TestEmulator.Passcodes(),
            OrderXml.TnList(new[] { "2012000001", "2012000002", "2012000003", "9195550001", "5550000001", "2012000001" }));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("TelephoneNumbersResponse", answer.Xml.Name.LocalName);
        Assert.Equal(new Dictionary<string, string> { ["2012000001"] = "a1b2c3", ["2012000002"] = "a1b2c3" }, Items(answer.Xml));
        Assert.Equal("2", answer.Xml.Element("TelephoneNumberCount").Value);
        Assert.Equal(new[] { "2012000003", "9195550001" }, ErrorNumbers(answer.Xml, 15619));
        Assert.Equal(new[] { "5550000001" }, ErrorNumbers(answer.Xml, 15610));
    }

    [Fact]
    public async Task A_lookup_where_every_number_has_a_passcode_has_no_ErrorList()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var answer = await emulator.PostXmlAsync(TestEmulator.Passcodes(), OrderXml.TnList(new[] { "2012000001" }));

        Assert.Null(answer.Xml.Element("ErrorList"));
        Assert.Single(Items(answer.Xml));
    }

    [Fact]
    public async Task A_lookup_takes_2500_numbers_and_refuses_2501_with_15607()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var most = await emulator.PostXmlAsync(TestEmulator.Passcodes(), OrderXml.TnList(OrderXml.Numbers(2012000000, 2500)));
        var tooMany = await emulator.PostXmlAsync(TestEmulator.Passcodes(), OrderXml.TnList(OrderXml.Numbers(2012000000, 2501)));

        Assert.Equal(HttpStatusCode.OK, most.Status);
        Assert.Equal(2500, ErrorNumbers(most.Xml, 15619).Length);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal(15607, tooMany.ErrorCode);
        Assert.Equal("The count of Telephone numbers in POST body exceeds the maximum size of 2500", tooMany.Description);
    }

    [Theory]
    [InlineData("<TnList><Tn>2012000001</Tn>")]
    [InlineData("<TelephoneNumbers><Tn>2012000001</Tn></TelephoneNumbers>")]
    public async Task A_lookup_body_that_is_not_a_TnList_is_400(string body)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.PostXmlAsync(TestEmulator.Passcodes(), body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("TelephoneNumbersResponse", answer.Xml.Name.LocalName);
        Assert.Null(answer.ErrorCode);
    }

    [Fact]
    public async Task Passcodes_belong_to_their_account()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var other = await emulator.GetAsync(TestEmulator.Passcodes(TestEmulator.AccountWithoutFeature) + "?page=1&size=10");

        Assert.Equal("0", other.Xml.Element("TelephoneNumberCount").Value);
        Assert.Empty(Items(other.Xml));
    }
}
