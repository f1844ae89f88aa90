using System.Text;
using System.Xml.Linq;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Contract;

/// <summary>
/// Every verbatim answer and request in ../shared/fixtures/bandwidth is read, and the values read are checked. A fixture
/// added without a check here fails <see cref="Every_fixture_is_read_and_its_values_checked"/> until one is written.
/// </summary>
public class FixtureTests
{
    private static readonly Dictionary<string, Action> Checks = new()
    {
        ["apidocs_guide_create_request_passcode_and_groups.xml"] = () =>
        {
            var request = RequestFrom(Fixtures.Open("apidocs_guide_create_request_passcode_and_groups.xml"));
            Assert.Equal("TnOptionOrder1", request.CustomerOrderId);
            Assert.Equal("6042661720", request.Groups[0].CallForward);
            Assert.Equal("a1b2c3", request.Groups[0].PortOutPasscode);
            Assert.Equal(new[] { "2018551020" }, request.Groups[0].TelephoneNumbers);
            Assert.Equal("on", request.Groups[1].CallingNameDisplay);
            Assert.Equal("on", request.Groups[1].Sms);
            Assert.Equal(new[] { "9195551234" }, request.Groups[1].TelephoneNumbers);
            AssertWrittenBack(request, File.ReadAllText(Fixtures.PathOf("apidocs_guide_create_request_passcode_and_groups.xml")));
        },
        ["apidocs_guide_create_response_echoes_passcode.xml"] = () =>
        {
            var order = TnOptionXml.ReadOrder(Fixtures.Open("apidocs_guide_create_response_echoes_passcode.xml"));
            Assert.Equal("ddbdc72e-dc27-490c-904e-d0c11291b095", order.OrderId);
            Assert.Equal("TnOptionOrder1", order.CustomerOrderId);
            Assert.Equal("RECEIVED", order.ProcessingStatus);
            Assert.False(order.IsFinal);
            Assert.Equal(Utc(2016, 1, 15, 12, 1, 14, 324), order.OrderCreateDate);
            Assert.Equal(DateTimeKind.Utc, order.OrderCreateDate.Value.Kind);
            Assert.Equal("2016-01-15T12:01:14.324Z", order.OrderCreateDateText);
            Assert.Equal("a1b2c3", order.Groups[0].PortOutPasscode);
            Assert.Null(order.Groups[1].PortOutPasscode);
            Assert.Equal(new[] { "2018551020", "9195551234" }, order.TelephoneNumbers);
            Assert.Empty(order.Errors);
            Assert.Empty(order.UnknownElements);
        },
        ["csharp_create_request_serialized_passcode_sms_callforward.xml"] = () =>
        {
            var request = RequestFrom(Fixtures.Open("csharp_create_request_serialized_passcode_sms_callforward.xml"));
            Assert.Equal("customerOrderId", request.CustomerOrderId);
            Assert.Equal(3, request.Groups.Count);
            Assert.Equal("a1b2c3", request.Groups[0].PortOutPasscode);
            Assert.Equal("on", request.Groups[1].Sms);
            Assert.Equal("6042661720", request.Groups[2].CallForward);
            Assert.All(request.Groups, g => Assert.Equal(new[] { "2018551020", "2018551025" }, g.TelephoneNumbers));
            AssertWrittenBack(request, File.ReadAllText(Fixtures.PathOf("csharp_create_request_serialized_passcode_sms_callforward.xml")));
        },
        ["csharp_create_response.xml"] = () => AssertSpecCreateResponse(TnOptionXml.ReadOrder(Fixtures.Open("csharp_create_response.xml"))),
        ["ruby_create_response_oneline.xml"] = () => AssertSpecCreateResponse(TnOptionXml.ReadOrder(Fixtures.Open("ruby_create_response_oneline.xml"))),
        ["spec_v1_create_response_201.xml"] = () => AssertSpecCreateResponse(TnOptionXml.ReadOrder(Fixtures.Open("spec_v1_create_response_201.xml"))),
        ["csharp_get_response_with_warnings.xml"] = () => AssertOrderWithWarnings(TnOptionXml.ReadOrder(Fixtures.Open("csharp_get_response_with_warnings.xml"))),
        ["ruby_get_response_oneline.xml"] = () => AssertOrderWithWarnings(TnOptionXml.ReadOrder(Fixtures.Open("ruby_get_response_oneline.xml"))),
        ["spec_v1_get_response_200_with_warnings.xml"] = () => AssertOrderWithWarnings(TnOptionXml.ReadOrder(Fixtures.Open("spec_v1_get_response_200_with_warnings.xml"))),
        ["csharp_list_detailed_no_errorlist.xml"] = () =>
        {
            var orders = TnOptionXml.ReadOrders(Fixtures.Open("csharp_list_detailed_no_errorlist.xml")).Items;
            AssertDetailedList(orders);
            Assert.All(orders, o => Assert.Empty(o.Errors));
        },
        ["csharp_list_detailed_with_errorlist.xml"] = () => AssertDetailedListWithErrors(TnOptionXml.ReadOrders(Fixtures.Open("csharp_list_detailed_with_errorlist.xml")).Items),
        ["spec_v1_list_response_200_orderDetails_SPLIT.xml"] = () => AssertDetailedListWithErrors(TnOptionXml.ReadOrders(Fixtures.Open("spec_v1_list_response_200_orderDetails_SPLIT.xml")).Items),
        ["csharp_list_summary.xml"] = () => AssertSummaries(TnOptionXml.ReadOrderSummaries(Fixtures.Open("csharp_list_summary.xml")).Items),
        ["ruby_list_summary_oneline.xml"] = () => AssertSummaries(TnOptionXml.ReadOrderSummaries(Fixtures.Open("ruby_list_summary_oneline.xml")).Items),
        ["spec_v1_list_response_200_summary_SPLIT.xml"] = () => AssertSummaries(TnOptionXml.ReadOrderSummaries(Fixtures.Open("spec_v1_list_response_200_summary_SPLIT.xml")).Items),
        ["spec_v1_list_response_200_both_variants_verbatim.xml"] = () =>
        {
            // Documented as "not valid as one document" because it holds two alternative answers; it is well-formed XML
            // all the same (the "<!-- OR -->" is a comment), so it is read as such: summaries and details each found once.
            AssertSummaries(TnOptionXml.ReadOrderSummaries(Fixtures.Open("spec_v1_list_response_200_both_variants_verbatim.xml")).Items);
            AssertDetailedListWithErrors(TnOptionXml.ReadOrders(Fixtures.Open("spec_v1_list_response_200_both_variants_verbatim.xml")).Items);
        },
        ["node_list_summary_placeholders.xml"] = () =>
        {
            var summaries = TnOptionXml.ReadOrderSummaries(Fixtures.Open("node_list_summary_placeholders.xml")).Items;
            Assert.Equal(2, summaries.Count);
            Assert.Equal("accountId", summaries[0].AccountId);
            Assert.Equal(1, summaries[0].CountOfTNs);
            Assert.Null(summaries[0].LastModifiedDate);
            Assert.Equal("lastModifiedDate", summaries[0].LastModifiedDateText);
            Assert.Null(summaries[0].OrderDate);
            Assert.Equal("orderDate", summaries[0].OrderDateText);
            Assert.Equal("orderType", summaries[0].OrderType);
            Assert.Equal("FAILED", summaries[0].OrderStatus);
            Assert.Equal("14", summaries[1].AccountId);
            Assert.Equal("orderId2", summaries[1].OrderId);
            Assert.Equal("tn_option", summaries[1].OrderType);
        },
        ["node_create_response_status_failed.xml"] = () => AssertNodePlaceholders(TnOptionXml.ReadOrder(Fixtures.Open("node_create_response_status_failed.xml"))),
        ["node_get_response.xml"] = () => AssertNodePlaceholders(TnOptionXml.ReadOrder(Fixtures.Open("node_get_response.xml"))),
        ["java_get_response_failed_with_errorlist.xml"] = () =>
        {
            var order = TnOptionXml.ReadOrder(Fixtures.Open("java_get_response_failed_with_errorlist.xml"));
            Assert.Equal("FAILED", order.ProcessingStatus);
            Assert.True(order.IsFinal);
            AssertTwo5076(order);
        },
        ["java_create_request_passcode.xml"] = () =>
        {
            var request = RequestFrom(Fixtures.Open("java_create_request_passcode.xml"));
            Assert.Equal("TnOptionOrder1", request.CustomerOrderId);
            Assert.Equal("12abd38", Assert.Single(request.Groups).PortOutPasscode);
            AssertWrittenBack(request, File.ReadAllText(Fixtures.PathOf("java_create_request_passcode.xml")));
        },
        ["ghio_generic_order_error_errorlist.xml"] = () =>
        {
            var error = TnOptionXml.ReadErrorResponse(Fixtures.Open("ghio_generic_order_error_errorlist.xml"));
            Assert.Null(error.ErrorCode);
            var item = Assert.Single(error.Errors);
            Assert.Equal("5070", item.Code);
            Assert.Equal("Telephone number is invalid.", item.Description);
            Assert.Equal(new[] { "55544433" }, item.TelephoneNumbers);
        },
        ["ghio_portoutpasscode_single_request.http"] = () =>
        {
            var http = Fixtures.ReadHttp("ghio_portoutpasscode_single_request.http");
            Assert.StartsWith("POST ", http.StartLine);
            Assert.Equal("application/xml; charset=utf-8", http.Headers["Content-Type"]);
            var request = RequestFrom(http.BodyStream());
            Assert.Equal("a1b2c3", Assert.Single(request.Groups).PortOutPasscode);
            Assert.Equal(new[] { "2018551020" }, request.Groups[0].TelephoneNumbers);
            AssertWrittenBack(request, http.Body);
        },
        ["ghio_portoutpasscode_group_request.http"] = () =>
        {
            var http = Fixtures.ReadHttp("ghio_portoutpasscode_group_request.http");
            var request = RequestFrom(http.BodyStream());
            Assert.Equal(new[] { "2018551020", "2018551022", "2018551023" }, Assert.Single(request.Groups).TelephoneNumbers);
            AssertWrittenBack(request, http.Body);
        },
        ["ghio_portoutpasscode_single_response_201.http"] = () =>
        {
            var http = Fixtures.ReadHttp("ghio_portoutpasscode_single_response_201.http");
            Assert.Equal("HTTP/1.1 201 Created", http.StartLine);
            Assert.EndsWith("/tnoptions/{{order-id}}", http.Headers["Location"]);
            var order = TnOptionXml.ReadOrder(http.BodyStream());
            Assert.Equal("68498567-9ef8-4b43-a9a1-f8a507c059fe", order.OrderId);
            Assert.Equal("TnOptionOrder1", order.CustomerOrderId);
            Assert.Equal("{{accountId}}", order.AccountId);
            Assert.Equal("{{your-user}}", order.CreatedByUser);
            Assert.Equal(Utc(2020, 5, 22, 18, 22, 34, 391), order.OrderCreateDate);
            Assert.Equal("a1b2c3", Assert.Single(order.Groups).PortOutPasscode);
        },
        ["ghio_portoutpasscode_group_response_201.http"] = () =>
        {
            var http = Fixtures.ReadHttp("ghio_portoutpasscode_group_response_201.http");
            var order = TnOptionXml.ReadOrder(http.BodyStream());
            Assert.Equal("553b1243-8ab2-412e-a4eb-eedd76b6a183", order.OrderId);
            Assert.Equal("RECEIVED", order.ProcessingStatus);
            Assert.Equal(new[] { "2018551020", "2018551022", "2018551023" }, order.TelephoneNumbers);
        },
        ["spec_v1_create_error_400_5081.xml"] = () => AssertError("spec_v1_create_error_400_5081.xml", "5081", "Number Format 'wrong' is invalid."),
        ["spec_v1_create_error_409_5200.xml"] = () => AssertError("spec_v1_create_error_409_5200.xml", "5200", "Origination route plan is not enabled for the account."),
        ["spec_v1_get_error_404.xml"] = () => AssertError("spec_v1_get_error_404.xml", null, "The resource does not exist"),
        ["spec_v1_tnPortoutPasscodes_post_400_15607.xml"] = () => AssertError("spec_v1_tnPortoutPasscodes_post_400_15607.xml", "15607",
            "The count of Telephone numbers in POST body exceeds the maximum size of 2500"),
        ["spec_v1_tnPortoutPasscodes_get_400_15610.xml"] = () =>
        {
            var error = AssertError("spec_v1_tnPortoutPasscodes_get_400_15610.xml", "15610", "Telephone Numbers cannot be found on account(s) 2002013");
            Assert.Equal(new[] { "2012035088" }, error.TelephoneNumbers);
        },
        ["spec_v1_create_request_all_options.xml"] = () => AssertAllOptionsRequest("spec_v1_create_request_all_options.xml", "2018551020", "6042661720"),
        ["spec_v2_create_request_e164.xml"] = () => AssertAllOptionsRequest("spec_v2_create_request_e164.xml", "+12018551020", "+16042661720"),
        ["spec_v2_create_response_201_e164.xml"] = () =>
        {
            var order = TnOptionXml.ReadOrder(Fixtures.Open("spec_v2_create_response_201_e164.xml"));
            Assert.Equal("RECEIVED", order.ProcessingStatus);
            Assert.Equal(new[] { "+12018551020", "+12018551025" }, order.TelephoneNumbers);
            Assert.Equal("+16042661720", order.Groups[0].CallForward);
        },
        ["spec_v1_history_response_200.xml"] = () =>
        {
            var history = TnOptionXml.ReadOrderHistory(Fixtures.Open("spec_v1_history_response_200.xml"), "order-1");
            Assert.Equal(new[] { "received", "processing", "complete" }, history.Select(h => h.Status));
            Assert.All(history, h => Assert.Equal("admin", h.Author));
            Assert.All(history, h => Assert.Equal("order-1", h.OrderId));
            Assert.Equal("Order has been received by the system.", history[0].Note);
            Assert.Equal(Utc(2020, 9, 17, 8, 56, 39, 820), history[2].OrderDate);
        },
        ["spec_v1_tnPortoutPasscodes_get_200.xml"] = () =>
        {
            var list = TnOptionXml.ReadPasscodes(Fixtures.Open("spec_v1_tnPortoutPasscodes_get_200.xml"));
            Assert.Equal(new[] { "2018391000", "2024551000" }, list.Items.Select(i => i.TelephoneNumber));
            Assert.All(list.Items, i => { Assert.True(i.HasPasscode); Assert.Equal("1234", i.Passcode); });
            Assert.Null(list.TelephoneNumberCount);
            Assert.Empty(list.Errors);
        },
        ["spec_v1_tnPortoutPasscodes_post_200_with_errorlist.xml"] = () =>
        {
            var list = TnOptionXml.ReadPasscodes(Fixtures.Open("spec_v1_tnPortoutPasscodes_post_200_with_errorlist.xml"));
            Assert.Equal(4, list.TelephoneNumberCount);
            Assert.Equal(new[] { "3172000285", "3172000207" }, list.Items.Select(i => i.TelephoneNumber));
            Assert.Equal(new[] { "15619", "15610" }, list.Errors.Select(e => e.Code));
            Assert.Equal(new[] { "3172000000" }, list.Errors[0].TelephoneNumbers);
            Assert.Equal(new[] { "3172110285", "3172100285" }, list.Errors[1].TelephoneNumbers);
        },
        ["spec_v1_tnPortoutPasscodes_post_request_TnList.xml"] = () =>
        {
            var numbers = XDocument.Load(Fixtures.PathOf("spec_v1_tnPortoutPasscodes_post_request_TnList.xml")).Root.Elements("Tn").Select(e => e.Value).ToList();
            Assert.Equal(8, numbers.Count);
            var written = new MemoryStream();
            TnOptionXml.WriteTnList(numbers, written);
            XmlAssert.SameElements(File.ReadAllText(Fixtures.PathOf("spec_v1_tnPortoutPasscodes_post_request_TnList.xml")), Encoding.UTF8.GetString(written.ToArray()));
        },
    };

