using System;

namespace PortOutPasscode.Input
{
    /// <summary>The API's rules for a port-out passcode, checked before anything is sent.</summary>
    internal static class Passcodes
    {
        /// <summary>True for systemDefault and unchanged, in any case (answers spell them systemdefault too).</summary>
        internal static bool IsReservedWord(string value) =>
            string.Equals(value, SystemDefault, StringComparison.OrdinalIgnoreCase) || string.Equals(value, Unchanged, StringComparison.OrdinalIgnoreCase);

        /// <summary>A value to keep out of every message: a passcode, not empty and not a reserved word.</summary>
        internal static bool IsSecret(string value) => !string.IsNullOrEmpty(value) && !IsReservedWord(value);

        /// <summary>The API's word for "remove the passcode".</summary>
        public const string SystemDefault = "systemDefault";

        /// <summary>The API's word for "keep whatever passcode is set".</summary>
        public const string Unchanged = "unchanged";

        public const int MinLength = 4;
        public const int MaxLength = 10;

        /// <summary>
        /// True for 4 to 10 ASCII letters or digits that are not a reserved word. The problem text never
        /// repeats the passcode: it may be a real one with a typo.
        /// </summary>
        public static bool TryValidate(string passcode, out string problem)
        {
            if (passcode == null || passcode.Length == 0)
            {
                problem = "no passcode was given for it";
                return false;
            }
            if (string.Equals(passcode, SystemDefault, StringComparison.OrdinalIgnoreCase)
                || string.Equals(passcode, Unchanged, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"the passcode is the reserved word '{passcode}'; use Remove-BwPortOutPasscode to remove a passcode";
                return false;
            }
            foreach (var c in passcode)
            {
                var asciiLetterOrDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!asciiLetterOrDigit)
                {
                    problem = c > 127
                        ? "the passcode contains a non-ASCII character; use only the letters A-Z, a-z and the digits 0-9"
                        : "the passcode contains a character that is not a letter or a digit (spaces and punctuation are not allowed)";
                    return false;
                }
            }
            if (passcode.Length < MinLength || passcode.Length > MaxLength)
            {
                problem = $"the passcode has {passcode.Length} characters; it must have {MinLength} to {MaxLength} letters or digits";
                return false;
            }
            problem = null;
            return true;
        }
    }
}
