using System;
using System.Globalization;
using System.Threading;

namespace PortOutPasscode.Batching
{
    /// <summary>
    /// Every order of a run gets its own CustomerOrderId: the run's base plus "-1", "-2"… The id is what lets the
    /// client find an order whose answer was lost instead of creating it twice.
    /// </summary>
    public sealed class CustomerOrderIds
    {
        public const int MaxLength = 40;

        /// <summary>Room left for "-" and up to six digits of order number.</summary>
        public const int MaxBaseLength = MaxLength - 7;

        private int _next;

        public CustomerOrderIds(string baseId)
        {
            if (!IsValidBase(baseId, out var problem)) throw new ArgumentException(problem, nameof(baseId));
            Base = baseId;
        }

        public string Base { get; }

        public string Next() => Base + "-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

        /// <summary>A base that is unique to this run and says when it started: pop-20261123-214501-3fa2.</summary>
        public static string NewBase() =>
            "pop-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" +
            Guid.NewGuid().ToString("N").Substring(0, 4);

        /// <summary>Letters, digits, dashes and spaces (the API's rule), short enough to leave room for the suffix.</summary>
        public static bool IsValidBase(string baseId, out string problem)
        {
            if (string.IsNullOrWhiteSpace(baseId))
            {
                problem = "The CustomerOrderId base is empty.";
                return false;
            }
            if (baseId.Length > MaxBaseLength)
            {
                problem = $"The CustomerOrderId base '{baseId}' has {baseId.Length} characters; at most {MaxBaseLength} leave room for the order number the module appends (40 in all).";
                return false;
            }
            foreach (var c in baseId)
            {
                var allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == ' ';
                if (!allowed)
                {
                    problem = $"The CustomerOrderId base '{baseId}' contains '{c}'; use only letters, digits, dashes and spaces.";
                    return false;
                }
            }
            problem = null;
            return true;
        }
    }
}