    public static IEnumerable<object[]> FixtureFiles() =>
        Fixtures.Present
            ? Directory.EnumerateFiles(Fixtures.Folder).Select(Path.GetFileName).Where(n => n.EndsWith(".xml") || n.EndsWith(".http")).OrderBy(n => n).Select(n => new object[] { n })
            : new[] { new object[] { "(fixtures folder not present)" } };

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Every_fixture_is_read_and_its_values_checked(string fileName)
    {
        Assert.True(Fixtures.Present, Fixtures.MissingMessage);
        Assert.True(Checks.TryGetValue(fileName, out var check), $"No value checks for fixture {fileName}: add them to {nameof(FixtureTests)}.");
        check();
    }

    [Fact]
    public void The_fixtures_folder_is_found_beside_the_repository()
    {
        Assert.True(Fixtures.Present, Fixtures.MissingMessage);
        Assert.True(Checks.Keys.All(name => File.Exists(Fixtures.PathOf(name))), "A checked fixture is gone from the folder.");
    }

    /// <summary>A request fixture read as an order (same element names), turned back into a request.</summary>
    private static TnOptionOrderRequest RequestFrom(Stream xml)
    {
        var order = TnOptionXml.ReadOrder(xml);
        return new TnOptionOrderRequest { CustomerOrderId = order.CustomerOrderId, Groups = order.Groups.ToList() };
    }

