using System.Globalization;
using System.Text;
using System.Xml;
using PortOutPasscode.Emulator.Api;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.Xml;

/// <summary>
/// Writes every XML answer with an XmlWriter, in the element names and order of Bandwidth's published examples
/// (docs: ../shared/fixtures/bandwidth). User data only ever goes through WriteString/WriteTo, so it is escaped.
/// </summary>
internal static class ResponseXml
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        CloseOutput = false,
    };

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartDocument(standalone: true);
            write(writer);
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    /// <summary>201 body of a create: &lt;TnOptionOrderResponse&gt;&lt;TnOptionOrder&gt;.</summary>
    public static byte[] CreatedOrder(StoredOrder order, DateTimeOffset now, WireFormat wire, bool echoPasscodes) => Write(w =>
    {
        w.WriteStartElement("TnOptionOrderResponse");
        WriteOrder(w, order, now, wire, echoPasscodes);
        w.WriteEndElement();
    });

    /// <summary>GET one order: a bare &lt;TnOptionOrder&gt;, no wrapper.</summary>
    public static byte[] Order(StoredOrder order, DateTimeOffset now, WireFormat wire, bool echoPasscodes) =>
        Write(w => WriteOrder(w, order, now, wire, echoPasscodes));

    /// <summary>The list: &lt;TnOptionOrders&gt; (SDKs, RAML), optionally inside &lt;TnOptionOrderReportResponse&gt; (OpenAPI example).</summary>
    public static byte[] OrderList(IReadOnlyList<StoredOrder> orders, int totalCount, bool details, DateTimeOffset now,
        WireFormat wire, bool echoPasscodes, bool wrapInReportResponse) => Write(w =>
    {
        if (wrapInReportResponse) w.WriteStartElement("TnOptionOrderReportResponse");
        w.WriteStartElement("TnOptionOrders");
        w.WriteElementString("TotalCount", totalCount.ToString(CultureInfo.InvariantCulture));
        foreach (var order in orders)
        {
            if (details) WriteOrder(w, order, now, wire, echoPasscodes);
            else WriteSummary(w, order, now, wire);
        }
        w.WriteEndElement();
        if (wrapInReportResponse) w.WriteEndElement();
    });

    public static byte[] History(StoredOrder order, DateTimeOffset now, WireFormat wire) => Write(w =>
    {
        w.WriteStartElement("OrderHistoryWrapper");
        foreach (var entry in order.HistoryAt(now))
        {
            w.WriteStartElement("OrderHistory");
            w.WriteElementString("OrderDate", wire.Date(entry.At));
            w.WriteElementString("Note", entry.Note);
            w.WriteElementString("Author", entry.Author);
            w.WriteElementString("Status", entry.Status.ToString().ToLowerInvariant());
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    /// <summary>GET tnPortoutPasscodes: TelephoneNumberCount (every protected number), Links, one page of FullNumber/Passcode items.</summary>
    public static byte[] PasscodePage(IReadOnlyList<KeyValuePair<long, string>> items, CursorWindow window, PageLinks links, WireFormat wire) => Write(w =>
    {
        w.WriteStartElement("TelephoneNumbersResponse");
        w.WriteElementString("TelephoneNumberCount", Count(window.Total));
        WriteLinks(w, links, window);
        WritePasscodeItems(w, items, wire);
        w.WriteEndElement();
    });

    /// <summary>
    /// POST tnPortoutPasscodes: the numbers that have a passcode, and ErrorList entries for the others: 15608 (not a
    /// telephone number in this API's format), 15619 (no passcode), 15610 (not on the account).
    /// </summary>
    public static byte[] Lookup(IReadOnlyList<KeyValuePair<long, string>> found, IReadOnlyList<string> invalid,
        IReadOnlyList<string> withoutPasscode, IReadOnlyList<string> notOnAccount, WireFormat wire) => Write(w =>
    {
        w.WriteStartElement("TelephoneNumbersResponse");
        w.WriteElementString("TelephoneNumberCount", Count(found.Count));
        WritePasscodeItems(w, found, wire);
        if (invalid.Count > 0 || withoutPasscode.Count > 0 || notOnAccount.Count > 0)
        {
            w.WriteStartElement("ErrorList");
            WriteLookupError(w, ErrorCodes.InvalidNumbers, ErrorCodes.InvalidNumbersText, invalid);
            WriteLookupError(w, ErrorCodes.PasscodeNotFound, ErrorCodes.PasscodeNotFoundText, withoutPasscode);
            WriteLookupError(w, ErrorCodes.NumbersNotFound, ErrorCodes.NumbersNotFoundText, notOnAccount);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    /// <summary>GET inserviceNumbers: &lt;TNs&gt;&lt;TotalCount/&gt;&lt;Links/&gt;&lt;TelephoneNumbers&gt;&lt;Count/&gt;&lt;TelephoneNumber/&gt;….</summary>
    public static byte[] InServicePage(IReadOnlyList<long> numbers, CursorWindow window, PageLinks links, WireFormat wire) => Write(w =>
    {
        w.WriteStartElement("TNs");
        w.WriteElementString("TotalCount", Count(window.Total));
        WriteLinks(w, links, window);
        w.WriteStartElement("TelephoneNumbers");
        w.WriteElementString("Count", Count(numbers.Count));
        foreach (var number in numbers) w.WriteElementString("TelephoneNumber", wire.Number(number));
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>inserviceNumbers/totals: &lt;Quantity&gt;&lt;Count/&gt;.</summary>
    public static byte[] Quantity(long count) => Write(w =>
    {
        w.WriteStartElement("Quantity");
        w.WriteElementString("Count", Count(count));
        w.WriteEndElement();
    });

    /// <summary>GET portouts: &lt;LNPResponseWrapper&gt;&lt;TotalCount/&gt;&lt;Links/&gt;&lt;lnpPortInfoForGivenStatus&gt;… in the spec's element order.</summary>
    public static byte[] PortOutList(IReadOnlyList<PortOutOrder> orders, CursorWindow window, PageLinks links, WireFormat wire) => Write(w =>
    {
        w.WriteStartElement("LNPResponseWrapper");
        w.WriteElementString("TotalCount", Count(window.Total));
        WriteLinks(w, links, window);
        foreach (var order in orders)
        {
            var state = order.State;
            w.WriteStartElement("lnpPortInfoForGivenStatus");
            w.WriteElementString("CountOfTNs", Count(order.Numbers.Length));
            w.WriteElementString("userId", PortOutUser);
            w.WriteElementString("OrderId", order.OrderId);
            w.WriteElementString("OrderType", "port_out");
            w.WriteElementString("lastModifiedDate", wire.Date(state.LastModifiedAt));
            if (state.Status == PortOutStatus.EXCEPTION)
            {
                w.WriteElementString("ErrorCode", Count(ErrorCodes.PortOutPinMismatch));
                w.WriteElementString("ErrorMessage", ErrorCodes.PortOutPinMismatchText);
            }
            w.WriteElementString("OrderDate", wire.Date(order.CreatedAt));
            w.WriteElementString("ProcessingStatus", state.Status.ToString());
            w.WriteElementString("RequestedFOCDate", wire.Date(order.RequestedFocAt));
            if (state.ActualFocAt is DateTimeOffset foc) w.WriteElementString("ActualFOCDate", wire.Date(foc));
            w.WriteElementString("VendorId", order.Spid);
            w.WriteElementString("PON", order.Pon);
            w.WriteElementString("BillingTelephoneNumber", wire.Number(order.Numbers[0]));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    /// <summary>
    /// GET portouts/{orderId}: the spec's &lt;LnpOrderResponse&gt;, plus the numbers as the spec's other LNP orders carry
    /// them (&lt;ListOfPhoneNumbers&gt;). The 7610 of an EXCEPTION is in the list item (ErrorCode/ErrorMessage), where the
    /// spec shows it: an &lt;Errors&gt; element here would make the SDKs raise the order as an error.
    /// </summary>
    public static byte[] PortOut(PortOutOrder order, WireFormat wire) => Write(w =>
    {
        var state = order.State;
        w.WriteStartElement("LnpOrderResponse");
        w.WriteElementString("OrderId", order.OrderId);
        w.WriteElementString("RequestedFocDate", wire.Date(order.RequestedFocAt));
        if (state.ActualFocAt is DateTimeOffset foc) w.WriteElementString("ActualFocDate", wire.Date(foc));
        w.WriteElementString("PON", order.Pon);
        w.WriteElementString("AccountId", order.AccountId);
        w.WriteElementString("OrderCreateDate", wire.Date(order.CreatedAt));
        w.WriteElementString("LastModifiedDate", wire.Date(state.LastModifiedAt));
        w.WriteElementString("userId", PortOutUser);
        w.WriteElementString("PortOutStatus", state.Status.ToString());
        w.WriteElementString("SPID", order.Spid);
        w.WriteStartElement("ListOfPhoneNumbers");
        foreach (var number in order.Numbers) w.WriteElementString("PhoneNumber", wire.Number(number));
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>GET subscriptions and GET subscriptions/{id}: &lt;SubscriptionsResponse&gt;&lt;Subscriptions&gt;&lt;Subscription&gt;… (what the SDKs read).</summary>
    public static byte[] Subscriptions(IEnumerable<Subscription> subscriptions, DateTimeOffset now) => Write(w =>
    {
        w.WriteStartElement("SubscriptionsResponse");
        w.WriteStartElement("Subscriptions");
        foreach (var subscription in subscriptions)
        {
            w.WriteStartElement("Subscription");
            w.WriteElementString("SubscriptionId", subscription.Id);
            w.WriteElementString("OrderType", subscription.OrderType);
            if (subscription.OrderId != null) w.WriteElementString("OrderId", subscription.OrderId);
            if (subscription.Email is { } email)
            {
                w.WriteStartElement("EmailSubscription");
                w.WriteElementString("Email", email.Address);
                w.WriteElementString("DigestRequested", email.Digest);
                w.WriteEndElement();
            }
            if (subscription.Callback is { } callback)
            {
                w.WriteStartElement("CallbackSubscription");
                w.WriteElementString("URL", callback.Url.OriginalString);
                var left = (long)Math.Max(0, Math.Ceiling((subscription.ExpiresAt!.Value - now).TotalSeconds));
                w.WriteElementString("Expiry", Count(left));
                if (subscription.LastCallbackStatus is { } status) w.WriteElementString("Status", status);
                if (callback.Username != null)
                {
                    w.WriteStartElement("CallbackCredentials");
                    w.WriteStartElement("BasicAuthentication");
                    w.WriteElementString("Username", callback.Username);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteElementString("NumberFormat", callback.E164Numbers ? "E164" : "LEGACY");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>What a subscription is sent (POSTed to its callback, or e-mailed): the order webhook's &lt;Notification&gt;.</summary>
    public static byte[] Notification(Subscription subscription, OrderEvent change, WireFormat wire) => Write(w =>
    {
        w.WriteStartElement("Notification");
        w.WriteElementString("SubscriptionId", subscription.Id);
        w.WriteElementString("OrderType", change.OrderType);
        w.WriteElementString("OrderId", change.OrderId);
        if (change.CustomerOrderId != null) w.WriteElementString("CustomerOrderId", change.CustomerOrderId);
        w.WriteElementString("Status", change.Status);
        if (change.Message != null) w.WriteElementString("Message", change.Message);
        if (change.CompletedNumbers.Count > 0)
        {
            w.WriteStartElement("CompletedTelephoneNumbers");
            foreach (var number in change.CompletedNumbers) w.WriteElementString("TelephoneNumber", wire.Number(number));
            w.WriteEndElement();
        }
        w.WriteElementString("LastModifiedDate", wire.Date(change.LastModifiedAt));
        w.WriteEndElement();
    });

    /// <summary>A synchronous error: &lt;{root}&gt;&lt;ResponseStatus&gt;&lt;ErrorCode/&gt;&lt;Description/&gt;….</summary>
    public static byte[] Error(string root, ApiError error) => Write(w =>
    {
        w.WriteStartElement(root);
        w.WriteStartElement("ResponseStatus");
        if (error.Code is int code) w.WriteElementString("ErrorCode", code.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("Description", error.Description);
        if (error.TelephoneNumbers is { Count: > 0 } numbers)
        {
            w.WriteStartElement("TelephoneNumbers");
            foreach (var number in numbers) w.WriteElementString("TelephoneNumber", number);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>Who a simulated port-out is made by (the spec example's userId).</summary>
    private const string PortOutUser = "System";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteLinks(XmlWriter w, PageLinks links, CursorWindow window)
    {
        w.WriteStartElement("Links");
        foreach (var (rel, value) in links.For(window)) w.WriteElementString(rel, value);
        w.WriteEndElement();
    }

    private static void WriteOrder(XmlWriter w, StoredOrder order, DateTimeOffset now, WireFormat wire, bool echoPasscodes)
    {
        w.WriteStartElement("TnOptionOrder");
        w.WriteElementString("OrderCreateDate", wire.Date(order.CreatedAt));
        w.WriteElementString("AccountId", order.AccountId);
        w.WriteElementString("CreatedByUser", order.CreatedBy);
        w.WriteElementString("OrderId", order.OrderId);
        w.WriteElementString("LastModifiedDate", wire.Date(order.LastModifiedAt(now)));
        w.WriteElementString("ProcessingStatus", order.StatusAt(now).ToString());
        if (order.CustomerOrderId != null) w.WriteElementString("CustomerOrderId", order.CustomerOrderId);

        w.WriteStartElement("TnOptionGroups");
        foreach (var group in order.Groups)
        {
            w.WriteStartElement("TnOptionGroup");
            foreach (var option in group.Options)
            {
                if (!echoPasscodes && option.Name.LocalName == "PortOutPasscode") continue;
                option.WriteTo(w);
            }
            w.WriteStartElement("TelephoneNumbers");
            foreach (var number in group.Numbers) w.WriteElementString("TelephoneNumber", number >= 0 ? wire.Number(number) : group.NumberText(number));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("ErrorList");
        foreach (var error in order.ErrorsAt(now))
        {
            w.WriteStartElement("Error");
            w.WriteElementString("Code", error.Code!.Value.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("Description", error.Description);
            w.WriteElementString("TelephoneNumber", wire.NumberText(error.TelephoneNumber));
            w.WriteEndElement();
        }
        w.WriteEndElement();

        var warnings = order.WarningsAt(now).ToList();
        if (warnings.Count > 0)
        {
            w.WriteStartElement("Warnings");
            foreach (var warning in warnings)
            {
                w.WriteStartElement("Warning");
                w.WriteElementString("TelephoneNumber", wire.NumberText(warning.TelephoneNumber));
                w.WriteElementString("Description", warning.Description);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>The list item, with the API's own mixed-case element names.</summary>
    private static void WriteSummary(XmlWriter w, StoredOrder order, DateTimeOffset now, WireFormat wire)
    {
        w.WriteStartElement("TnOptionOrderSummary");
        w.WriteElementString("accountId", order.AccountId);
        w.WriteElementString("CountOfTNs", order.CountOfTns.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("userId", order.CreatedBy);
        w.WriteElementString("lastModifiedDate", wire.Date(order.LastModifiedAt(now)));
        w.WriteElementString("OrderDate", wire.Date(order.CreatedAt));
        w.WriteElementString("OrderType", "tn_option");
        w.WriteElementString("OrderStatus", order.StatusAt(now).ToString());
        w.WriteElementString("OrderId", order.OrderId);
        w.WriteEndElement();
    }

    private static void WritePasscodeItems(XmlWriter w, IReadOnlyList<KeyValuePair<long, string>> items, WireFormat wire)
    {
        w.WriteStartElement("TelephoneNumbers");
        foreach (var (number, passcode) in items)
        {
            w.WriteStartElement("TelephoneNumber");
            w.WriteElementString("FullNumber", wire.Number(number));
            w.WriteElementString("Passcode", passcode);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteLookupError(XmlWriter w, int code, string description, IReadOnlyList<string> numbers)
    {
        if (numbers.Count == 0) return;
        w.WriteStartElement("Error");
        w.WriteElementString("Code", code.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("Description", description);
        w.WriteStartElement("TelephoneNumbers");
        foreach (var number in numbers) w.WriteElementString("TelephoneNumber", number);
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
