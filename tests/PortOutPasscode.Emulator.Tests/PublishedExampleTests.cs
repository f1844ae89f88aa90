using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// Bandwidth's published examples (../shared/fixtures/bandwidth, read in place; SOURCES.md says which are requests):
/// the request examples are sent as they are, and the emulator's answers are held to the response examples' shapes.
/// </summary>
public sealed class PublishedExampleTests
{
    /// <summary>Owns the numbers the examples use, and the API user of the guide's raw HTTP examples (username:password).</summary>
    private static EmulatorOptions ExampleAccount(string samePasscode = "error") => new()
    {
        SamePasscode = samePasscode,
        Accounts = new()
        {
            new AccountOptions
            {
                Id = TestEmulator.Account,
                OnNet = { "2018551020-2018551027", "2174101601-2174101603", "3172000000", "3172000207", "3172000285" },
                OffNet = { "9195550000-9195559999" },
                Passcodes = { ["3172000285"] = "1234", ["3172000207"] = "1234" },
            },
        },
        Users = DemoDefaults.Users().Append(new ApiUserOptions { Name = "username", Password = "password", Accounts = { TestEmulator.Account } }).ToList(),
    };

    private static XElement Published(string name) => XDocument.Load(Fixtures.PathOf(name)).Root;

    /// <summary>Posts a request example: an .xml body as the demo user, or a raw .http message with its own headers.</summary>
    private static async Task<(Answer Answer, XElement Request)> SendExampleAsync(TestEmulator emulator, string name)
    {
        if (!name.EndsWith(".http", StringComparison.Ordinal))
        {
            var xml = File.ReadAllText(Fixtures.PathOf(name));
            return (await emulator.PostXmlAsync(TestEmulator.Orders(), xml), XDocument.Parse(xml).Root);
        }
        var message = Fixtures.ReadHttp(name);
        var parts = message.StartLine.Split(' ');
        var path = new Uri(parts[1].Replace("{{accountId}}", TestEmulator.Account)).AbsolutePath;
        using var request = new HttpRequestMessage(new HttpMethod(parts[0]), path)
        {
            Content = new StringContent(message.Body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.Headers["Content-Type"]);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(message.Headers["Authorization"]);
        return (await emulator.SendAsync(request), XDocument.Parse(message.Body).Root);
    }

    /// <summary>Every element path ("TnOptionOrder/TnOptionGroups/…"); group options other than TelephoneNumbers are left out when asked.</summary>
    private static SortedSet<string> Paths(XElement root, bool withoutOptions = false)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(XElement element, string prefix)
        {
            var path = prefix + element.Name.LocalName;
            if (withoutOptions && element.Parent?.Name.LocalName == "TnOptionGroup" && element.Name.LocalName != "TelephoneNumbers") return;
            paths.Add(path);
            foreach (var child in element.Elements()) Walk(child, path + "/");
        }
        Walk(root, "");
        return paths;
    }

    /// <summary>The order's own children keep the published order (CustomerOrderId appears either first or after the status).</summary>
    private static void SameChildOrder(XElement published, XElement actual)
    {
        var common = published.Elements().Select(e => e.Name.LocalName).Intersect(actual.Elements().Select(e => e.Name.LocalName)).Where(n => n != "CustomerOrderId").ToHashSet();
        Assert.Equal(published.Elements().Select(e => e.Name.LocalName).Where(common.Contains), actual.Elements().Select(e => e.Name.LocalName).Where(common.Contains));
    }

    private static void Subset(SortedSet<string> published, SortedSet<string> actual) =>
        Assert.True(published.IsSubsetOf(actual), "missing: " + string.Join(", ", published.Except(actual)));

