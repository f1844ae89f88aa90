using System.Security;
using System.Text;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Core.Tests.Contract;

/// <summary>
/// The port-out and subscription answers read from samples written here after numbers.yml's schemas (LNPResponseWrapper,
/// LnpOrderResponse, SubscriptionsResponse), and the subscription request as written.
/// </summary>
public class PortOutAndSubscriptionXmlTests
{
    private static MemoryStream Xml(string text) => new(Encoding.UTF8.GetBytes(text));

    private const string ListPage = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <LNPResponseWrapper>
          <TotalCount>3</TotalCount>
          <Links>
            <first>Link=&lt;https://dashboard.bandwidth.com:443/v1.0/accounts/9500012/portouts?page=1&amp;size=2&gt;;rel="first";</first>
            <next>Link=&lt;https://dashboard.bandwidth.com:443/v1.0/accounts/9500012/portouts?status=exception&amp;page=0b6e51b6-6f7c-4c0e-9a56-3f0dbb1c7a10&amp;size=2&gt;;rel="next";</next>
          </Links>
          <lnpPortInfoForGivenStatus>
            <CountOfTNs>2</CountOfTNs>
            <userId>System</userId>
            <OrderId>5e0c2f21-7a43-4b8e-92f4-0d6b4a1e9c01</OrderId>
            <OrderType>port_out</OrderType>
            <lastModifiedDate>2026-11-30T08:15:02.118Z</lastModifiedDate>
            <ErrorCode>7610</ErrorCode>
            <ErrorMessage>PIN does not match the Passcodes on the telephone numbers being ported out</ErrorMessage>
            <OrderDate>2026-11-30T08:15:01.900Z</OrderDate>
            <ProcessingStatus>EXCEPTION</ProcessingStatus>
            <RequestedFOCDate>2026-12-02T08:15:01.900Z</RequestedFOCDate>
            <VendorId>512E</VendorId>
            <VendorName>Winning Wireless</VendorName>
            <PON>PON4471</PON>
            <BillingTelephoneNumber>+12018551020</BillingTelephoneNumber>
            <CompanyName>Example Co</CompanyName>
          </lnpPortInfoForGivenStatus>
          <lnpPortInfoForGivenStatus>
            <CountOfTNs>1</CountOfTNs>
            <userId>System</userId>
            <OrderId>7d2b9a40-1c55-4f0e-8b1a-6e3f2d9c4b02</OrderId>
            <OrderType>port_out</OrderType>
            <lastModifiedDate>dateHere</lastModifiedDate>
            <OrderDate>2026-11-29T10:00:00.000Z</OrderDate>
            <FullNumber>9727717577</FullNumber>
            <ProcessingStatus>COMPLETE</ProcessingStatus>
            <RequestedFOCDate>2026-12-01T00:00:00.000Z</RequestedFOCDate>
            <ActualFOCDate>2026-12-01T09:30:00.000Z</ActualFOCDate>
            <VendorId>8A3F</VendorId>
          </lnpPortInfoForGivenStatus>
        </LNPResponseWrapper>
        """;

    [Fact]
    public void A_port_out_page_gives_each_order_its_numbers_in_ten_digits_the_7610_and_the_next_cursor()
    {
        var page = PortOutXml.ReadPortOutPage(Xml(ListPage));

        Assert.Equal(3, page.TotalCount);
        Assert.Equal("0b6e51b6-6f7c-4c0e-9a56-3f0dbb1c7a10", page.Next);
        Assert.Equal(2, page.Items.Count);

        var held = page.Items[0];
        Assert.Equal("5e0c2f21-7a43-4b8e-92f4-0d6b4a1e9c01", held.OrderId);
        Assert.Equal("EXCEPTION", held.ProcessingStatus);
        Assert.Equal("7610", held.ErrorCode);
        Assert.True(held.PinMismatch);
        Assert.StartsWith("PIN does not match", held.ErrorMessage);
        Assert.Equal(2, held.CountOfTNs);
        Assert.Equal("2018551020", held.BillingTelephoneNumber);
        Assert.Equal(new[] { "2018551020" }, held.TelephoneNumbers);
        Assert.Equal(new DateTime(2026, 11, 30, 8, 15, 2, 118, DateTimeKind.Utc), held.LastModifiedDate);
        Assert.Equal(new DateTime(2026, 12, 2, 8, 15, 1, 900, DateTimeKind.Utc), held.RequestedFocDate);
        Assert.Equal("512E", held.VendorId);
        Assert.Equal("Winning Wireless", held.VendorName);
        Assert.Equal("PON4471", held.Pon);
        Assert.Equal("System", held.UserId);
        Assert.Equal("port_out", held.OrderType);
        Assert.Equal("CompanyName", Assert.Single(held.UnknownElements).Name.LocalName); // kept, not dropped

        var done = page.Items[1];
        Assert.False(done.PinMismatch);
        Assert.Null(done.ErrorCode);
        Assert.Equal(new[] { "9727717577" }, done.TelephoneNumbers);
        Assert.Null(done.LastModifiedDate); // a placeholder, kept as text
        Assert.Equal("dateHere", done.LastModifiedDateText);
        Assert.Equal(new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), done.ActualFocDate);
    }

    [Fact]
    public void An_empty_port_out_list_has_no_items_and_no_next_page()
    {
        var page = PortOutXml.ReadPortOutPage(Xml("<LNPResponseWrapper><TotalCount>0</TotalCount><Links/></LNPResponseWrapper>"));
        Assert.Empty(page.Items);
        Assert.Null(page.Next);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public void One_port_out_reads_PortOutStatus_SPID_and_every_number_and_keeps_the_asked_id_when_the_answer_has_none()
    {
        const string answer = """
            <LnpOrderResponse>
              <RequestedFocDate>2026-12-03T11:44:36Z</RequestedFocDate>
              <PON>PONEECA280DF3</PON>
              <AccountId>9900000</AccountId>
              <OrderCreateDate>2026-12-01T11:44:36.514Z</OrderCreateDate>
              <LastModifiedDate>2026-12-01T11:44:37.140Z</LastModifiedDate>
              <userId>System</userId>
              <PortOutStatus>EXCEPTION</PortOutStatus>
              <SPID>512E</SPID>
              <ListOfPhoneNumbers><PhoneNumber>+12012000101</PhoneNumber><PhoneNumber>2012000102</PhoneNumber></ListOfPhoneNumbers>
            </LnpOrderResponse>
            """;

        var portOut = PortOutXml.ReadPortOut(Xml(answer), "8e1f7ed3-81d7-4759-ac61-506ecbae0135");

        Assert.Equal("8e1f7ed3-81d7-4759-ac61-506ecbae0135", portOut.OrderId);
        Assert.Equal("EXCEPTION", portOut.ProcessingStatus);
        Assert.Equal("512E", portOut.VendorId);
        Assert.Equal("9900000", portOut.AccountId);
        Assert.Equal(new[] { "2012000101", "2012000102" }, portOut.TelephoneNumbers);
        Assert.Equal(new DateTime(2026, 12, 1, 11, 44, 36, 514, DateTimeKind.Utc), portOut.OrderDate);
        Assert.Equal(new DateTime(2026, 12, 3, 11, 44, 36, DateTimeKind.Utc), portOut.RequestedFocDate);
        Assert.Null(portOut.ActualFocDate);
        Assert.Empty(portOut.UnknownElements);
    }

    [Fact]
    public void Another_document_where_a_port_out_answer_was_expected_is_a_protocol_error()
    {
        var e = Assert.Throws<BandwidthProtocolException>(() => PortOutXml.ReadPortOutPage(Xml("<TNs><TotalCount>1</TotalCount></TNs>")));
        Assert.Contains("<TNs>", e.Message);
        Assert.Throws<BandwidthProtocolException>(() => PortOutXml.ReadPortOut(Xml("<LNPResponseWrapper/>"), "x"));
    }

    [Fact]
    public void Subscriptions_are_read_with_their_target_and_never_a_callback_password()
    {
        const string answer = """
            <SubscriptionsResponse>
              <Subscriptions>
                <Subscription>
                  <SubscriptionId>0b3aa54d-0ce5-4f5b-bd75-1c30967b197f</SubscriptionId>
                  <OrderType>portouts</OrderType>
                  <EmailSubscription><Email>noc@example.com</Email><DigestRequested>DAILY</DigestRequested></EmailSubscription>
                </Subscription>
                <Subscription>
                  <SubscriptionId>ddf05927-780f-4f8f-89ab-e581f52f5f20</SubscriptionId>
                  <OrderType>tnoptions</OrderType>
                  <OrderId>409033ee-88ec-43e3-85f3-538f30733963</OrderId>
                  <CallbackSubscription>
                    <URL>"https://hooks.example.com/bandwidth"</URL>
                    <Expiry>30000</Expiry>
                    <Status>200 OK</Status>
                    <CallbackCredentials><BasicAuthentication><Username>hook</Username><Password>echoed-Pw-9</Password></BasicAuthentication></CallbackCredentials>
                    <NumberFormat>LEGACY</NumberFormat>
                  </CallbackSubscription>
                </Subscription>
                <Subscription>
                  <SubscriptionId>1b2a054d-0ce5-4f5b-bd75-1c30967b197f</SubscriptionId>
                  <EventType>MESSAGING_LOST</EventType>
                  <EmailSubscription><Email>ops@example.com</Email><DigestRequested>NONE</DigestRequested></EmailSubscription>
                </Subscription>
              </Subscriptions>
            </SubscriptionsResponse>
            """;

        var subscriptions = SubscriptionXml.ReadSubscriptions(Xml(answer));

        Assert.Equal(3, subscriptions.Count);
        var email = subscriptions[0];
        Assert.Equal(("portouts", "Email", "noc@example.com", "DAILY"), (email.OrderType, email.Channel, email.Target, email.DigestRequested));
        var callback = subscriptions[1];
        Assert.Equal("https://hooks.example.com/bandwidth", callback.CallbackUrl); // the spec's quotes are not part of it
        Assert.Equal("Callback", callback.Channel);
        Assert.Equal(30000, callback.ExpirySeconds);
        Assert.Equal("200 OK", callback.CallbackStatus);
        Assert.Equal("hook", callback.CallbackUserName);
        Assert.Equal("LEGACY", callback.NumberFormat);
        Assert.Equal("409033ee-88ec-43e3-85f3-538f30733963", callback.OrderId);
        Assert.Equal("MESSAGING_LOST", subscriptions[2].EventType);
        Assert.Null(subscriptions[2].OrderType);
        var everything = string.Join("|", subscriptions.SelectMany(s => typeof(BwSubscription).GetProperties().Select(p => p.GetValue(s)?.ToString())));
        Assert.DoesNotContain("echoed-Pw-9", everything);
    }

    [Fact]
    public void One_subscription_is_read_from_each_shape_an_answer_may_take()
    {
        const string item = "<Subscription><SubscriptionId>s-1</SubscriptionId><OrderType>portouts</OrderType><EmailSubscription><Email>a@b.c</Email><DigestRequested>NONE</DigestRequested></EmailSubscription></Subscription>";
        foreach (var answer in new[] { $"<SubscriptionsResponse><Subscriptions>{item}</Subscriptions></SubscriptionsResponse>", $"<SubscriptionResponse>{item}</SubscriptionResponse>", item })
        {
            Assert.Equal("s-1", Assert.Single(SubscriptionXml.ReadSubscriptions(Xml(answer))).SubscriptionId);
        }
        Assert.Throws<BandwidthProtocolException>(() => SubscriptionXml.ReadSubscriptions(Xml("<TnOptionOrders/>")));
    }

    [Fact]
    public void An_email_subscription_is_written_in_the_spec_s_element_order()
    {
        var request = new SubscriptionRequest { OrderType = "portouts", OrderId = "e75dc861-95ed-427e-8688-976132a69549", Email = "noc@example.com", DigestRequested = "DAILY" };

        Assert.Equal(
            "<Subscription><OrderType>portouts</OrderType><OrderId>e75dc861-95ed-427e-8688-976132a69549</OrderId><EmailSubscription><Email>noc@example.com</Email><DigestRequested>DAILY</DigestRequested></EmailSubscription></Subscription>",
            Written(request));
    }

    [Fact]
    public void A_callback_subscription_carries_its_URL_expiry_and_Basic_credentials_and_no_empty_element()
    {
        var password = new SecureString();
        foreach (var c in "Hook-Pw-1<&") password.AppendChar(c);
        var request = new SubscriptionRequest
        {
            OrderType = "tnoptions",
            CallbackUrl = new Uri("https://hooks.example.com/bw?key=abc"),
            ExpirySeconds = 3600,
            CallbackUserName = "hook",
            CallbackPassword = password,
        };

        Assert.Equal(
            "<Subscription><OrderType>tnoptions</OrderType><CallbackSubscription><URL>https://hooks.example.com/bw?key=abc</URL><Expiry>3600</Expiry><CallbackCredentials><BasicAuthentication><Username>hook</Username><Password>Hook-Pw-1&lt;&amp;</Password></BasicAuthentication></CallbackCredentials></CallbackSubscription></Subscription>",
            Written(request));
        Assert.Equal("https://hooks.example.com/bw", request.Target); // what messages name: no query

        var bare = Written(new SubscriptionRequest { OrderType = "portouts", CallbackUrl = new Uri("https://hooks.example.com/bw") });
        Assert.Equal("<Subscription><OrderType>portouts</OrderType><CallbackSubscription><URL>https://hooks.example.com/bw</URL></CallbackSubscription></Subscription>", bare);
    }

    [Fact]
    public void A_subscription_with_both_targets_or_neither_is_not_written()
    {
        Assert.Throws<ArgumentException>(() => Written(new SubscriptionRequest { OrderType = "portouts" }));
        Assert.Throws<ArgumentException>(() => Written(new SubscriptionRequest { OrderType = "portouts", Email = "a@b.c", CallbackUrl = new Uri("https://h.example/") }));
    }

    private static string Written(SubscriptionRequest request)
    {
        using var buffer = new MemoryStream();
        SubscriptionXml.WriteSubscription(request, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
