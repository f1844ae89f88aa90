using System;
using System.Security;
using System.Text;

namespace PortOutPasscode.Input
{
    /// <summary>
    /// Every rule a row must pass before anything is sent for it, in one place: a valid North American number, and for
    /// Set a valid passcode that is not the number itself. A refused row becomes an <see cref="InputRowException"/> whose
    /// message names the row and what to do, and never repeats a cell that may be a passcode.
    /// </summary>
    internal static class RowRules
    {
        /// <summary>How much of a refused cell a message repeats.</summary>
        internal const int EchoLength = 24;

        /// <summary>The row's number as ten digits, or false with the failure to report.</summary>
        internal static bool TryNumber(InputRow row, out string number, out InputRowException failure)
        {
            failure = null;
            if (TelephoneNumbers.TryNormalize(row.TelephoneNumber, out number, out var problem)) return true;
            if (IsWholeRowAsText(row.TelephoneNumber))
            {
                // An object without a number property binds by value as its text, every column included: never echo it.
                failure = new InputRowException(InputRowProblem.NoTelephoneNumber, row.Label, null, Messages.RowHasNoNumber(row.Label));
                return false;
            }
            var echo = MayEcho(row) ? Echo(row.TelephoneNumber) : null;
            failure = new InputRowException(InputRowProblem.InvalidTelephoneNumber, row.Label, null,
                Messages.InvalidNumber(row.Label, echo, problem, LooksSwapped(row)));
            return false;
        }

        /// <summary>The passcode to set for a row whose number is valid, or false with the failure to report.</summary>
        internal static bool TryPasscode(InputRow row, string number, out string passcode, out InputRowException failure)
        {
            failure = null;
            if (!TryReadPasscode(row.Passcode, out passcode))
            {
                failure = new InputRowException(InputRowProblem.InvalidPasscode, row.Label, number, Messages.PasscodeNotText(row.Label, number));
                return false;
            }
            if (!Passcodes.TryValidate(passcode, out var problem))
            {
                var missing = string.IsNullOrEmpty(passcode);
                failure = new InputRowException(missing ? InputRowProblem.PasscodeMissing : InputRowProblem.InvalidPasscode,
                    row.Label, number, Messages.InvalidPasscode(row.Label, number, problem, missing));
                passcode = null;
                return false;
            }
            if (passcode == number)
            {
                failure = new InputRowException(InputRowProblem.PasscodeIsTheNumber, row.Label, number, Messages.PasscodeIsTheNumber(row.Label, number));
                passcode = null;
                return false;
            }
            return true;
        }

        /// <summary>Text or a SecureString (from Get-Secret, Read-Host -AsSecureString); anything else is not a passcode.</summary>
        internal static bool TryReadPasscode(object value, out string passcode)
        {
            switch (value)
            {
                case null:
                    passcode = null;
                    return true;
                case string text:
                    passcode = text;
                    return true;
                case SecureString secure:
                    passcode = new System.Net.NetworkCredential(string.Empty, secure).Password;
                    return true;
                default:
                    passcode = null;
                    return false;
            }
        }

        /// <summary>"@{Phone=…; Passcode=…}": how PowerShell writes an object with properties as text.</summary>
        internal static bool IsWholeRowAsText(string text) =>
            text != null && text.StartsWith("@{", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal);

        /// <summary>
        /// A refused cell is repeated only when it cannot be a passcode in the wrong column: never one that has the shape
        /// of a passcode with letters in it, that equals the row's passcode, or whose row has a number where the passcode goes.
        /// </summary>
        private static bool MayEcho(InputRow row)
        {
            var cell = row.TelephoneNumber;
            if (string.IsNullOrEmpty(cell)) return true;
            if (LooksSwapped(row)) return false;
            if (TryReadPasscode(row.Passcode, out var passcode) && passcode != null && cell.Trim() == passcode.Trim()) return false;
            var hasLetter = false;
            foreach (var c in cell) hasLetter |= char.IsLetter(c);
            return !(hasLetter && Passcodes.TryValidate(cell.Trim(), out _));
        }

        /// <summary>The number cell is not a number but the passcode cell is: the columns were swapped.</summary>
        private static bool LooksSwapped(InputRow row) =>
            TryReadPasscode(row.Passcode, out var passcode) && passcode != null
            && TelephoneNumbers.TryNormalize(passcode, out _, out _);

        /// <summary>At most <see cref="EchoLength"/> characters of the cell, control characters escaped, so a message stays one short line.</summary>
        internal static string Echo(string cell)
        {
            if (cell == null) return string.Empty;
            var builder = new StringBuilder();
            foreach (var c in cell)
            {
                if (builder.Length >= EchoLength)
                {
                    builder.Append('…');
                    break;
                }
                if (c == '\t') builder.Append("\\t");
                else if (c == '\r') builder.Append("\\r");
                else if (c == '\n') builder.Append("\\n");
                else if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029') builder.Append("\\u").Append(((int)c).ToString("X4"));
                else builder.Append(c);
            }
            return builder.ToString();
        }
    }
}
