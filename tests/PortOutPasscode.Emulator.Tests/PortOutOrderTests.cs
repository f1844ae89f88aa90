using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// The port-out story as Bandwidth tells it: each simulated attempt is a port-out order; a PIN mismatch puts it in
/// EXCEPTION (7610), a second attempt with the right PIN completes it; GET portouts (cursor-paged by order id,
/// filtered) and GET portouts/{orderId} show them in the spec's shapes.
/// </summary>
public sealed class PortOutOrderTests
{
    private const string PortOuts = "/api/accounts/" + TestEmulator.Account + "/portouts";

    private static Task<JsonElement> PortOutAsync(TestEmulator emulator, object request, HttpStatusCode expected) =>
        emulator.AdminAsync(HttpMethod.Post, "portouts", request, expected);

    private static async Task<TestEmulator> ProtectedAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000101", "2012000102"));
        return emulator;
    }

    private static string[] OrderIds(XElement wrapper) => wrapper.Elements("lnpPortInfoForGivenStatus").Select(i => i.Element("OrderId").Value).ToArray();

    [Fact]
    public async Task A_mismatch_is_an_order_in_EXCEPTION_that_the_right_PIN_moves_on_to_COMPLETE()
    {
        await using var emulator = await ProtectedAsync();

        var wrong = await PortOutAsync(emulator, new { telephoneNumber = "2012000101", pin = "wrong1" }, HttpStatusCode.Conflict);
        var orderId = wrong.GetProperty("orderId").GetString();
        var parked = (await emulator.GetAsync($"{PortOuts}/{orderId}")).Xml;
        var listed = (await emulator.GetAsync(PortOuts + "?page=1&size=10")).Xml.Element("lnpPortInfoForGivenStatus");
        var again = await PortOutAsync(emulator, new { orderId, pin = "wrong2" }, HttpStatusCode.Conflict);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var right = await PortOutAsync(emulator, new { orderId, pin = "a1b2c3" }, HttpStatusCode.OK);
        var done = (await emulator.GetAsync($"{PortOuts}/{orderId}")).Xml;
        var once = await PortOutAsync(emulator, new { orderId, pin = "a1b2c3" }, HttpStatusCode.Conflict);

        Assert.Equal(("EXCEPTION", 7610, 1), (wrong.GetProperty("processingStatus").GetString(), wrong.GetProperty("errorCode").GetInt32(), wrong.GetProperty("attempts").GetInt32()));
        Assert.Equal("LnpOrderResponse", parked.Name.LocalName);
        Assert.Equal(new[] { "OrderId", "RequestedFocDate", "PON", "AccountId", "OrderCreateDate", "LastModifiedDate", "userId", "PortOutStatus", "SPID", "ListOfPhoneNumbers" },
            parked.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("EXCEPTION", parked.Element("PortOutStatus").Value);
        Assert.Equal("7610", listed.Element("ErrorCode").Value);
        Assert.Equal("PIN does not match the Passcodes on the telephone numbers being ported out", listed.Element("ErrorMessage").Value);
        Assert.Equal(("EXCEPTION", 2), (again.GetProperty("processingStatus").GetString(), again.GetProperty("attempts").GetInt32()));
        Assert.Equal((orderId, "COMPLETE", 3), (right.GetProperty("orderId").GetString(), right.GetProperty("processingStatus").GetString(), right.GetProperty("attempts").GetInt32()));
        Assert.Equal("COMPLETE", done.Element("PortOutStatus").Value);
        Assert.Null((await emulator.GetAsync(PortOuts + "?page=1&size=10")).Xml.Descendants("ErrorCode").FirstOrDefault());
        Assert.Equal(done.Element("LastModifiedDate").Value, done.Element("ActualFocDate").Value);
        Assert.NotEqual(done.Element("OrderCreateDate").Value, done.Element("LastModifiedDate").Value);
        Assert.Equal(new[] { "2012000101" }, done.Element("ListOfPhoneNumbers").Elements("PhoneNumber").Select(n => n.Value));
        Assert.Contains("only an order in EXCEPTION can be resubmitted", once.GetProperty("description").GetString());
        Assert.DoesNotContain("a1b2c3", done.ToString());
        Assert.DoesNotContain("wrong", done.ToString());
    }

    [Fact]
    public async Task A_number_without_a_passcode_ports_at_once_and_a_mixed_port_out_waits_for_every_PIN()
    {
        await using var emulator = await ProtectedAsync();

        var open = await PortOutAsync(emulator, new { telephoneNumber = "2012000200", pin = "any" }, HttpStatusCode.OK);
        var mixed = await PortOutAsync(emulator, new { telephoneNumbers = new[] { "2012000200", "2012000101" }, pin = "any" }, HttpStatusCode.Conflict);

        Assert.Equal(("COMPLETE", false), (open.GetProperty("processingStatus").GetString(), open.GetProperty("passcodeProtected").GetBoolean()));
        Assert.Equal("EXCEPTION", mixed.GetProperty("processingStatus").GetString());
        Assert.Equal(new[] { "2012000200", "2012000101" }, mixed.GetProperty("telephoneNumbers").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task The_list_has_the_spec_s_LNPResponseWrapper_shape()
    {
        await using var emulator = await ProtectedAsync();
        var wrong = await PortOutAsync(emulator, new { telephoneNumber = "2012000101", pin = "wrong1", spid = "123A", pon = "CARRIER-PON-1" }, HttpStatusCode.Conflict);

        var list = (await emulator.GetAsync(PortOuts + "?page=1&size=300")).Xml;

        Assert.Equal("LNPResponseWrapper", list.Name.LocalName);
        Assert.Equal(new[] { "TotalCount", "Links", "lnpPortInfoForGivenStatus" }, list.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("1", list.Element("TotalCount").Value);
        var item = list.Element("lnpPortInfoForGivenStatus");
        // The spec example's elements, in its order, then the documented ones it leaves out.
        Assert.Equal(new[] { "CountOfTNs", "userId", "OrderId", "OrderType", "lastModifiedDate", "ErrorCode", "ErrorMessage", "OrderDate",
            "ProcessingStatus", "RequestedFOCDate", "VendorId", "PON", "BillingTelephoneNumber" }, item.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(wrong.GetProperty("orderId").GetString(), item.Element("OrderId").Value);
        Assert.Equal(("1", "port_out", "EXCEPTION", "7610"), (item.Element("CountOfTNs").Value, item.Element("OrderType").Value,
            item.Element("ProcessingStatus").Value, item.Element("ErrorCode").Value));
        Assert.Equal(("123A", "CARRIER-PON-1", "2012000101"), (item.Element("VendorId").Value, item.Element("PON").Value, item.Element("BillingTelephoneNumber").Value));
        var ordered = DateTimeOffset.Parse(item.Element("OrderDate").Value, CultureInfo.InvariantCulture);
        Assert.Equal(ordered.AddDays(2), DateTimeOffset.Parse(item.Element("RequestedFOCDate").Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_list_pages_by_the_port_out_that_begins_the_page_oldest_first_and_new_ones_join_the_end()
    {
        await using var emulator = await ProtectedAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await PortOutAsync(emulator, new { telephoneNumber = (2012000300 + i).ToString(), pin = "x" }, HttpStatusCode.OK)).GetProperty("orderId").GetString());
        }

        var first = (await emulator.GetAsync(PortOuts + "?page=1&size=2")).Xml;
        ids.Add((await PortOutAsync(emulator, new { telephoneNumber = "2012000399", pin = "x" }, HttpStatusCode.OK)).GetProperty("orderId").GetString());
        var seen = OrderIds(first).ToList();
        for (var path = Paging.Next(first); path != null;)
        {
            var page = (await emulator.GetAsync(path)).Xml;
            seen.AddRange(OrderIds(page));
            path = Paging.Next(page);
            Assert.True(seen.Count <= 10, "the pages never ended");
        }

        Assert.Equal(ids, seen);
        Assert.Equal(ids[2], Paging.PageOf(first, "next"));
        Assert.Equal("5", first.Element("TotalCount").Value);
    }

    [Theory]
    [InlineData("status=exception", 1)]
    [InlineData("status=COMPLETE", 2)]
    [InlineData("tn=2012000101", 1)]
    [InlineData("tn=2012000500", 1)]
    [InlineData("startdate=2026-03-02&enddate=2026-03-02", 3)]
    [InlineData("startdate=2026-03-03&enddate=2026-03-09", 0)]
    [InlineData("date=2026-03-02", 3)]
    [InlineData("date=2026-03-01", 0)]
    public async Task Filters_narrow_the_list(string query, int expected)
    {
        await using var emulator = await ProtectedAsync(); // the test clock stands on 2026-03-02
        await PortOutAsync(emulator, new { telephoneNumber = "2012000101", pin = "wrong1" }, HttpStatusCode.Conflict);
        await PortOutAsync(emulator, new { telephoneNumber = "2012000102", pin = "a1b2c3" }, HttpStatusCode.OK);
        await PortOutAsync(emulator, new { telephoneNumber = "2012000500", pin = "a" }, HttpStatusCode.OK);

        var list = await emulator.GetAsync(PortOuts + "?page=1&size=300&" + query);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(expected.ToString(), list.Xml.Element("TotalCount").Value);
        Assert.Equal(expected, OrderIds(list.Xml).Length);
    }

    [Theory]
    [InlineData("startdate=2026-03-02")]
    [InlineData("enddate=2026-03-02")]
    [InlineData("status=lost")]
    [InlineData("date=March")]
    [InlineData("tn=abc")]
    [InlineData("size=0")]
    [InlineData("page=00000000-0000-0000-0000-000000000000")]
    public async Task A_query_it_cannot_serve_is_400_saying_why(string query)
    {
        await using var emulator = await ProtectedAsync();

        var answer = await emulator.GetAsync(PortOuts + "?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("LNPResponseWrapper", answer.Xml.Name.LocalName);
        Assert.StartsWith("The query is invalid", answer.Description);
    }

    [Fact]
    public async Task An_account_without_port_outs_lists_none_and_an_unknown_order_is_404()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var list = await emulator.GetAsync(PortOuts + "?page=1&size=300");
        var unknown = await emulator.GetAsync(PortOuts + "/" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("0", list.Xml.Element("TotalCount").Value);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("LnpOrderResponse", unknown.Xml.Name.LocalName);
    }

    [Fact]
    public async Task A_port_out_belongs_to_the_losing_account()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var done = await PortOutAsync(emulator, new { telephoneNumber = "3035550001", pin = "x" }, HttpStatusCode.OK);

        var other = await emulator.GetAsync($"{PortOuts}/{done.GetProperty("orderId").GetString()}");
        var own = await emulator.GetAsync($"/api/accounts/{TestEmulator.AccountWithoutFeature}/portouts/{done.GetProperty("orderId").GetString()}");

        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(TestEmulator.AccountWithoutFeature, own.Xml.Element("AccountId").Value);
    }
}