    /// <summary>Written again by the client, the request has the fixture's elements in the fixture's order.</summary>
    private static void AssertWrittenBack(TnOptionOrderRequest request, string fixtureXml)
    {
        var writer = new StringWriter();
        TnOptionXml.WriteOrderRequest(request, writer);
        XmlAssert.SameElements(fixtureXml, writer.ToString());
    }

    private static void AssertAllOptionsRequest(string name, string firstNumber, string callForward)
    {
        var request = RequestFrom(Fixtures.Open(name));
        Assert.Equal(4, request.Groups.Count);
        var first = request.Groups[0];
        Assert.Equal("10digit", first.NumberFormat);
        Assert.Equal("10digit", first.RPIDFormat);
        Assert.Equal("testUser1", first.RewriteUser);
        Assert.Equal(callForward, first.CallForward);
        Assert.Equal("on", first.CallingNameDisplay);
        Assert.Equal("a1b2c3", first.PortOutPasscode);
        Assert.Equal("true", first.Protected);
        Assert.Equal("on", first.Sms);
        Assert.Equal("sip:+12345678901@1.2.3.4:5060", first.FinalDestinationURI);
        Assert.Equal("M", first.A2pSettings.MessageClass);
        Assert.Equal("campaignId010", first.A2pSettings.CampaignId);
        Assert.Equal("asSpecified", first.A2pSettings.Action);
        Assert.Equal(new[] { firstNumber }, first.TelephoneNumbers);
        var plan = request.Groups[1].OriginationRoutePlan;
        Assert.Equal(5, plan.Routes.Length);
        Assert.Equal("sip:clarkkent@dailyplanet.com", plan.Routes[1].Endpoint);
        Assert.Equal("2", plan.Routes[1].Priority);
        Assert.Equal("50", plan.Routes[2].Weight);
        Assert.Equal("myhost.bandwidth.example", plan.Routes[4].Endpoint);
        Assert.Equal("asSpecified", plan.Action);
        Assert.Equal("true", request.Groups[2].PindropEnabled);
        Assert.Equal("true", request.Groups[3].CallVerificationEnabled);
        Assert.All(request.Groups, g => Assert.Empty(g.UnknownElements));
        AssertWrittenBack(request, File.ReadAllText(Fixtures.PathOf(name)));
    }

