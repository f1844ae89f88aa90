using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>
    /// The port-out answers (numbers.yml, ListPortOuts and ReadPortOut): a page of &lt;LNPResponseWrapper&gt; with
    /// &lt;lnpPortInfoForGivenStatus&gt; items, and one &lt;LnpOrderResponse&gt;. Both spell the same facts differently
    /// (ProcessingStatus/PortOutStatus, VendorId/SPID, RequestedFOCDate/RequestedFocDate): one reader takes either.
    /// </summary>
    internal static class PortOutXml
    {
        /// <summary>A page of GET portouts: the port-outs, the total, and the cursor (a port-out id) of the next page.</summary>
        public static Page<BwPortOut> ReadPortOutPage(Stream input)
        {
            var root = SafeXml.LoadRoot(input);
            if (!root.Is("LNPResponseWrapper")) throw TnOptionXml.Unexpected(root, "an LNPResponseWrapper");
            var items = root.Children("lnpPortInfoForGivenStatus").Select(ReadPortOutElement).ToList();
            return new Page<BwPortOut>(items, SafeXml.ParseInt(root.ChildText("TotalCount")), PageLinks.Next(root));
        }

        /// <summary>GET portouts/{orderId}: &lt;LnpOrderResponse&gt; (the spec's example carries no OrderId: the asked one is kept).</summary>
        public static BwPortOut ReadPortOut(Stream input, string orderId)
        {
            var root = SafeXml.LoadRoot(input);
            if (!root.Is("LnpOrderResponse")) throw TnOptionXml.Unexpected(root, "an LnpOrderResponse");
            var portOut = ReadPortOutElement(root);
            if (portOut.OrderId == null) portOut.OrderId = orderId;
            return portOut;
        }

        private static BwPortOut ReadPortOutElement(XElement element)
        {
            var portOut = new BwPortOut();
            var numbers = new List<string>();
            var unknown = new List<XElement>();
            foreach (var child in element.Elements())
            {
                var text = child.Text();
                switch (child.Name.LocalName.ToLowerInvariant())
                {
                    case "orderid": portOut.OrderId = text; break;
                    case "ordertype": portOut.OrderType = text; break;
                    case "accountid": portOut.AccountId = text; break;
                    case "processingstatus":
                    case "portoutstatus":
                        portOut.ProcessingStatus = text;
                        break;
                    case "countoftns": portOut.CountOfTNs = SafeXml.ParseInt(text); break;
                    case "billingtelephonenumber": portOut.BillingTelephoneNumber = Wire.ToTenDigits(text); break;
                    case "fullnumber":
                        if (text != null) numbers.Add(text);
                        break;
                    case "listofphonenumbers":
                        numbers.AddRange(child.Children("PhoneNumber").Select(SafeXml.Text).Where(n => n != null));
                        break;
                    case "orderdate":
                    case "ordercreatedate": (portOut.OrderDateText, portOut.OrderDate) = Dated(text); break;
                    case "lastmodifieddate": (portOut.LastModifiedDateText, portOut.LastModifiedDate) = Dated(text); break;
                    case "requestedfocdate": (portOut.RequestedFocDateText, portOut.RequestedFocDate) = Dated(text); break;
                    case "actualfocdate": (portOut.ActualFocDateText, portOut.ActualFocDate) = Dated(text); break;
                    case "vendorid":
                    case "spid":
                        portOut.VendorId = text;
                        break;
                    case "vendorname": portOut.VendorName = text; break;
                    case "pon": portOut.Pon = text; break;
                    case "userid": portOut.UserId = text; break;
                    case "errorcode": portOut.ErrorCode = text; break;
                    case "errormessage": portOut.ErrorMessage = text; break;
                    default: unknown.Add(new XElement(child)); break;
                }
            }
            if (numbers.Count == 0 && portOut.BillingTelephoneNumber != null) numbers.Add(portOut.BillingTelephoneNumber);
            portOut.TelephoneNumbers = numbers.Select(Wire.ToTenDigits).Distinct(StringComparer.Ordinal).ToArray();
            portOut.UnknownElements = unknown.ToArray();
            return portOut;
        }

        /// <summary>A date as sent (placeholders such as "dateHere" included) and as UTC when it is one.</summary>
        private static (string Text, DateTime? Value) Dated(string text) => (text, SafeXml.ParseUtc(text));
    }
}
