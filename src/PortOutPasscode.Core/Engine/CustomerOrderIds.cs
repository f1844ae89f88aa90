using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Every order of a run gets its own CustomerOrderId: the run's base plus "-1", "-2"… The id is what lets the client
    /// find an order whose answer was lost instead of creating it twice, so a generated base must never be another run's.
    /// </summary>
    internal sealed class CustomerOrderIds
    {
        /// <summary>Room left for "-" and up to six digits of order number.</summary>
        internal const int MaxBaseLength = ApiLimits.MaxCustomerOrderIdLength - 7;

        private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

        private int _next;

        internal CustomerOrderIds(string baseId)
        {
            if (!IsValidBase(baseId, out var problem)) throw new ArgumentException(problem, nameof(baseId));
            Base = baseId;
        }

        internal string Base { get; }

        internal string Next() => Base + "-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// A base unique to this run that says when it started: pop-261123214501-k3j5h2g6f7d4a (30 characters). The 64 random
        /// bits make two runs, even started in the same second on many machines, never share an id.
        /// </summary>
        internal static string NewBase(DateTime utcNow) =>
            "pop-" + utcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + RandomBase32(13);

        /// <summary>A CustomerOrderId for a single order a caller sends without one.</summary>
        internal static string NewSingle(DateTime utcNow) => NewBase(utcNow) + "-1";

        /// <summary><paramref name="length"/> base32 characters (5 random bits each) from the system's cryptographic generator.</summary>
        private static string RandomBase32(int length)
        {
            var bytes = new byte[length];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }
            var chars = new char[length];
            for (var i = 0; i < length; i++) chars[i] = Base32Alphabet[bytes[i] & 31];
            return new string(chars);
        }

        /// <summary>Letters, digits, dashes and spaces (the API's rule), short enough to leave room for the suffix.</summary>
        internal static bool IsValidBase(string baseId, out string problem)
        {
            if (string.IsNullOrWhiteSpace(baseId))
            {
                problem = "The CustomerOrderId base is empty.";
                return false;
            }
            if (baseId.Length > MaxBaseLength)
            {
                problem = $"The CustomerOrderId base '{baseId}' has {baseId.Length} characters; at most {MaxBaseLength} leave room for the order number the module appends ({ApiLimits.MaxCustomerOrderIdLength} in all).";
                return false;
            }
            foreach (var c in baseId)
            {
                var allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == ' ';
                if (!allowed)
                {
                    problem = $"The CustomerOrderId base '{baseId}' contains '{Input.RowRules.Echo(c.ToString())}'; use only letters, digits, dashes and spaces.";
                    return false;
                }
            }
            problem = null;
            return true;
        }
    }
}
