using System.Text;
using System.Xml.Linq;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Core.Tests.Contract;

public class RequestWritingTests
{
    private static string Write(TnOptionOrderRequest request)
    {
        var stream = new MemoryStream();
        TnOptionXml.WriteOrderRequest(request, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Two_passcode_groups_are_written_exactly_as_expected()
    {
        var request = new TnOptionOrderRequest
        {
            CustomerOrderId = "batch-42",
            Groups =
            {
                new TnOptionGroup { PortOutPasscode = "a1b2c3", TelephoneNumbers = new[] { "2012000001", "2012000002" } },
                new TnOptionGroup { PortOutPasscode = "Zz9988", TelephoneNumbers = new[] { "2012000003" } },
            },
        };

        const string expected =
            "<TnOptionOrder>" +
              "<CustomerOrderId>batch-42</CustomerOrderId>" +
              "<TnOptionGroups>" +
                "<TnOptionGroup>" +
                  "<PortOutPasscode>a1b2c3</PortOutPasscode>" +
                  "<TelephoneNumbers><TelephoneNumber>2012000001</TelephoneNumber><TelephoneNumber>2012000002</TelephoneNumber></TelephoneNumbers>" +
                "</TnOptionGroup>" +
                "<TnOptionGroup>" +
                  "<PortOutPasscode>Zz9988</PortOutPasscode>" +
                  "<TelephoneNumbers><TelephoneNumber>2012000003</TelephoneNumber></TelephoneNumbers>" +
                "</TnOptionGroup>" +
              "</TnOptionGroups>" +
            "</TnOptionOrder>";
        Assert.Equal(expected, Write(request));

        var text = new StringWriter();
        TnOptionXml.WriteOrderRequest(request, text);
        Assert.Equal(expected, text.ToString());
    }

    [Fact]
    public void The_body_is_utf8_without_a_byte_order_mark()
    {
        var stream = new MemoryStream();
        TnOptionXml.WriteOrderRequest(new TnOptionOrderRequest
        {
            CustomerOrderId = "café",
            Groups = { new TnOptionGroup { PortOutPasscode = "abcd", TelephoneNumbers = new[] { "2012000001" } } },
        }, stream);
        var bytes = stream.ToArray();
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Contains("café", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_hostile_CustomerOrderId_is_escaped_by_the_writer_and_reads_back_unchanged()
    {
        const string hostile = "x</CustomerOrderId><Evil a=\"1\"/>&amp;<![CDATA[";
        var xml = Write(new TnOptionOrderRequest
        {
            CustomerOrderId = hostile,
            Groups = { new TnOptionGroup { PortOutPasscode = "abcd", TelephoneNumbers = new[] { "2012000001" } } },
        });

        Assert.Contains("<CustomerOrderId>x&lt;/CustomerOrderId&gt;&lt;Evil a=\"1\"/&gt;&amp;amp;&lt;![CDATA[</CustomerOrderId>", xml);
        var root = XDocument.Parse(xml).Root;
        Assert.Equal(hostile, Assert.Single(root.Elements("CustomerOrderId")).Value);
        Assert.Empty(root.Descendants("Evil"));
    }

    [Fact]
    public void A_value_that_XML_cannot_carry_is_refused_before_anything_is_written()
    {
        Assert.ThrowsAny<ArgumentException>(() => Write(new TnOptionOrderRequest
        {
            CustomerOrderId = "bad\u0001id",
            Groups = { new TnOptionGroup { PortOutPasscode = "abcd", TelephoneNumbers = new[] { "2012000001" } } },
        }));
    }

    [Fact]
    public void No_empty_element_is_written()
    {
        var xml = Write(new TnOptionOrderRequest
        {
            CustomerOrderId = null,
            Groups =
            {
                new TnOptionGroup
                {
                    PortOutPasscode = "systemDefault",
                    Sms = "",
                    CallForward = "   ",
                    A2pSettings = new A2pSettings(),
                    OriginationRoutePlan = new OriginationRoutePlan(),
                    TelephoneNumbers = new[] { "2012000001", "" },
                },
            },
        });
        Assert.Equal(
            "<TnOptionOrder><TnOptionGroups><TnOptionGroup><PortOutPasscode>systemDefault</PortOutPasscode>" +
            "<TelephoneNumbers><TelephoneNumber>2012000001</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups></TnOptionOrder>",
            xml);
    }

    [Fact]
    public void Every_option_is_written_in_the_spec_example_order()
    {
        var xml = Write(new TnOptionOrderRequest
        {
            CustomerOrderId = "all",
            Groups =
            {
                new TnOptionGroup
                {
                    CallVerificationEnabled = "true",
                    PindropEnabled = "false",
                    OriginationRoutePlan = new OriginationRoutePlan
                    {
                        Action = "asSpecified",
                        Routes = new[] { new OriginationRoute { Endpoint = "6105552502", Priority = "1", Weight = "100" } },
                    },
                    A2pSettings = new A2pSettings { Action = "asSpecified", CampaignId = "c1", MessageClass = "M" },
                    FinalDestinationURI = "sip:x@1.2.3.4",
                    Sms = "on",
                    Protected = "true",
                    PortOutPasscode = "a1b2c3",
                    CallingNameDisplay = "on",
                    CallForward = "6042661720",
                    RewriteUser = "u",
                    RPIDFormat = "10digit",
                    NumberFormat = "10digit",
                    TelephoneNumbers = new[] { "2012000001" },
                },
            },
        });
        var names = XDocument.Parse(xml).Root.Element("TnOptionGroups").Element("TnOptionGroup").Elements().Select(e => e.Name.LocalName);
        Assert.Equal(new[]
        {
            "NumberFormat", "RPIDFormat", "RewriteUser", "CallForward", "CallingNameDisplay", "PortOutPasscode", "Protected", "Sms",
            "FinalDestinationURI", "A2pSettings", "OriginationRoutePlan", "PindropEnabled", "CallVerificationEnabled", "TelephoneNumbers",
        }, names);
        Assert.Contains("<A2pSettings><MessageClass>M</MessageClass><CampaignId>c1</CampaignId><Action>asSpecified</Action></A2pSettings>", xml);
        Assert.Contains("<OriginationRoutePlan><Route><Endpoint>6105552502</Endpoint><Priority>1</Priority><Weight>100</Weight></Route><Action>asSpecified</Action></OriginationRoutePlan>", xml);
    }

    [Fact]
    public void An_order_without_groups_or_a_group_without_numbers_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Write(new TnOptionOrderRequest { CustomerOrderId = "x" }));
        Assert.Throws<ArgumentException>(() => Write(new TnOptionOrderRequest
        {
            Groups = { new TnOptionGroup { PortOutPasscode = "abcd", TelephoneNumbers = new[] { " " } } },
        }));
    }

    [Fact]
    public void The_look_up_body_lists_the_numbers()
    {
        var stream = new MemoryStream();
        TnOptionXml.WriteTnList(new[] { "2012000001", "2012000002" }, stream);
        Assert.Equal("<TnList><Tn>2012000001</Tn><Tn>2012000002</Tn></TnList>", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
