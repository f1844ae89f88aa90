using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace PortOutPasscode.Contract
{
    internal static partial class TnOptionXml
    {
        /// <summary>
        /// One order: a bare &lt;TnOptionOrder&gt; (GET) or one wrapped in &lt;TnOptionOrderResponse&gt; (POST). An ErrorList
        /// beside the order in the wrapper is added to the order's errors. Streamed: an order of 5,000 numbers is read twice or
        /// more per run (the create's answer, the polls), and a tree of it each time was most of a large run's garbage.
        /// </summary>
        public static TnOptionOrder ReadOrder(Stream input)
        {
            TnOptionOrder order = null;
            var beside = new List<TnOptionError>();
            SafeXml.ReadRoot(input, (reader, rootName) =>
            {
                if (SafeXml.Named(rootName, "TnOptionOrder"))
                {
                    order = ReadOrder(reader);
                    return;
                }
                SafeXml.ReadChildren(reader, (child, name) =>
                {
                    if (order == null && SafeXml.Named(name, "TnOptionOrder")) order = ReadOrder(child);
                    else if (SafeXml.Named(name, "ErrorList")) beside.AddRange(ReadErrorList(child));
                    else child.Skip();
                });
                if (order == null) throw Unexpected(rootName, "a TnOptionOrder");
            });
            if (beside.Count > 0) order.Errors = order.Errors.Concat(beside).ToArray();
            return order;
        }

        /// <summary>A list answer without details, rooted at &lt;TnOptionOrders&gt; or &lt;TnOptionOrderReportResponse&gt;.</summary>
        public static OrderList<TnOptionOrderSummary> ReadOrderSummaries(Stream input) =>
            ReadOrderList(input, "TnOptionOrderSummary", ReadSummary);

        /// <summary>A list answer with orderDetails=true, rooted at &lt;TnOptionOrders&gt; or &lt;TnOptionOrderReportResponse&gt;.</summary>
        public static OrderList<TnOptionOrder> ReadOrders(Stream input) =>
            ReadOrderList(input, "TnOptionOrder", element => ReadOrder(SafeXml.ReaderOn(element)));

        /// <summary>An order's history (&lt;OrderHistoryWrapper&gt;&lt;OrderHistory&gt;…).</summary>
        public static IReadOnlyList<OrderHistoryEntry> ReadOrderHistory(Stream input, string orderId = null)
        {
            var root = SafeXml.LoadRoot(input);
            var entries = root.Is("OrderHistory") ? new[] { root } : root.Children("OrderHistory");
            return entries.Select(e =>
            {
                var dateText = e.ChildText("OrderDate");
                return new OrderHistoryEntry
                {
                    OrderId = orderId,
                    OrderDateText = dateText,
                    OrderDate = SafeXml.ParseUtc(dateText),
                    Note = e.ChildText("Note"),
                    Author = e.ChildText("Author"),
                    Status = e.ChildText("Status"),
                };
            }).ToList();
        }

        /// <summary>A page of GET tnPortoutPasscodes: the numbers with their passcodes, the total, and the cursor of the next page.</summary>
        public static Page<PortOutPasscodeInfo> ReadPasscodePage(Stream input)
        {
            var list = ReadPasscodes(input);
            return new Page<PortOutPasscodeInfo>(list.Items, list.TelephoneNumberCount, list.Next);
        }

        /// <summary>
        /// A &lt;TelephoneNumbersResponse&gt; of tnPortoutPasscodes: numbers with passcodes, the next page's cursor, and the ErrorList
        /// of a look-up. Streamed: a million protected numbers are read a page at a time, and a page is never a tree.
        /// </summary>
        public static PasscodeList ReadPasscodes(Stream input)
        {
            var list = new PasscodeList();
            var items = new List<PortOutPasscodeInfo>();
            var errors = new List<TnOptionError>();
            SafeXml.ReadStreamed(input, "TelephoneNumbersResponse", "a TelephoneNumbersResponse", (reader, name) =>
            {
                if (SafeXml.Named(name, "TelephoneNumbers")) SafeXml.ReadChildren(reader, (item, itemName) =>
                {
                    if (!SafeXml.Named(itemName, "TelephoneNumber"))
                    {
                        item.Skip();
                        return;
                    }
                    // Items are <TelephoneNumber><FullNumber/><Passcode/></TelephoneNumber>; tolerate a bare number too.
                    string number = null, passcode = null, bare = null;
                    SafeXml.ReadChildren(item, (field, fieldName) =>
                    {
                        if (SafeXml.Named(fieldName, "FullNumber")) number = SafeXml.ReadText(field);
                        else if (SafeXml.Named(fieldName, "Passcode")) passcode = SafeXml.ReadText(field);
                        else field.Skip();
                    }, text => bare = (bare ?? "") + text);
                    number = number ?? (string.IsNullOrWhiteSpace(bare) ? null : bare.Trim());
                    if (number != null) items.Add(new PortOutPasscodeInfo { TelephoneNumber = Wire.ToTenDigits(number), Passcode = passcode, HasPasscode = passcode != null });
                });
                else if (SafeXml.Named(name, "TelephoneNumberCount")) list.TelephoneNumberCount = SafeXml.ParseInt(SafeXml.ReadText(reader));
                else if (SafeXml.Named(name, "Links")) list.Next = PageLinks.NextOf((XElement)XNode.ReadFrom(reader));
                else if (SafeXml.Named(name, "ErrorList")) errors.AddRange(ReadErrors((XElement)XNode.ReadFrom(reader)));
                else reader.Skip();
            });
            list.Items = items;
            list.Errors = errors;
            return list;
        }

        /// <summary>
        /// The error an answer carries: &lt;ResponseStatus&gt;&lt;ErrorCode/&gt;&lt;Description/&gt; under any root, and an ErrorList
        /// directly under the root. Both are empty when the document carries neither.
        /// </summary>
        public static ErrorResponse ReadErrorResponse(Stream input)
        {
            var root = SafeXml.LoadRoot(input);
            var status = root.Is("ResponseStatus") ? root : root.Descendants().FirstOrDefault(e => e.Is("ResponseStatus"));
            return new ErrorResponse
            {
                ErrorCode = status?.ChildText("ErrorCode"),
                Description = status?.ChildText("Description"),
                TelephoneNumbers = status == null ? Array.Empty<string>() : ReadNumbers(status),
                Errors = root.Children("ErrorList").SelectMany(ReadErrors).ToList(),
            };
        }

        private static OrderList<T> ReadOrderList<T>(Stream input, string itemName, Func<XElement, T> read)
        {
            var root = SafeXml.LoadRoot(input);
            var items = OrderListItems(root, itemName).Select(read).ToList();
            var total = SafeXml.ParseInt(root.Descendants().FirstOrDefault(e => e.Is("TotalCount")).Text());
            return new OrderList<T>(items, total);
        }

        private static IEnumerable<XElement> OrderListItems(XElement root, string itemName)
        {
            IEnumerable<XElement> lists;
            if (root.Is("TnOptionOrders"))
            {
                lists = new[] { root };
            }
            else if (root.Is("TnOptionOrderReportResponse"))
            {
                lists = root.Children("TnOptionOrders");
            }
            else
            {
                throw Unexpected(root, "TnOptionOrders or TnOptionOrderReportResponse");
            }
            return lists.SelectMany(list => list.Children(itemName)).ToList();
        }

        /// <summary>With the reader on a &lt;TnOptionOrder&gt;: the order. Its long lists are streamed, the rest read as small trees.</summary>
        private static TnOptionOrder ReadOrder(XmlReader reader)
        {
            var order = new TnOptionOrder();
            var unknown = new List<XElement>();
            SafeXml.ReadChildren(reader, (field, name) =>
            {
                switch (name.ToLowerInvariant())
                {
                    case "tnoptiongroups":
                        var groups = new List<TnOptionGroup>();
                        SafeXml.ReadChildren(field, (group, groupName) =>
                        {
                            if (SafeXml.Named(groupName, "TnOptionGroup")) groups.Add(ReadGroup(group));
                            else group.Skip();
                        });
                        order.Groups = groups.ToArray();
                        break;
                    case "errorlist": order.Errors = ReadErrorList(field).ToArray(); break;
                    case "warnings":
                        var warnings = new List<TnOptionWarning>();
                        SafeXml.ReadChildren(field, (warning, warningName) =>
                        {
                            if (!SafeXml.Named(warningName, "Warning"))
                            {
                                warning.Skip();
                                return;
                            }
                            var w = (XElement)XNode.ReadFrom(warning);
                            warnings.Add(new TnOptionWarning { TelephoneNumber = w.ChildText("TelephoneNumber"), Description = w.ChildText("Description") });
                        });
                        order.Warnings = warnings.ToArray();
                        break;
                    default: ReadOrderField(order, (XElement)XNode.ReadFrom(field), unknown); break;
                }
            });
            order.UnknownElements = unknown.ToArray();
            return order;
        }

        private static void ReadOrderField(TnOptionOrder order, XElement child, List<XElement> unknown)
        {
            switch (child.Name.LocalName.ToLowerInvariant())
            {
                case "orderid": order.OrderId = child.Text(); break;
                case "customerorderid": order.CustomerOrderId = child.Text(); break;
                case "accountid": order.AccountId = child.Text(); break;
                case "processingstatus": order.ProcessingStatus = child.Text(); break;
                case "ordercreatedate":
                    order.OrderCreateDateText = child.Text();
                    order.OrderCreateDate = SafeXml.ParseUtc(order.OrderCreateDateText);
                    break;
                case "lastmodifieddate":
                    order.LastModifiedDateText = child.Text();
                    order.LastModifiedDate = SafeXml.ParseUtc(order.LastModifiedDateText);
                    break;
                case "createdbyuser": order.CreatedByUser = child.Text(); break;
                case "lastmodifiedby": order.LastModifiedBy = child.Text(); break;
                case "name": order.Name = child.Text(); break;
                case "peerid": order.PeerId = child.Text(); break;
                case "siteid": order.SiteId = child.Text(); break;
                default: unknown.Add(child); break;
            }
        }

        /// <summary>With the reader on a &lt;TnOptionGroup&gt;: the group, its numbers streamed.</summary>
        private static TnOptionGroup ReadGroup(XmlReader reader)
        {
            var group = new TnOptionGroup();
            var unknown = new List<XElement>();
            SafeXml.ReadChildren(reader, (field, name) =>
            {
                if (!SafeXml.Named(name, "TelephoneNumbers"))
                {
                    ReadGroupField(group, (XElement)XNode.ReadFrom(field), unknown);
                    return;
                }
                var numbers = new List<string>();
                SafeXml.ReadChildren(field, (number, numberName) =>
                {
                    if (!SafeXml.Named(numberName, "TelephoneNumber"))
                    {
                        number.Skip();
                        return;
                    }
                    var text = SafeXml.ReadText(number);
                    if (text != null) numbers.Add(text);
                });
                group.TelephoneNumbers = numbers.ToArray();
            });
            group.UnknownElements = unknown.ToArray();
            return group;
        }

        private static void ReadGroupField(TnOptionGroup group, XElement child, List<XElement> unknown)
        {
            switch (child.Name.LocalName.ToLowerInvariant())
            {
                case "portoutpasscode": group.PortOutPasscode = child.Text(); break;
                case "numberformat": group.NumberFormat = child.Text(); break;
                case "rpidformat": group.RPIDFormat = child.Text(); break;
                case "rewriteuser": group.RewriteUser = child.Text(); break;
                case "callforward": group.CallForward = child.Text(); break;
                case "callingnamedisplay": group.CallingNameDisplay = child.Text(); break;
                case "protected": group.Protected = child.Text(); break;
                case "sms": group.Sms = child.Text(); break;
                case "finaldestinationuri": group.FinalDestinationURI = child.Text(); break;
                case "nnid": group.NNID = child.Text(); break;
                case "espid": group.ESPID = child.Text(); break;
                case "pindropenabled": group.PindropEnabled = child.Text(); break;
                case "callverificationenabled": group.CallVerificationEnabled = child.Text(); break;
                case "a2psettings":
                    group.A2pSettings = new A2pSettings
                    {
                        MessageClass = child.ChildText("MessageClass"),
                        CampaignId = child.ChildText("CampaignId"),
                        Action = child.ChildText("Action"),
                    };
                    break;
                case "originationrouteplan":
                    group.OriginationRoutePlan = new OriginationRoutePlan
                    {
                        Routes = child.Children("Route").Select(r => new OriginationRoute
                        {
                            Endpoint = r.ChildText("Endpoint"),
                            Priority = r.ChildText("Priority"),
                            Weight = r.ChildText("Weight"),
                        }).ToArray(),
                        Action = child.ChildText("Action"),
                    };
                    break;
                default: unknown.Add(child); break;
            }
        }

        /// <summary>With the reader on an &lt;ErrorList&gt;: its errors, one small tree at a time.</summary>
        private static List<TnOptionError> ReadErrorList(XmlReader reader)
        {
            var errors = new List<TnOptionError>();
            SafeXml.ReadChildren(reader, (error, name) =>
            {
                if (SafeXml.Named(name, "Error")) errors.Add(ReadError((XElement)XNode.ReadFrom(error)));
                else error.Skip();
            });
            return errors;
        }

        private static IEnumerable<TnOptionError> ReadErrors(XElement errorList) => errorList.Children("Error").Select(ReadError);

        private static TnOptionError ReadError(XElement error) => new TnOptionError
        {
            Code = error.ChildText("Code") ?? error.ChildText("ErrorCode"),
            Description = error.ChildText("Description"),
            TelephoneNumbers = ReadNumbers(error),
        };

        /// <summary>The numbers an error names: one &lt;TelephoneNumber&gt;, a &lt;TelephoneNumbers&gt; list, or both.</summary>
        private static string[] ReadNumbers(XElement error) =>
            error.Children("TelephoneNumber")
                .Concat(error.Children("TelephoneNumbers").SelectMany(list => list.Children("TelephoneNumber")))
                .Select(SafeXml.Text)
                .Where(n => n != null)
                .ToArray();

        private static TnOptionOrderSummary ReadSummary(XElement element)
        {
            var lastModified = element.ChildText("LastModifiedDate");
            var orderDate = element.ChildText("OrderDate");
            return new TnOptionOrderSummary
            {
                OrderId = element.ChildText("OrderId"),
                AccountId = element.ChildText("AccountId"),
                CountOfTNs = SafeXml.ParseInt(element.ChildText("CountOfTNs")),
                UserId = element.ChildText("UserId"),
                LastModifiedDateText = lastModified,
                LastModifiedDate = SafeXml.ParseUtc(lastModified),
                OrderDateText = orderDate,
                OrderDate = SafeXml.ParseUtc(orderDate),
                OrderType = element.ChildText("OrderType"),
                OrderStatus = element.ChildText("OrderStatus"),
            };
        }

        internal static BandwidthProtocolException Unexpected(XElement root, string expected) => Unexpected(root.Name.LocalName, expected);

        internal static BandwidthProtocolException Unexpected(string rootName, string expected) =>
            new BandwidthProtocolException($"The Bandwidth API answered with a <{rootName}> document where {expected} was expected.");
    }

    /// <summary>What tnPortoutPasscodes answered: the numbers that carry a passcode and, for a look-up, its ErrorList.</summary>
    internal sealed class PasscodeList
    {
        public IReadOnlyList<PortOutPasscodeInfo> Items { get; set; } = Array.Empty<PortOutPasscodeInfo>();
        public int? TelephoneNumberCount { get; set; }
        public IReadOnlyList<TnOptionError> Errors { get; set; } = Array.Empty<TnOptionError>();

        /// <summary>The cursor of the next page (a page of the list); null on the last page and for a look-up.</summary>
        public string Next { get; set; }
    }

    /// <summary>A synchronous error answer: ResponseStatus and/or an ErrorList at the root.</summary>
    internal sealed class ErrorResponse
    {
        public string ErrorCode { get; set; }
        public string Description { get; set; }
        public string[] TelephoneNumbers { get; set; } = Array.Empty<string>();
        public IReadOnlyList<TnOptionError> Errors { get; set; } = Array.Empty<TnOptionError>();
    }
}
