namespace PortOutPasscode
{
    /// <summary>
    /// A notification subscription of the account: e-mail (one per event, or a daily digest) or a callback URL that
    /// Bandwidth POSTs each event to. A callback's password is never read back: Bandwidth does not show it.
    /// </summary>
    public class BwSubscription
    {
        public string SubscriptionId { get; set; }

        /// <summary>What it is told about: portouts, tnoptions, … (the orders of that type).</summary>
        public string OrderType { get; set; }

        /// <summary>Only this order's events; null for every order of the type.</summary>
        public string OrderId { get; set; }

        /// <summary>Set instead of OrderType for event subscriptions (MESSAGING_LOST …).</summary>
        public string EventType { get; set; }

        public string Email { get; set; }

        /// <summary>NONE (an e-mail per event) or DAILY (a daily digest); e-mail subscriptions only.</summary>
        public string DigestRequested { get; set; }

        public string CallbackUrl { get; set; }

        /// <summary>Seconds until the callback subscription expires, as Bandwidth counts them.</summary>
        public long? ExpirySeconds { get; set; }

        /// <summary>What the last callback got (status code and answer), as Bandwidth reports it; null before the first.</summary>
        public string CallbackStatus { get; set; }

        /// <summary>The user name Bandwidth authenticates its callbacks with (HTTP Basic); never the password.</summary>
        public string CallbackUserName { get; set; }

        /// <summary>LEGACY (ten digits) or E164: how callbacks write numbers.</summary>
        public string NumberFormat { get; set; }

        /// <summary>Email or Callback.</summary>
        public string Channel => Email != null ? "Email" : CallbackUrl != null ? "Callback" : null;

        /// <summary>Where notifications go: the e-mail address or the callback URL.</summary>
        public string Target => Email ?? CallbackUrl;

        public override string ToString() => $"Subscription {SubscriptionId} ({OrderType ?? EventType} to {Target})";
    }
}
