using System.Text;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Core.Tests.Contract;

/// <summary>Shapes the fixtures do not cover, written from the documented schema.</summary>
public class ResponseReadingTests
{
    private static Stream Xml(string xml) => new MemoryStream(Encoding.UTF8.GetBytes(xml));

    [Fact]
    public void Unknown_elements_of_an_order_and_of_a_group_are_kept_and_written_back()
    {
        var order = TnOptionXml.ReadOrder(Xml(
            "<TnOptionOrder><OrderId>o-1</OrderId><BrandNewField kind=\"x\"><Inner>1</Inner></BrandNewField>" +
            "<TnOptionGroups><TnOptionGroup><PortOutPasscode>abcd</PortOutPasscode><FutureOption mode=\"fast\">on</FutureOption>" +
            "<TelephoneNumbers><TelephoneNumber>2012000001</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups></TnOptionOrder>"));

        var orderExtra = Assert.Single(order.UnknownElements);
        Assert.Equal("BrandNewField", orderExtra.Name.LocalName);
        Assert.Equal("x", (string)orderExtra.Attribute("kind"));
        Assert.Equal("1", orderExtra.Element("Inner")?.Value);
        var groupExtra = Assert.Single(order.Groups[0].UnknownElements);
        Assert.Equal("<FutureOption mode=\"fast\">on</FutureOption>", groupExtra.ToString());

        var written = new StringWriter();
        TnOptionXml.WriteOrderRequest(new TnOptionOrderRequest { Groups = order.Groups.ToList() }, written);
        Assert.Contains("<PortOutPasscode>abcd</PortOutPasscode><FutureOption mode=\"fast\">on</FutureOption><TelephoneNumbers>", written.ToString());
    }

    [Fact]
    public void Names_are_read_in_any_case_and_status_words_keep_theirs()
    {
        var order = TnOptionXml.ReadOrder(Xml(
            "<tnOptionOrder><orderId>o-2</orderId><processingStatus>Complete</processingStatus><customerorderid>c-2</customerorderid>" +
            "<TnOptionGroups><TnOptionGroup><callingNameDisplay>systemdefault</callingNameDisplay><portoutpasscode>SystemDefault</portoutpasscode>" +
            "<telephoneNumbers><telephoneNumber>2012000002</telephoneNumber></telephoneNumbers></TnOptionGroup></TnOptionGroups></tnOptionOrder>"));
        Assert.Equal("o-2", order.OrderId);
        Assert.Equal("c-2", order.CustomerOrderId);
        Assert.Equal("Complete", order.ProcessingStatus);
        Assert.True(order.IsFinal);
        Assert.Equal("systemdefault", order.Groups[0].CallingNameDisplay);
        Assert.Equal("SystemDefault", order.Groups[0].PortOutPasscode);
        Assert.Equal(new[] { "2012000002" }, order.TelephoneNumbers);
    }

    [Fact]
    public void An_error_may_name_one_number_or_a_list_and_a_wrapper_ErrorList_joins_the_order_errors()
    {
        var order = TnOptionXml.ReadOrder(Xml(
            "<TnOptionOrderResponse><TnOptionOrder><OrderId>o-3</OrderId><ProcessingStatus>PARTIAL</ProcessingStatus><ErrorList>" +
            "<Error><Code>5076</Code><Description>Not on this account.</Description><TelephoneNumber>3035550001</TelephoneNumber></Error>" +
            "<Error><Code>5196</Code><Description>Only on-net numbers.</Description><TelephoneNumbers><TelephoneNumber>9195550001</TelephoneNumber><TelephoneNumber>9195550002</TelephoneNumber></TelephoneNumbers></Error>" +
            "</ErrorList></TnOptionOrder><ErrorList><Error><Code>5093</Code><Description>Duplicate.</Description><TelephoneNumber>2012000001</TelephoneNumber></Error></ErrorList>" +
            "</TnOptionOrderResponse>"));
        Assert.Equal(new[] { "5076", "5196", "5093" }, order.Errors.Select(e => e.Code));
        Assert.Equal(new[] { "3035550001" }, order.Errors[0].TelephoneNumbers);
        Assert.Equal(new[] { "9195550001", "9195550002" }, order.Errors[1].TelephoneNumbers);
        Assert.Equal("2012000001", Assert.Single(order.Errors[2].TelephoneNumbers));
        Assert.True(order.IsFinal);
    }