    [Theory]
    [InlineData("spec_v1_create_request_all_options.xml")]
    [InlineData("apidocs_guide_create_request_passcode_and_groups.xml")]
    [InlineData("csharp_create_request_serialized_passcode_sms_callforward.xml")]
    [InlineData("java_create_request_passcode.xml")]
    [InlineData("ghio_portoutpasscode_single_request.http")]
    [InlineData("ghio_portoutpasscode_group_request.http")]
    public async Task Each_published_create_request_is_accepted_echoed_and_applied(string name)
    {
        await using var emulator = await TestEmulator.StartAsync(ExampleAccount());

        var (answer, request) = await SendExampleAsync(emulator, name);

        Assert.True(answer.Status == HttpStatusCode.Created, $"{name}: {(int)answer.Status} {answer.Text}");
        var order = answer.Xml.Element("TnOptionOrder");
        var orderId = order.Element("OrderId").Value;
        Assert.EndsWith("/" + orderId, answer.Headers.Location.AbsolutePath);
        Assert.Equal(request.Element("CustomerOrderId")?.Value, order.Element("CustomerOrderId")?.Value);
        XmlAssert.SameElements(request.Element("TnOptionGroups").ToString(), order.Element("TnOptionGroups").ToString());

        emulator.FinishOrders();
        var final = await emulator.OrderAsync(orderId);
        Assert.Equal("COMPLETE", final.Element("ProcessingStatus").Value);
        Assert.Empty(final.Element("ErrorList").Elements());
        var before = ExampleAccount().Accounts[0].Passcodes;
        var expected = request.Descendants("TnOptionGroup")
            .Where(g => g.Element("PortOutPasscode") != null)
            .SelectMany(g => g.Descendants("TelephoneNumber").Select(n => (Number: n.Value, Passcode: g.Element("PortOutPasscode").Value)))
            .ToDictionary(p => p.Number, p => p.Passcode);
        Assert.NotEmpty(expected);
        Assert.Equal(before.Concat(expected).ToDictionary(), await emulator.StoredPasscodesAsync());
    }

    [Theory]
    [InlineData("ghio_portoutpasscode_single_request.http", "ghio_portoutpasscode_single_response_201.http")]
    [InlineData("ghio_portoutpasscode_group_request.http", "ghio_portoutpasscode_group_response_201.http")]
    public async Task The_201_answer_to_a_guide_request_has_the_guide_s_shape(string requestName, string responseName)
    {
        await using var emulator = await TestEmulator.StartAsync(ExampleAccount());
        var published = Fixtures.ReadHttp(responseName);
        var publishedXml = XDocument.Parse(published.Body).Root;

        var (answer, _) = await SendExampleAsync(emulator, requestName);

        Assert.Equal(published.StartLine.Split(' ')[1], ((int)answer.Status).ToString());
        Assert.Equal(MediaTypeHeaderValue.Parse(published.Headers["Content-Type"]).MediaType, answer.ContentHeaders.ContentType.MediaType);
        Assert.NotNull(answer.Headers.Location);
        Assert.Equal(Paths(publishedXml), Paths(answer.Xml));
        SameChildOrder(publishedXml.Element("TnOptionOrder"), answer.Xml.Element("TnOptionOrder"));
        Assert.Equal(publishedXml.Descendants("ProcessingStatus").Single().Value, answer.Xml.Descendants("ProcessingStatus").Single().Value);
    }

    [Fact]
    public async Task Get_is_a_bare_TnOptionOrder_with_the_spec_s_elements_and_Warnings()
    {
        await using var emulator = await TestEmulator.StartAsync(ExampleAccount(samePasscode: "warning"));
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2174101601"));
        var orderId = await emulator.CreateAsync(OrderXml.Order(null,
            Group.Passcode("a1b2c3", "2174101601"), Group.Option("CallingNameDisplay", "off", "2174101602"), Group.Option("CallingNameDisplay", "systemdefault", "2174101603")));
        emulator.FinishOrders();
        var published = Published("spec_v1_get_response_200_with_warnings.xml");

        var order = await emulator.OrderAsync(orderId);

        Assert.Equal("TnOptionOrder", order.Name.LocalName);
        Subset(Paths(published, withoutOptions: true), Paths(order, withoutOptions: true));
        SameChildOrder(published, order);
        Assert.Equal("2174101601", order.Element("Warnings").Element("Warning").Element("TelephoneNumber").Value);
    }

    [Fact]
    public async Task An_order_of_numbers_the_account_does_not_own_fails_as_the_published_failed_order()
    {
        await using var emulator = await TestEmulator.StartAsync(); // the demo account owns neither number
        var published = Published("java_get_response_failed_with_errorlist.xml");
        var request = new XElement("TnOptionOrder", new XElement(published.Element("TnOptionGroups")));

        var orderId = await emulator.CreateAsync(request.ToString());
        emulator.FinishOrders();
        var order = await emulator.OrderAsync(orderId);

        Assert.Equal(published.Element("ProcessingStatus").Value, order.Element("ProcessingStatus").Value);
        static string[] Errors(XElement o) => o.Element("ErrorList").Elements("Error")
            .Select(e => string.Join("|", e.Elements().Select(c => c.Name.LocalName + "=" + c.Value))).Order().ToArray();
        Assert.Equal(Errors(published), Errors(order));
        Assert.Equal(Paths(published), Paths(order));
        SameChildOrder(published, order);
    }