    private static void AssertSpecCreateResponse(TnOptionOrder order)
    {
        Assert.Equal("ddbdc72e-dc27-490c-904e-d0c11291b095", order.OrderId);
        Assert.Equal("14", order.AccountId);
        Assert.Equal("jbm", order.CreatedByUser);
        Assert.Equal("RECEIVED", order.ProcessingStatus);
        Assert.Null(order.CustomerOrderId);
        Assert.Equal(Utc(2016, 1, 15, 12, 1, 14, 324), order.LastModifiedDate);
        Assert.Equal(2, order.Groups.Length);
        var first = order.Groups[0];
        Assert.Equal("10digit", first.NumberFormat);
        Assert.Equal("10digit", first.RPIDFormat);
        Assert.Equal("testUser1", first.RewriteUser);
        Assert.Equal("6042661720", first.CallForward);
        Assert.Equal("on", first.CallingNameDisplay);
        Assert.Equal("true", first.Protected);
        Assert.Equal("on", first.Sms);
        Assert.Null(first.PortOutPasscode); // the 201 does not echo it
        Assert.Equal("off", order.Groups[1].CallingNameDisplay);
        Assert.Equal("false", order.Groups[1].Protected);
        Assert.Equal(new[] { "2018551020", "2018551025" }, order.TelephoneNumbers);
        Assert.Empty(order.Errors);
        Assert.Empty(order.Warnings);
    }

