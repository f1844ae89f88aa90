using System.Collections.Generic;
using System.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>What to send as one TN option order. Its groups hold the passcodes to send: it is never output.</summary>
    internal sealed class TnOptionOrderRequest
    {
        /// <summary>
        /// The caller's reference, at most <see cref="ApiLimits.MaxCustomerOrderIdLength"/> characters. The client also uses it to
        /// find out whether an order whose answer was lost was created, so it must be unique per order.
        /// </summary>
        internal string CustomerOrderId { get; set; }

        internal List<TnOptionGroup> Groups { get; set; } = new List<TnOptionGroup>();

        internal int NumberCount => Groups.Sum(g => g.TelephoneNumbers?.Length ?? 0);

        internal IEnumerable<string> Numbers => Groups.SelectMany(g => g.TelephoneNumbers ?? System.Array.Empty<string>());
    }

    /// <summary>The API's documented limits, defined once.</summary>
    internal static class ApiLimits
    {
        /// <summary>CustomerOrderId: letters, digits, dashes and spaces, at most 40.</summary>
        internal const int MaxCustomerOrderIdLength = 40;

        /// <summary>Numbers in one tnPortoutPasscodes look-up (15607 above).</summary>
        internal const int MaxLookupNumbers = 2500;

        /// <summary>Numbers in one TN option order, the larger of the two figures Bandwidth's guides give (5095 above).</summary>
        internal const int MaxNumbersPerOrder = 5000;
    }
}
