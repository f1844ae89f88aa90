using System;
using System.Collections.Generic;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Each distinct passcode of a run once, under a small index: the duplicate check keeps the index beside each of
    /// millions of numbers, not a passcode per number.
    /// </summary>
    internal sealed class PasscodeTable
    {
        private readonly List<string> _passcodes = new List<string>();
        private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>The passcode's index, added when new.</summary>
        internal int IndexOf(string passcode)
        {
            if (!_index.TryGetValue(passcode, out var index))
            {
                index = _passcodes.Count;
                _passcodes.Add(passcode);
                _index.Add(passcode, index);
            }
            return index;
        }

        internal string this[int index] => _passcodes[index];

        internal bool Contains(string passcode) => _index.ContainsKey(passcode);

        internal bool TryGetIndex(string passcode, out int index) => _index.TryGetValue(passcode, out index);

        /// <summary>Another passcode under an index (a PIN drawn again).</summary>
        internal void Replace(int index, string passcode)
        {
            _index.Remove(_passcodes[index]);
            _passcodes[index] = passcode;
            _index.Add(passcode, index);
        }
    }
}
