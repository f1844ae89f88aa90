using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.Xml;

/// <summary>What a &lt;Subscription&gt; request asks for, checked; the id and times are the store's business.</summary>
internal sealed record SubscriptionRequest(string OrderType, string? OrderId, EmailTarget? Email, CallbackTarget? Callback);

/// <summary>
/// Reads and checks a subscription request (POST or PUT /subscriptions): an OrderType (portouts or tnoptions), an
/// optional OrderId, and either an EmailSubscription or a CallbackSubscription. Callbacks go to loopback only.
/// </summary>
internal static class SubscriptionReader
{
    public const long DefaultExpirySeconds = 86_400;

    /// <summary>The order types the emulator has events for.</summary>
    public static readonly string[] EmulatedOrderTypes = { "portouts", "tnoptions" };

    /// <param name="invalidStatus">What a subscription that fails validation answers: 404 on POST, 400 on PUT, as the spec says.</param>
    /// <param name="e164ByDefault">NumberFormat when the request leaves it out: E164 on v2, LEGACY on v1.</param>
    public static (SubscriptionRequest? Request, ApiError? Error) Read(Stream body, int invalidStatus, bool e164ByDefault)
    {
        XElement root;
        try
        {
            using var reader = XmlReading.Open(body);
            root = XDocument.Load(reader).Root!;
        }
        catch (XmlException e)
        {
            return (null, OrderRequestReader.BadXml(e));
        }
        if (root.Name.LocalName != "Subscription")
        {
            return (null, new ApiError(400, null, $"The request body must be a <Subscription> document, not <{root.Name.LocalName}>."));
        }
        ApiError Invalid(string problem) => new(invalidStatus, null, "The subscription is not valid: " + problem);

        if (Text(root, "EventType") != null)
        {
            return (null, new ApiError(400, null, "Event subscriptions (EventType) are not emulated: subscribe to an OrderType, portouts or tnoptions."));
        }
        var orderType = Text(root, "OrderType");
        if (orderType == null) return (null, Invalid("OrderType is required (portouts or tnoptions)."));
        var emulated = EmulatedOrderTypes.FirstOrDefault(t => t.Equals(orderType, StringComparison.OrdinalIgnoreCase));
        if (emulated == null)
        {
            return (null, new ApiError(400, null, $"OrderType '{orderType}' is not emulated: the emulator notifies {string.Join(" and ", EmulatedOrderTypes)} orders."));
        }
        var orderId = Text(root, "OrderId");
        var email = root.Element("EmailSubscription");
        var callback = root.Element("CallbackSubscription");
        if ((email == null) == (callback == null))
        {
            return (null, Invalid("give exactly one of EmailSubscription and CallbackSubscription."));
        }

        if (email != null)
        {
            var address = Text(email, "Email");
            if (address == null || address.IndexOf('@') is <= 0 || address.EndsWith('@') || address.Any(char.IsWhiteSpace))
            {
                return (null, Invalid($"Email '{address}' is not an e-mail address."));
            }
            var digest = Text(email, "DigestRequested")?.ToUpperInvariant();
            if (digest is not ("NONE" or "DAILY"))
            {
                return (null, Invalid("DigestRequested is required: NONE (one e-mail per event) or DAILY (a daily digest)."));
            }
            return (new SubscriptionRequest(emulated, orderId, new EmailTarget(address, digest), null), null);
        }

        var urlText = Text(callback!, "URL")?.Trim('"', ' ');
        if (urlText == null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return (null, Invalid($"URL '{urlText}' is not an absolute http or https URL."));
        }
        if (!IsLoopback(url))
        {
            return (null, new ApiError(400, null,
                $"The callback URL must be on this machine (127.0.0.1, ::1 or localhost): the emulator never sends notifications elsewhere, and {url.Host} is not loopback."));
        }
        var expiry = DefaultExpirySeconds;
        if (Text(callback!, "Expiry") is string expiryText
            && (!long.TryParse(expiryText, NumberStyles.None, CultureInfo.InvariantCulture, out expiry) || expiry < 1))
        {
            return (null, Invalid($"Expiry '{expiryText}' is not a number of seconds (1 or more; default {DefaultExpirySeconds})."));
        }
        var e164 = e164ByDefault;
        if (Text(callback!, "NumberFormat") is string format)
        {
            if (format.Equals("E164", StringComparison.OrdinalIgnoreCase)) e164 = true;
            else if (format.Equals("LEGACY", StringComparison.OrdinalIgnoreCase)) e164 = false;
            else return (null, Invalid($"NumberFormat '{format}' is not LEGACY or E164."));
        }
        var basic = callback!.Element("CallbackCredentials")?.Element("BasicAuthentication");
        var username = basic == null ? null : Text(basic, "Username");
        var password = basic?.Element("Password")?.Value;
        return (new SubscriptionRequest(emulated, orderId, null, new CallbackTarget(url, expiry, username, password, e164)), null);
    }

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);

    private static string? Text(XElement parent, string name)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
