using System;
using System.Collections.Generic;
using System.Linq;
using PortOutPasscode.Contract;
using PortOutPasscode.Input;

namespace PortOutPasscode.Engine
{
    /// <summary>What became of one valid row handed to the batcher.</summary>
    internal enum RowVerdict
    {
        /// <summary>Queued for the next order.</summary>
        Queued,
        /// <summary>The same number with the same passcode came earlier: it is sent once, with the earlier row.</summary>
        Duplicate,
        /// <summary>The same number came earlier with another passcode: this row is not sent.</summary>
        Conflict,
    }

    /// <summary>
    /// Groups numbers by passcode into TnOptionGroups and cuts orders of at most BatchSize numbers, handing each one out
    /// as soon as it is full so the first order leaves long before a large input ends. Apart from the order being filled,
    /// it keeps only the duplicate check (<see cref="SeenNumbers"/>) and one copy of each distinct passcode.
    /// </summary>
    internal sealed class OrderBatcher
    {
        private readonly int _batchSize;
        private readonly CustomerOrderIds _ids;
        private readonly SeenNumbers _seen = new SeenNumbers();
        private readonly PasscodeTable _passcodes = new PasscodeTable();
        private readonly Dictionary<int, List<string>> _pendingByPasscode = new Dictionary<int, List<string>>();
        private readonly HashSet<int> _handedOut = new HashSet<int>();
        private int _pendingCount;

        internal OrderBatcher(int batchSize, CustomerOrderIds ids)
        {
            _batchSize = batchSize;
            _ids = ids;
        }

        /// <summary>Numbers queued but not yet handed out in an order.</summary>
        internal int PendingCount => _pendingCount;

        /// <summary>
        /// Adds a valid, normalised number. <paramref name="firstRow"/> is the row key that first gave the number (for
        /// Duplicate and Conflict). <paramref name="fullOrder"/> is set when this row filled an order.
        /// </summary>
        internal RowVerdict Add(string tenDigits, string passcode, long row, out long firstRow, out TnOptionOrderRequest fullOrder)
        {
            fullOrder = null;
            var index = IndexOf(passcode);
            if (!_seen.TryAdd(TelephoneNumbers.ToKey(tenDigits), index, row, out var earlierPasscode, out firstRow))
            {
                return earlierPasscode == index ? RowVerdict.Duplicate : RowVerdict.Conflict;
            }

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

        /// <summary>The row key of the row that first gave a number; -1 when none did.</summary>
        internal long RowOf(string tenDigits) =>
            TelephoneNumbers.TryNormalize(tenDigits, out var number, out _) ? _seen.RowOf(TelephoneNumbers.ToKey(number)) : -1;

        /// <summary>The passcode index a number was queued with (also for a repeat or a conflict: the first row's); -1 when unseen.</summary>
        internal int PasscodeIndexOf(string tenDigits) => _seen.TryGet(TelephoneNumbers.ToKey(tenDigits), out var index) ? index : -1;

        internal string PasscodeAt(int index) => _passcodes[index];

        /// <summary>Whether a passcode is used in this run already (for any number).</summary>
        internal bool Uses(string passcode) => _passcodes.Contains(passcode);

        /// <summary>Whether an order handed out carried this passcode: from then on it is set at Bandwidth and stays.</summary>
        internal bool HasHandedOut(int index) => _handedOut.Contains(index);

        /// <summary>The numbers queued with this passcode for the order being filled.</summary>
        internal IReadOnlyList<string> PendingOf(int index) =>
            _pendingByPasscode.TryGetValue(index, out var numbers) ? numbers : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Another passcode for every number of an index that no order carried yet (a PIN drawn again).</summary>
        internal void ReplacePasscode(int index, string passcode)
        {
            if (_handedOut.Contains(index)) throw new InvalidOperationException("An order already carried this passcode.");
            _passcodes.Replace(index, passcode);
        }

        /// <summary>The last, partly filled order, or null when nothing is pending.</summary>
        internal TnOptionOrderRequest Flush() => _pendingCount == 0 ? null : TakeOrder();

        private TnOptionOrderRequest TakeOrder()
        {
            var request = new TnOptionOrderRequest { CustomerOrderId = _ids.Next() };
            foreach (var pair in _pendingByPasscode.OrderBy(p => p.Key))
            {
                _handedOut.Add(pair.Key);
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

        internal int IndexOf(string passcode) => _passcodes.IndexOf(passcode);
    }
}
