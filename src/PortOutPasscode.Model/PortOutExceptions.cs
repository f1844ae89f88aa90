namespace PortOutPasscode
{
    /// <summary>404 for one port-out: no such order on this account.</summary>
    public class BandwidthPortOutNotFoundException : BandwidthNotFoundException
    {
        public BandwidthPortOutNotFoundException(string message, string orderId)
            : base(message) => OrderId = orderId;

        public string OrderId { get; }
    }

    /// <summary>404 for one subscription: no such subscription on this account (or it was removed already).</summary>
    public class BandwidthSubscriptionNotFoundException : BandwidthNotFoundException
    {
        public BandwidthSubscriptionNotFoundException(string message, string subscriptionId)
            : base(message) => SubscriptionId = subscriptionId;

        public string SubscriptionId { get; }
    }

    /// <summary>
    /// Bandwidth refused a subscription with a reason: it is not valid (400, or 404 on a create, as the API answers a
    /// failed validation) or one for the same target exists already (409).
    /// </summary>
    public class BandwidthSubscriptionRejectedException : BandwidthException
    {
        public BandwidthSubscriptionRejectedException(string message, int httpStatus, string description)
            : base(message, httpStatus) => Description = description;

        /// <summary>Bandwidth's reason, with any secret masked.</summary>
        public string Description { get; }

        /// <summary>True when a subscription for the same order type and target exists already (409).</summary>
        public bool AlreadyExists => HttpStatus == 409;
    }
}