    private static void AssertOrderWithWarnings(TnOptionOrder order)
    {
        Assert.Equal("409033ee-88ec-43e3-85f3-538f30733963", order.OrderId);
        Assert.Equal("COMPLETE", order.ProcessingStatus);
        Assert.True(order.IsFinal);
        Assert.Equal(Utc(2016, 1, 15, 11, 22, 58, 789), order.OrderCreateDate);
        Assert.Equal(Utc(2016, 1, 15, 11, 22, 58, 969), order.LastModifiedDate);
        Assert.Equal(3, order.Groups.Length);
        Assert.Equal("systemdefault", order.Groups[2].CallingNameDisplay);
        Assert.Equal("sip:+12345678901@1.2.3.4:5060", order.Groups[2].FinalDestinationURI);
        Assert.Equal(new[] { "2174101601", "2174101602", "2174101603" }, order.TelephoneNumbers);
        var warning = Assert.Single(order.Warnings);
        Assert.Equal("2174101601", warning.TelephoneNumber);
        Assert.Equal("SMS is already Enabled or number is in processing.", warning.Description);
        Assert.Empty(order.Errors);
    }

    private static void AssertDetailedList(IReadOnlyList<TnOptionOrder> orders)
    {
        Assert.Equal(2, orders.Count);
        Assert.Equal("ddbdc72e-dc27-490c-904e-d0c11291b095", orders[0].OrderId);
        Assert.Equal("FAILED", orders[0].ProcessingStatus);
        Assert.Equal("sip:+12345678901@1.2.3.4:5060", orders[0].Groups[0].FinalDestinationURI);
        Assert.Equal("409033ee-88ec-43e3-85f3-538f30733963", orders[1].OrderId);
        Assert.Equal("COMPLETE", orders[1].ProcessingStatus);
        Assert.Equal("systemdefault", orders[1].Groups[2].CallingNameDisplay);
        Assert.Equal(new[] { "2174101601", "2174101602", "2174101603" }, orders[1].TelephoneNumbers);
    }

