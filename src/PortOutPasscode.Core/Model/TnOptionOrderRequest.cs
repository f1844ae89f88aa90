using System.Collections.Generic;

namespace PortOutPasscode
{
    /// <summary>What to send as one TN option order.</summary>
    public class TnOptionOrderRequest
    {
        public const int MaxCustomerOrderIdLength = 40;

        /// <summary>
        /// The caller's reference, at most 40 characters. The client also uses it to find out whether an order whose
        /// answer was lost was created, so it should be unique per order; when none is given the client makes one.
        /// </summary>
        public string CustomerOrderId { get; set; }

        public List<TnOptionGroup> Groups { get; set; } = new List<TnOptionGroup>();
    }
}
