using System;
using System.Collections.Generic;
using System.Globalization;

namespace PortOutPasscode.Input
{
    /// <summary>Why a PIN is one people or attackers would guess first; None for a strong one.</summary>
    internal enum PinWeakness
    {
        None,

        /// <summary>Not a passcode the API takes (4–10 ASCII letters or digits).</summary>
        NotAPasscode,

        /// <summary>One character repeated: 0000, AAAA.</summary>
        OneCharacter,

        /// <summary>Up or down in equal steps: 1234, 9876, 2468, 7890, ABCD.</summary>
        Run,

        /// <summary>A shorter pattern repeated: 1212, 123123, 12121.</summary>
        RepeatedPattern,

        /// <summary>A year a person would pick (1950–2030).</summary>
        Year,

        /// <summary>On the list of PINs people choose most (1004, 2580, 5683 …).</summary>
        Common,

        /// <summary>Four or more characters in a row of one of the numbers it protects.</summary>
        PartOfNumber,
    }

    /// <summary>
    /// What makes a port-out PIN trivial. A PIN protects a number against anyone who can guess it, and the first guesses
    /// are the patterns people choose (studies of leaked PINs rank 1234, 1111, 0000, 1212, 7777, 1004, 2000 first), the
    /// keypad shapes (2580 is a column), birth years, and the number itself, which the porting carrier already has.
    /// </summary>
    internal static class PinRules
    {
        /// <summary>This many characters in a row of a protected number may not appear in its PIN.</summary>
        internal const int NumberPartLength = 4;

        internal const int FirstYear = 1950;
        internal const int LastYear = 2030;

        // Upper case; compared without regard to case. Runs, repeats and years are caught by rule, not listed.
        private static readonly HashSet<string> Common = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // Ranked high in studies of real 4-digit PINs, or keypad shapes (columns, diagonals, corners, a cross).
            "1004", "1122", "1221", "2580", "0852", "5683", "0007", "1123", "1230", "1478", "1590", "1379", "1397", "3698",
            "7410", "8520", "9630", "0258", "5455", "2684", "1472", "3214", "1793", "0911", "1066", "1001",
            // Longer ones people choose (pairs, mirrors, keypad lines, constants).
            "112233", "123321", "159753", "147258", "258369", "789456", "654123", "123654", "102030", "111222", "753951",
            "314159", "142857", "100200", "123456789", "11223344", "12344321", "14725836", "31415926", "1122334455",
            "3141592653", "1234554321",
            // Words and keyboard rows, and the sample passcode of this module's own documentation.
            "QWER", "QWERTY", "ASDF", "ZXCV", "QAZWSX", "1QAZ", "ZAQ1", "PASS", "PASSWORD", "PASSCODE", "PORTOUT", "SECRET",
            "ADMIN", "LETMEIN", "ABC123", "A1B2C3", "Q1W2E3", "1Q2W3E", "AAA111", "BANDWIDTH",
        };

        /// <summary>
        /// The weakness of <paramref name="pin"/>, or None. <paramref name="numberParts"/>: what <see cref="PartsOf"/> made
        /// of the numbers the PIN is for (null for none).
        /// </summary>
        internal static PinWeakness WeaknessOf(string pin, ISet<string> numberParts = null)
        {
            if (!Passcodes.TryValidate(pin, out _)) return PinWeakness.NotAPasscode;
            if (IsOneCharacter(pin)) return PinWeakness.OneCharacter;
            if (IsRun(pin)) return PinWeakness.Run;
            if (HasRepeatedPattern(pin)) return PinWeakness.RepeatedPattern;
            if (IsYear(pin)) return PinWeakness.Year;
            if (Common.Contains(pin)) return PinWeakness.Common;
            if (numberParts != null && ContainsPart(pin, numberParts)) return PinWeakness.PartOfNumber;
            return PinWeakness.None;
        }

        internal static bool IsTrivial(string pin, ISet<string> numberParts = null) => WeaknessOf(pin, numberParts) != PinWeakness.None;

        /// <summary>
        /// Every run of <see cref="NumberPartLength"/> digits of the ten-digit numbers, and of each with its country code 1
        /// in front (how a number is often written), for <see cref="WeaknessOf"/> to look for in a PIN.
        /// </summary>
        internal static HashSet<string> PartsOf(IEnumerable<string> tenDigitNumbers)
        {
            var parts = new HashSet<string>(StringComparer.Ordinal);
            if (tenDigitNumbers == null) return parts;
            foreach (var number in tenDigitNumbers)
            {
                if (string.IsNullOrEmpty(number)) continue;
                var written = "1" + number;
                for (var start = 0; start + NumberPartLength <= written.Length; start++)
                {
                    parts.Add(written.Substring(start, NumberPartLength));
                }
            }
            return parts;
        }

        private static bool ContainsPart(string pin, ISet<string> parts)
        {
            for (var start = 0; start + NumberPartLength <= pin.Length; start++)
            {
                if (parts.Contains(pin.Substring(start, NumberPartLength))) return true;
            }
            return false;
        }

        private static bool IsOneCharacter(string pin)
        {
            for (var i = 1; i < pin.Length; i++)
            {
                if (char.ToUpperInvariant(pin[i]) != char.ToUpperInvariant(pin[0])) return false;
            }
            return true;
        }

        /// <summary>
        /// Every step the same and not zero, among digits or among letters. Digits wrap around for single steps (7890, 1098):
        /// on a keypad and in people's heads 0 follows 9.
        /// </summary>
        private static bool IsRun(string pin)
        {
            var digits = IsDigit(pin[0]);
            var step = 0;
            for (var i = 1; i < pin.Length; i++)
            {
                if (IsDigit(pin[i]) != digits) return false;
                var difference = Ordinal(pin[i]) - Ordinal(pin[i - 1]);
                if (digits && (difference == 9 || difference == -9)) difference = difference > 0 ? -1 : 1;
                if (difference == 0 || (i > 1 && difference != step)) return false;
                step = difference;
            }
            return true;
        }

        /// <summary>The PIN repeats its first few characters (period at most half its length): 1212, 123123, 12121, 4545.</summary>
        private static bool HasRepeatedPattern(string pin)
        {
            for (var period = 1; period <= pin.Length / 2; period++)
            {
                var repeats = true;
                for (var i = period; i < pin.Length && repeats; i++)
                {
                    repeats = char.ToUpperInvariant(pin[i]) == char.ToUpperInvariant(pin[i - period]);
                }
                if (repeats) return true;
            }
            return false;
        }

        private static bool IsYear(string pin) =>
            pin.Length == 4
            && int.TryParse(pin, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year >= FirstYear && year <= LastYear;

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static int Ordinal(char c) => IsDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A';
    }
}