    private static void AssertDetailedListWithErrors(IReadOnlyList<TnOptionOrder> orders)
    {
        AssertDetailedList(orders);
        AssertTwo5076(orders[0]);
        Assert.Empty(orders[1].Errors);
    }

    private static void AssertTwo5076(TnOptionOrder order)
    {
        Assert.Equal(2, order.Errors.Length);
        Assert.All(order.Errors, e => Assert.Equal("5076", e.Code));
        Assert.All(order.Errors, e => Assert.Equal("Telephone number is not available.", e.Description));
        Assert.Equal(new[] { "2018551025" }, order.Errors[0].TelephoneNumbers);
        Assert.Equal(new[] { "2018551020" }, order.Errors[1].TelephoneNumbers);
    }

    private static void AssertSummaries(IReadOnlyList<TnOptionOrderSummary> summaries)
    {
        Assert.Equal(2, summaries.Count);
        var first = summaries[0];
        Assert.Equal("ddbdc72e-dc27-490c-904e-d0c11291b095", first.OrderId);
        Assert.Equal("14", first.AccountId);
        Assert.Equal(2, first.CountOfTNs);
        Assert.Equal("jbm", first.UserId);
        Assert.Equal(Utc(2016, 1, 15, 12, 1, 14, 363), first.LastModifiedDate);
        Assert.Equal(Utc(2016, 1, 15, 12, 1, 14, 324), first.OrderDate);
        Assert.Equal("tn_option", first.OrderType);
        Assert.Equal("FAILED", first.OrderStatus);
        Assert.Equal("409033ee-88ec-43e3-85f3-538f30733963", summaries[1].OrderId);
        Assert.Equal(3, summaries[1].CountOfTNs);
        Assert.Equal("COMPLETE", summaries[1].OrderStatus);
    }

    private static void AssertNodePlaceholders(TnOptionOrder order)
    {
        Assert.Equal("orderId", order.OrderId);
        Assert.Equal("user", order.CreatedByUser);
        Assert.Equal("FAILED", order.ProcessingStatus);
        Assert.Null(order.OrderCreateDate);
        Assert.Equal("createdDate", order.OrderCreateDateText);
        Assert.Null(order.LastModifiedDate);
        Assert.Equal("dateHere", order.LastModifiedDateText);
        Assert.Equal(2, order.Groups.Length);
        Assert.Equal("10digit", order.Groups[0].NumberFormat);
        Assert.Equal(new[] { "2018551020", "2018551025" }, order.TelephoneNumbers);
    }

    private static ErrorResponse AssertError(string name, string code, string description)
    {
        var error = TnOptionXml.ReadErrorResponse(Fixtures.Open(name));
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(description, error.Description);
        return error;
    }

    internal static DateTime Utc(int y, int mo, int d, int h, int mi, int s, int ms) => new(y, mo, d, h, mi, s, ms, DateTimeKind.Utc);
}