    [Fact]
    public async Task Lists_have_the_shapes_of_the_SDK_fixtures_and_of_the_spec_example()
    {
        await using var emulator = await TestEmulator.StartAsync(ExampleAccount());
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2018551020"));
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "5550000001"));
        emulator.FinishOrders();

        var summary = (await emulator.GetAsync(TestEmulator.Orders())).Xml;
        await emulator.AdminAsync(HttpMethod.Put, "settings", new { wrapOrderListInReportResponse = true });
        var wrapped = (await emulator.GetAsync(TestEmulator.Orders())).Xml;
        var details = (await emulator.GetAsync(TestEmulator.Orders() + "?orderDetails=true")).Xml;

        Assert.Equal(Paths(Published("csharp_list_summary.xml")), Paths(summary));
        Assert.Equal(Paths(Published("spec_v1_list_response_200_summary_SPLIT.xml")), Paths(wrapped));
        Assert.Equal(Paths(Published("spec_v1_list_response_200_orderDetails_SPLIT.xml"), withoutOptions: true), Paths(details, withoutOptions: true));
        var summaryItem = Published("csharp_list_summary.xml").Element("TnOptionOrderSummary");
        Assert.Equal(summaryItem.Elements().Select(e => e.Name.LocalName), summary.Element("TnOptionOrderSummary").Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task History_has_the_spec_s_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        emulator.FinishOrders();

        var history = (await emulator.GetAsync($"{TestEmulator.Orders()}/{orderId}/history")).Xml;

        Assert.Equal(Paths(Published("spec_v1_history_response_200.xml")), Paths(history));
    }

    [Fact]
    public async Task The_published_TnList_look_up_gets_the_published_answer()
    {
        await using var emulator = await TestEmulator.StartAsync(ExampleAccount());
        var published = Published("spec_v1_tnPortoutPasscodes_post_200_with_errorlist.xml");

        var answer = await emulator.PostXmlAsync(TestEmulator.Passcodes(), File.ReadAllText(Fixtures.PathOf("spec_v1_tnPortoutPasscodes_post_request_TnList.xml")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(Paths(published), Paths(answer.Xml));
        XmlAssert.SameElements(published.Element("TelephoneNumbers").ToString(), answer.Xml.Element("TelephoneNumbers").ToString());
        static string[] Numbers(XElement response, string code) => response.Element("ErrorList").Elements("Error")
            .Where(e => e.Element("Code").Value == code).SelectMany(e => e.Descendants("TelephoneNumber").Select(n => n.Value)).ToArray();
        Assert.Equal(Numbers(published, "15619"), Numbers(answer.Xml, "15619"));
        Assert.Subset(Numbers(answer.Xml, "15610").ToHashSet(), Numbers(published, "15610").ToHashSet());
        var descriptions = answer.Xml.Descendants("Description").Select(d => d.Value).ToArray();
        Assert.Equal(published.Descendants("Description").Select(d => d.Value), descriptions);
    }

    [Fact]
    public async Task A_passcode_page_has_the_spec_s_items()
    {
        await using var emulator = await TestEmulator.StartAsync(ExampleAccount());

        var page = (await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=500")).Xml;

        Subset(Paths(Published("spec_v1_tnPortoutPasscodes_get_200.xml")), Paths(page));
    }

    [Fact]
    public async Task Errors_are_ResponseStatus_answers_as_published()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var createError = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("no", "2012000001"));
        var notFound = await emulator.GetAsync($"{TestEmulator.Orders()}/{Guid.NewGuid()}");
        var tooMany = await emulator.PostXmlAsync(TestEmulator.Passcodes(), OrderXml.TnList(OrderXml.Numbers(2012000000, 2501)));

        Assert.Equal(Paths(Published("spec_v1_create_error_400_5081.xml")), Paths(createError.Xml));
        XmlAssert.SameElements(File.ReadAllText(Fixtures.PathOf("spec_v1_get_error_404.xml")), notFound.Text);
        XmlAssert.SameElements(File.ReadAllText(Fixtures.PathOf("spec_v1_tnPortoutPasscodes_post_400_15607.xml")), tooMany.Text);
    }
}
