using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Xml;
using System.Xml.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>A subscription to create: an OrderType and exactly one of an e-mail address and a callback URL.</summary>
    internal sealed class SubscriptionRequest
    {
        internal string OrderType { get; set; }

        /// <summary>Only this order's events; null for every order of the type.</summary>
        internal string OrderId { get; set; }

        internal string Email { get; set; }

        /// <summary>NONE (an e-mail per event) or DAILY.</summary>
        internal string DigestRequested { get; set; }

        internal Uri CallbackUrl { get; set; }

        /// <summary>Seconds until the callback subscription expires; null for Bandwidth's default (86,400).</summary>
        internal long? ExpirySeconds { get; set; }

        internal string CallbackUserName { get; set; }

        /// <summary>Kept as a SecureString until the body is written; never in a message.</summary>
        internal SecureString CallbackPassword { get; set; }

        /// <summary>
        /// Where notifications go, for messages: the address, or the URL without its query (webhook URLs often carry a key
        /// there) and without user information (refused before anything is sent).
        /// </summary>
        internal string Target => Email ?? CallbackUrl?.GetLeftPart(UriPartial.Path);
    }

    /// <summary>
    /// The subscription contract (numbers.yml, /accounts/{id}/subscriptions): the &lt;Subscription&gt; request, and the
    /// &lt;SubscriptionsResponse&gt;&lt;Subscriptions&gt;&lt;Subscription&gt;… answers of the list and of one subscription.
    /// </summary>
    internal static class SubscriptionXml
    {
        /// <summary>Writes the request in the element order of the spec's examples, with no empty element.</summary>
        public static void WriteSubscription(SubscriptionRequest request, Stream output)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if ((request.Email == null) == (request.CallbackUrl == null))
            {
                throw new ArgumentException("A subscription needs exactly one of an e-mail address and a callback URL.", nameof(request));
            }
            using (var writer = XmlWriter.Create(output, SafeXml.WriterSettings))
            {
                writer.WriteStartElement("Subscription");
                writer.WriteOptional("OrderType", request.OrderType);
                writer.WriteOptional("OrderId", request.OrderId);
                if (request.Email != null)
                {
                    writer.WriteStartElement("EmailSubscription");
                    writer.WriteOptional("Email", request.Email);
                    writer.WriteOptional("DigestRequested", request.DigestRequested ?? "NONE");
                    writer.WriteEndElement();
                }
                else
                {
                    writer.WriteStartElement("CallbackSubscription");
                    writer.WriteOptional("URL", request.CallbackUrl.AbsoluteUri);
                    if (request.ExpirySeconds.HasValue)
                    {
                        writer.WriteOptional("Expiry", request.ExpirySeconds.Value.ToString(CultureInfo.InvariantCulture));
                    }
                    if (request.CallbackUserName != null)
                    {
                        writer.WriteStartElement("CallbackCredentials");
                        writer.WriteStartElement("BasicAuthentication");
                        writer.WriteOptional("Username", request.CallbackUserName);
                        if (request.CallbackPassword != null)
                        {
                            writer.WriteOptional("Password", new System.Net.NetworkCredential(string.Empty, request.CallbackPassword).Password);
                        }
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
        }

        /// <summary>
        /// The subscriptions of an answer: &lt;SubscriptionsResponse&gt;&lt;Subscriptions&gt; (list and one), and, leniently,
        /// &lt;SubscriptionResponse&gt;&lt;Subscription&gt; or a bare &lt;Subscription&gt;.
        /// </summary>
        public static IReadOnlyList<BwSubscription> ReadSubscriptions(Stream input)
        {
            var root = SafeXml.LoadRoot(input);
            IEnumerable<XElement> items;
            if (root.Is("Subscription")) items = new[] { root };
            else if (root.Is("SubscriptionsResponse")) items = root.Children("Subscriptions").SelectMany(list => list.Children("Subscription"));
            else if (root.Is("SubscriptionResponse")) items = root.Children("Subscription");
            else throw TnOptionXml.Unexpected(root, "a SubscriptionsResponse");
            return items.Select(ReadSubscription).ToList();
        }

        private static BwSubscription ReadSubscription(XElement element)
        {
            var email = element.Child("EmailSubscription");
            var callback = element.Child("CallbackSubscription");
            // The password is never read, even from a server that would echo it.
            var basic = callback?.Child("CallbackCredentials")?.Child("BasicAuthentication");
            return new BwSubscription
            {
                SubscriptionId = element.ChildText("SubscriptionId"),
                OrderType = element.ChildText("OrderType"),
                OrderId = element.ChildText("OrderId"),
                EventType = element.ChildText("EventType"),
                Email = email?.ChildText("Email"),
                DigestRequested = email?.ChildText("DigestRequested"),
                // The spec's examples quote the URL ("https://…"): the quotes are not part of it.
                CallbackUrl = Unquoted(callback?.ChildText("URL")),
                ExpirySeconds = long.TryParse(callback?.ChildText("Expiry"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiry) ? expiry : (long?)null,
                CallbackStatus = callback?.ChildText("Status"),
                CallbackUserName = basic?.ChildText("Username"),
                NumberFormat = callback?.ChildText("NumberFormat"),
            };
        }

        private static string Unquoted(string url)
        {
            var value = url?.Trim('"', ' ');
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }
}
