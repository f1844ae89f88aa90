using System.Globalization;
using System.Text;
using System.Xml;
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

    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>201 body of a create: &lt;TnOptionOrderResponse&gt;&lt;TnOptionOrder&gt;.</summary>
    public static byte[] CreatedOrder(StoredOrder order, DateTimeOffset now, bool echoPasscodes) => Write(w =>
    {
        w.WriteStartElement("TnOptionOrderResponse");
        WriteOrder(w, order, now, echoPasscodes);
        w.WriteEndElement();
    });

    /// <summary>GET one order: a bare &lt;TnOptionOrder&gt;, no wrapper.</summary>
    public static byte[] Order(StoredOrder order, DateTimeOffset now, bool echoPasscodes) =>
        Write(w => WriteOrder(w, order, now, echoPasscodes));

    /// <summary>The list: &lt;TnOptionOrders&gt; (SDKs, RAML), optionally inside &lt;TnOptionOrderReportResponse&gt; (OpenAPI example).</summary>
    public static byte[] OrderList(IReadOnlyList<StoredOrder> orders, int totalCount, bool details, DateTimeOffset now,
        bool echoPasscodes, bool wrapInReportResponse) => Write(w =>
    {
        if (wrapInReportResponse) w.WriteStartElement("TnOptionOrderReportResponse");
        w.WriteStartElement("TnOptionOrders");
        w.WriteElementString("TotalCount", totalCount.ToString(CultureInfo.InvariantCulture));
        foreach (var order in orders)
        {
            if (details) WriteOrder(w, order, now, echoPasscodes);
            else WriteSummary(w, order, now);
        }
        w.WriteEndElement();
        if (wrapInReportResponse) w.WriteEndElement();
    });

    public static byte[] History(StoredOrder order, DateTimeOffset now) => Write(w =>
    {
        w.WriteStartElement("OrderHistoryWrapper");
        foreach (var entry in order.HistoryAt(now))
        {
            w.WriteStartElement("OrderHistory");
            w.WriteElementString("OrderDate", Date(entry.At));
            w.WriteElementString("Note", entry.Note);
            w.WriteElementString("Author", entry.Author);
            w.WriteElementString("Status", entry.Status.ToString().ToLowerInvariant());
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    /// <summary>GET tnPortoutPasscodes: one page of FullNumber/Passcode items; TelephoneNumberCount is the account's total.</summary>
    public static byte[] PasscodePage(IReadOnlyList<KeyValuePair<long, string>> items, int totalCount) => Write(w =>
    {
        w.WriteStartElement("TelephoneNumbersResponse");
        w.WriteElementString("TelephoneNumberCount", totalCount.ToString(CultureInfo.InvariantCulture));
        WritePasscodeItems(w, items);
        w.WriteEndElement();
    });

    /// <summary>POST tnPortoutPasscodes: the numbers that have a passcode, and ErrorList entries for the others.</summary>
    public static byte[] Lookup(IReadOnlyList<KeyValuePair<long, string>> found, IReadOnlyList<string> withoutPasscode,
        IReadOnlyList<string> notOnAccount) => Write(w =>
    {
        w.WriteStartElement("TelephoneNumbersResponse");
        w.WriteElementString("TelephoneNumberCount", found.Count.ToString(CultureInfo.InvariantCulture));
        WritePasscodeItems(w, found);
        if (withoutPasscode.Count > 0 || notOnAccount.Count > 0)
        {
            w.WriteStartElement("ErrorList");
            WriteLookupError(w, ErrorCodes.PasscodeNotFound, ErrorCodes.PasscodeNotFoundText, withoutPasscode);
            WriteLookupError(w, ErrorCodes.NumbersNotFound, ErrorCodes.NumbersNotFoundText, notOnAccount);
            w.WriteEndElement();
        }
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

    private static void WriteOrder(XmlWriter w, StoredOrder order, DateTimeOffset now, bool echoPasscodes)
    {
        w.WriteStartElement("TnOptionOrder");
        w.WriteElementString("OrderCreateDate", Date(order.CreatedAt));
        w.WriteElementString("AccountId", order.AccountId);
        w.WriteElementString("CreatedByUser", order.CreatedBy);
        w.WriteElementString("OrderId", order.OrderId);
        w.WriteElementString("LastModifiedDate", Date(order.LastModifiedAt(now)));
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
            foreach (var number in group.Numbers) w.WriteElementString("TelephoneNumber", group.NumberText(number));
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
            w.WriteElementString("TelephoneNumber", error.TelephoneNumber);
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
                w.WriteElementString("TelephoneNumber", warning.TelephoneNumber);
                w.WriteElementString("Description", warning.Description);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>The list item, with the API's own mixed-case element names.</summary>
    private static void WriteSummary(XmlWriter w, StoredOrder order, DateTimeOffset now)
    {
        w.WriteStartElement("TnOptionOrderSummary");
        w.WriteElementString("accountId", order.AccountId);
        w.WriteElementString("CountOfTNs", order.CountOfTns.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("userId", order.CreatedBy);
        w.WriteElementString("lastModifiedDate", Date(order.LastModifiedAt(now)));
        w.WriteElementString("OrderDate", Date(order.CreatedAt));
        w.WriteElementString("OrderType", "tn_option");
        w.WriteElementString("OrderStatus", order.StatusAt(now).ToString());
        w.WriteElementString("OrderId", order.OrderId);
        w.WriteEndElement();
    }

    private static void WritePasscodeItems(XmlWriter w, IReadOnlyList<KeyValuePair<long, string>> items)
    {
        w.WriteStartElement("TelephoneNumbers");
        foreach (var (number, passcode) in items)
        {
            w.WriteStartElement("TelephoneNumber");
            w.WriteElementString("FullNumber", TelephoneNumbers.Format(number));
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