    [Theory]
    [InlineData("2016-01-15T12:01:14.324Z", 2016, 1, 15, 12, 1, 14, 324)]
    [InlineData("2016-01-15T12:01:14Z", 2016, 1, 15, 12, 1, 14, 0)]
    [InlineData("2016-01-15T07:01:14.324-05:00", 2016, 1, 15, 12, 1, 14, 324)]
    [InlineData("2016-01-15T12:01:14.3", 2016, 1, 15, 12, 1, 14, 300)]
    public void Dates_are_read_as_UTC(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        var order = TnOptionXml.ReadOrder(Xml($"<TnOptionOrder><OrderCreateDate>{text}</OrderCreateDate></TnOptionOrder>"));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc), order.OrderCreateDate);
        Assert.Equal(DateTimeKind.Utc, order.OrderCreateDate.Value.Kind);
        Assert.Equal(text, order.OrderCreateDateText);
    }

    [Theory]
    [InlineData("dateHere")]
    [InlineData("createdDate")]
    [InlineData("15/01/2016")]
    public void A_placeholder_date_keeps_its_text_and_no_value(string text)
    {
        var order = TnOptionXml.ReadOrder(Xml($"<TnOptionOrder><LastModifiedDate>{text}</LastModifiedDate></TnOptionOrder>"));
        Assert.Null(order.LastModifiedDate);
        Assert.Equal(text, order.LastModifiedDateText);
    }

    [Fact]
    public void An_empty_list_answer_is_an_empty_list_in_either_root()
    {
        Assert.Empty(TnOptionXml.ReadOrderSummaries(Xml("<TnOptionOrders><TotalCount>0</TotalCount></TnOptionOrders>")).Items);
        Assert.Empty(TnOptionXml.ReadOrders(Xml("<TnOptionOrderReportResponse><TnOptionOrders><TotalCount>0</TotalCount></TnOptionOrders></TnOptionOrderReportResponse>")).Items);
        Assert.Empty(TnOptionXml.ReadOrders(Xml("<TnOptionOrderReportResponse/>")).Items);
    }

    public static TheoryData<string> Refused => new()
    {
        // An external entity: with a resolver it would read a local file into the order id.
        "<?xml version=\"1.0\"?><!DOCTYPE TnOptionOrder [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><TnOptionOrder><OrderId>&x;</OrderId></TnOptionOrder>",
        // Entity expansion ("billion laughs").
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><TnOptionOrder><OrderId>&lol2;</OrderId></TnOptionOrder>",
        // A harmless-looking DOCTYPE is refused all the same.
        "<!DOCTYPE TnOptionOrder><TnOptionOrder><OrderId>o</OrderId></TnOptionOrder>",
        "<html><body>Bad gateway",
        "",
        "{\"orderId\":\"o\"}",
        "<SomethingElse><OrderId>o</OrderId></SomethingElse>",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_DOCTYPE_or_anything_that_is_not_the_expected_XML_is_refused_as_a_protocol_error(string body)
    {
        var e = Assert.Throws<BandwidthProtocolException>(() => TnOptionXml.ReadOrder(Xml(body)));
        Assert.DoesNotContain("root:", e.Message); // the file was never read
    }

    [Fact]
    public void List_history_passcode_and_error_readers_refuse_a_DOCTYPE_too()
    {
        const string doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>";
        Assert.Throws<BandwidthProtocolException>(() => TnOptionXml.ReadOrderSummaries(Xml(doctype + "<TnOptionOrders/>")));
        Assert.Throws<BandwidthProtocolException>(() => TnOptionXml.ReadOrders(Xml(doctype + "<TnOptionOrders/>")));
        Assert.Throws<BandwidthProtocolException>(() => TnOptionXml.ReadOrderHistory(Xml(doctype + "<OrderHistoryWrapper/>")));
        Assert.Throws<BandwidthProtocolException>(() => TnOptionXml.ReadPasscodes(Xml(doctype + "<TelephoneNumbersResponse/>")));
        Assert.Throws<BandwidthProtocolException>(() => TnOptionXml.ReadErrorResponse(Xml(doctype + "<R/>")));
    }
}
