using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>GET /accounts/{id}/tnoptions: summaries, orderDetails, every filter, the cap and the two-year window.</summary>
public sealed class OrderListTests
{
    private static async Task<XElement> ListAsync(TestEmulator emulator, string query = "", string account = TestEmulator.Account)
    {
        var answer = await emulator.GetAsync(TestEmulator.Orders(account) + query);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{query} answered {(int)answer.Status}: {answer.Text}");
        Assert.Equal("TnOptionOrders", answer.Xml.Name.LocalName);
        return answer.Xml;
    }

    private static string[] Ids(XElement list) =>
        list.Elements().Where(e => e.Name.LocalName != "TotalCount").Select(e => e.Element("OrderId").Value).ToArray();

    [Fact]
    public async Task Summaries_list_the_account_s_orders_newest_first_in_the_API_s_mixed_case()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "2012000002"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "5550000001")); // fails: 5076
        await emulator.CreateAsync(OrderXml.Order(null, Group.Option("Sms", "on", "3035550001")), TestEmulator.AccountWithoutFeature);
        emulator.FinishOrders();

        var list = await ListAsync(emulator);

        Assert.Equal("2", list.Element("TotalCount").Value);
        Assert.Equal(new[] { second, first }, Ids(list));
        var summary = list.Elements("TnOptionOrderSummary").Last();
        Assert.Equal(new[] { "accountId", "CountOfTNs", "userId", "lastModifiedDate", "OrderDate", "OrderType", "OrderStatus", "OrderId" },
            summary.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("9900000", summary.Element("accountId").Value);
        Assert.Equal("2", summary.Element("CountOfTNs").Value);
        Assert.Equal("demo", summary.Element("userId").Value);
        Assert.Equal("tn_option", summary.Element("OrderType").Value);
        Assert.Equal("COMPLETE", summary.Element("OrderStatus").Value);
        Assert.Equal("FAILED", list.Elements("TnOptionOrderSummary").First().Element("OrderStatus").Value);
    }

    [Fact]
    public async Task OrderDetails_true_lists_full_orders_with_their_groups_and_errors()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "5550000001"));
        emulator.FinishOrders();

        var list = await ListAsync(emulator, "?orderDetails=true");

        var order = Assert.Single(list.Elements("TnOptionOrder"));
        Assert.Empty(list.Elements("TnOptionOrderSummary"));
        Assert.Equal(orderId, order.Element("OrderId").Value);
        Assert.Equal("PARTIAL", order.Element("ProcessingStatus").Value);
        Assert.Equal("5550000001", order.Element("ErrorList").Element("Error").Element("TelephoneNumber").Value);
        Assert.Equal(2, order.Descendants("TelephoneNumber").Count(e => e.Parent.Name == "TelephoneNumbers"));
    }

    [Fact]
    public async Task Every_filter_narrows_the_list()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            Users = DemoDefaults.Users().Append(new ApiUserOptions { Name = "other", Password = "other-password", Accounts = { "*" } }).ToList(),
        });
        // The test clock starts on 2026-03-02.
        var complete = await emulator.CreateAsync(OrderXml.Order("batch-1", Group.Passcode("a1b2c3", "2012000001")));
        var failed = await emulator.CreateAsync(OrderXml.Order("batch-2", Group.Passcode("a1b2c3", "5550000001")));
        emulator.FinishOrders();
        emulator.Clock.Advance(TimeSpan.FromDays(2)); // 2026-03-04
        var byOther = (await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("zz99", "2012000002"),
            TestEmulator.Basic("other", "other-password"))).Xml.Element("TnOptionOrder").Element("OrderId").Value;

        Assert.Equal(new[] { byOther }, Ids(await ListAsync(emulator, "?status=RECEIVED")));
        Assert.Equal(new[] { complete }, Ids(await ListAsync(emulator, "?status=complete")));
        Assert.Equal(new[] { failed, complete }, Ids(await ListAsync(emulator, "?status=COMPLETE&status=FAILED")));
        Assert.Equal(new[] { failed, complete }, Ids(await ListAsync(emulator, "?status=COMPLETE,FAILED")));
        Assert.Equal(new[] { complete }, Ids(await ListAsync(emulator, "?tn=2012000001")));
        Assert.Equal(new[] { failed }, Ids(await ListAsync(emulator, "?customerOrderId=batch-2")));
        Assert.Equal(new[] { failed }, Ids(await ListAsync(emulator, "?orderIdFragment=" + failed[..8])));
        Assert.Equal(new[] { byOther }, Ids(await ListAsync(emulator, "?lastModifiedBy=other")));
        Assert.Equal(new[] { byOther }, Ids(await ListAsync(emulator, "?createdDateFrom=2026-03-03")));
        Assert.Equal(new[] { failed, complete }, Ids(await ListAsync(emulator, "?createdDateTo=2026-03-02")));
        Assert.Equal(new[] { failed, complete }, Ids(await ListAsync(emulator, "?createdDateFrom=2026-03-02&createdDateTo=2026-03-02")));
        Assert.Equal(new[] { byOther }, Ids(await ListAsync(emulator, "?modifiedDateFrom=2026-03-04")));
        Assert.Equal(new[] { failed, complete }, Ids(await ListAsync(emulator, "?modifiedDateTo=2026-03-03")));
        Assert.Equal(new[] { byOther }, Ids(await ListAsync(emulator, "?lastModifiedAfter=2026-03-03")));
        Assert.Equal(new[] { failed, complete }, Ids(await ListAsync(emulator, "?status=COMPLETE,FAILED&unknownParameter=ignored")));
        Assert.Empty(Ids(await ListAsync(emulator, "?customerOrderId=batch-1&status=FAILED")));
    }

    [Theory]
    [InlineData("?status=DONE")]
    [InlineData("?tn=12345")]
    [InlineData("?createdDateFrom=yesterday")]
    [InlineData("?modifiedDateTo=2026-13-01")]
    public async Task A_bad_query_is_404_as_the_API_answers(string query)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(TestEmulator.Orders() + query);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("TnOptionOrderReportResponse", answer.Xml.Name.LocalName);
        Assert.NotEmpty(answer.Description);
    }

    [Fact]
    public async Task At_most_MaxOrdersPerList_orders_are_listed_and_TotalCount_counts_them_all()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { MaxOrdersPerList = 3 });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", (2012000001 + i).ToString())));
            emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var list = await ListAsync(emulator);

        Assert.Equal("5", list.Element("TotalCount").Value);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), Ids(list));
    }

    [Fact]
    public async Task Without_a_narrowing_filter_only_the_last_two_years_are_listed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var old = await emulator.CreateAsync(OrderXml.Order("old", Group.Passcode("a1b2c3", "2012000001")));
        emulator.Clock.Advance(TimeSpan.FromDays(731));
        var recent = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000002"));

        Assert.Equal(new[] { recent }, Ids(await ListAsync(emulator)));
        Assert.Equal(new[] { old }, Ids(await ListAsync(emulator, "?customerOrderId=old")));
        Assert.Equal(new[] { recent, old }, Ids(await ListAsync(emulator, "?createdDateFrom=2020-01-01")));
    }

    [Fact]
    public async Task The_list_can_be_wrapped_in_TnOptionOrderReportResponse_like_the_OpenAPI_example()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { WrapOrderListInReportResponse = true });
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var answer = await emulator.GetAsync(TestEmulator.Orders());

        Assert.Equal("TnOptionOrderReportResponse", answer.Xml.Name.LocalName);
        Assert.Equal(orderId, answer.Xml.Element("TnOptionOrders").Element("TnOptionOrderSummary").Element("OrderId").Value);
    }
}
