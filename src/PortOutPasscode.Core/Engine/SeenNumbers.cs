using System;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// The duplicate check of a run: every number seen, with the passcode it came with and the row that first gave it, in
    /// 8 bytes a number (16–21 bytes with the table's free slots) instead of a Dictionary entry's 40 and more: a run of ten
    /// million rows keeps nothing else per number. The number (below 10^10, 34 bits) and the row's position (30 bits) share
    /// one long; the passcode index and the source (which -Path file) get arrays of their own only once a second passcode
    /// or a second file appears. Open addressing in 64 shards, so growing the table never copies more than a 64th of it.
    /// </summary>
    internal sealed class SeenNumbers
    {
        private const int ShardBits = 6;
        private const int NumberBits = 34;
        private const long NumberMask = (1L << NumberBits) - 1;
        private const long MaxPosition = (1L << (64 - NumberBits - 1)) - 1;
        private const int SourceShift = RowKeys.PositionBits;

        private readonly Shard[] _shards = new Shard[1 << ShardBits];

        internal SeenNumbers()
        {
            for (var i = 0; i < _shards.Length; i++) _shards[i] = new Shard();
        }

        internal long Count { get; private set; }

        /// <summary>
        /// Adds a number with its passcode index and row key (source index × 2^40 + position). False when it was seen before:
        /// then <paramref name="earlierPasscode"/> and <paramref name="earlierRow"/> are what the first row gave.
        /// </summary>
        internal bool TryAdd(long number, int passcodeIndex, long rowKey, out int earlierPasscode, out long earlierRow)
        {
            if (number < 0 || number > NumberMask - 1) throw new ArgumentOutOfRangeException(nameof(number));
            var hash = Mix(number);
            var added = _shards[(int)(hash >> (64 - ShardBits))].TryAdd(number + 1, hash, passcodeIndex, rowKey, out earlierPasscode, out earlierRow);
            if (added) Count++;
            return added;
        }

        /// <summary>Whether the number was seen, and with which passcode index.</summary>
        internal bool TryGet(long number, out int passcodeIndex)
        {
            var hash = Mix(number);
            return _shards[(int)(hash >> (64 - ShardBits))].TryGet(number + 1, hash, out passcodeIndex);
        }

        /// <summary>The row key of the row that first gave the number; -1 when it was never seen.</summary>
        internal long RowOf(long number)
        {
            var hash = Mix(number);
            return _shards[(int)(hash >> (64 - ShardBits))].RowOf(number + 1, hash);
        }

        private static ulong Mix(long number) => unchecked((ulong)number * 0x9E3779B97F4A7C15UL);

        private sealed class Shard
        {
            private long[] _slots = new long[64];
            private int _shift = 64 - 6; // 64 - log2(_slots.Length): Fibonacci hashing takes the hash's top bits
            private int[] _passcodes;
            private ushort[] _sources;
            private int _count;

            internal bool TryAdd(long stored, ulong hash, int passcodeIndex, long rowKey, out int earlierPasscode, out long earlierRow)
            {
                var index = Find(stored, hash);
                if (_slots[index] != 0)
                {
                    earlierPasscode = _passcodes?[index] ?? 0;
                    earlierRow = RowKeyAt(index);
                    return false;
                }
                earlierPasscode = passcodeIndex;
                earlierRow = rowKey;
                if ((_count + 1) * 4 > _slots.Length * 3)
                {
                    Grow();
                    index = Find(stored, hash);
                }
                var position = Math.Min(rowKey & ((1L << SourceShift) - 1), MaxPosition);
                var source = (int)(rowKey >> SourceShift);
                _slots[index] = (position << NumberBits) | stored;
                if (passcodeIndex != 0)
                {
                    _passcodes = _passcodes ?? new int[_slots.Length];
                    _passcodes[index] = passcodeIndex;
                }
                if (source != 0)
                {
                    _sources = _sources ?? new ushort[_slots.Length];
                    _sources[index] = (ushort)Math.Min(source, ushort.MaxValue);
                }
                _count++;
                return true;
            }

            internal bool TryGet(long stored, ulong hash, out int passcodeIndex)
            {
                var index = Find(stored, hash);
                passcodeIndex = _slots[index] == 0 ? -1 : _passcodes?[index] ?? 0;
                return _slots[index] != 0;
            }

            internal long RowOf(long stored, ulong hash)
            {
                var index = Find(stored, hash);
                return _slots[index] == 0 ? -1 : RowKeyAt(index);
            }

            private long RowKeyAt(int index) =>
                ((long)(_sources?[index] ?? 0) << SourceShift) | (long)((ulong)_slots[index] >> NumberBits);

            /// <summary>The slot that holds the number, or the empty slot where it goes (linear probing).</summary>
            private int Find(long stored, ulong hash)
            {
                var mask = _slots.Length - 1;
                // The bits right below the shard's: the top of a multiplicative hash is its best-mixed part.
                var index = (int)((hash << ShardBits) >> _shift);
                while (true)
                {
                    var slot = _slots[index];
                    if (slot == 0 || (slot & NumberMask) == stored) return index;
                    index = (index + 1) & mask;
                }
            }

            private void Grow()
            {
                var oldSlots = _slots;
                var oldPasscodes = _passcodes;
                var oldSources = _sources;
                _slots = new long[oldSlots.Length * 2];
                _shift--;
                _passcodes = oldPasscodes == null ? null : new int[_slots.Length];
                _sources = oldSources == null ? null : new ushort[_slots.Length];
                for (var i = 0; i < oldSlots.Length; i++)
                {
                    var slot = oldSlots[i];
                    if (slot == 0) continue;
                    var stored = slot & NumberMask;
                    var index = Find(stored, Mix(stored - 1));
                    _slots[index] = slot;
                    if (oldPasscodes != null) _passcodes[index] = oldPasscodes[i];
                    if (oldSources != null) _sources[index] = oldSources[i];
                }
            }
        }
    }
}
