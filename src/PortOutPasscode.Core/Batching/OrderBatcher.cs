using PortOutPasscode.Input;
using System.Collections.Generic;
using System.Linq;

namespace PortOutPasscode.Batching
{
    /// <summary>What became of one valid row handed to the batcher.</summary>
    public enum RowVerdict
    {
        /// <summary>Queued for the next order.</summary>
        Queued,
        /// <summary>The same number with the same passcode came earlier: it is sent once, with the earlier row.</summary>
        Duplicate,
        /// <summary>The same number came earlier with another passcode: this row is not sent.</summary>
        Conflict,
    }

    /// <summary>
    /// Groups numbers by passcode into TnOptionGroups and cuts orders of at most BatchSize numbers, handing each
    /// one out as soon as it is full so the first order leaves long before a large input ends. Apart from the
    /// order being filled, it keeps only the duplicate set: one long and two ints per number seen.
    /// </summary>
    public sealed class OrderBatcher
    {
        private readonly int _batchSize;
        private readonly CustomerOrderIds _ids;
        private readonly Dictionary<long, SeenNumber> _seen = new Dictionary<long, SeenNumber>();
        private readonly Dictionary<string, int> _passcodeIndex = new Dictionary<string, int>(System.StringComparer.Ordinal);
        private readonly List<string> _passcodes = new List<string>();
        private readonly Dictionary<int, List<string>> _pendingByPasscode = new Dictionary<int, List<string>>();
        private int _pendingCount;

        private struct SeenNumber
        {
            internal int PasscodeIndex;
            internal long Row;
        }

        public OrderBatcher(int batchSize, CustomerOrderIds ids)
        {
            _batchSize = batchSize;
            _ids = ids;
        }

        /// <summary>Numbers queued but not yet handed out in an order.</summary>
        public int PendingCount => _pendingCount;

        /// <summary>
        /// Adds a valid, normalised number. <paramref name="firstRow"/> is the row that first gave the number
        /// (for Duplicate and Conflict). <paramref name="fullOrder"/> is set when this row filled an order.
        /// </summary>
        public RowVerdict Add(string tenDigits, string passcode, long row, out long firstRow, out TnOptionOrderRequest fullOrder)
        {
            fullOrder = null;
            var index = IndexOf(passcode);
            var key = TelephoneNumbers.ToKey(tenDigits);
            if (_seen.TryGetValue(key, out var earlier))
            {
                firstRow = earlier.Row;
                return earlier.PasscodeIndex == index ? RowVerdict.Duplicate : RowVerdict.Conflict;
            }
            _seen.Add(key, new SeenNumber { PasscodeIndex = index, Row = row });
            firstRow = row;

            if (!_pendingByPasscode.TryGetValue(index, out var numbers))
            {
                numbers = new List<string>();
                _pendingByPasscode.Add(index, numbers);
            }
            numbers.Add(tenDigits);
            _pendingCount++;
            if (_pendingCount >= _batchSize)
            {
                fullOrder = TakeOrder();
            }
            return RowVerdict.Queued;
        }

        /// <summary>The last, partly filled order, or null when nothing is pending.</summary>
        public TnOptionOrderRequest Flush() => _pendingCount == 0 ? null : TakeOrder();

        private TnOptionOrderRequest TakeOrder()
        {
            var request = new TnOptionOrderRequest { CustomerOrderId = _ids.Next() };
            foreach (var pair in _pendingByPasscode.OrderBy(p => p.Key))
            {
                request.Groups.Add(new TnOptionGroup
                {
                    PortOutPasscode = _passcodes[pair.Key],
                    TelephoneNumbers = pair.Value.ToArray(),
                });
            }
            _pendingByPasscode.Clear();
            _pendingCount = 0;
            return request;
        }

        private int IndexOf(string passcode)
        {
            if (!_passcodeIndex.TryGetValue(passcode, out var index))
            {
                index = _passcodes.Count;
                _passcodes.Add(passcode);
                _passcodeIndex.Add(passcode, index);
            }
            return index;
        }
    }
}
