namespace PortOutPasscode.Input
{
    /// <summary>North American numbers as the v1 API wants them: exactly ten digits, NPA-NXX-XXXX.</summary>
    internal static class TelephoneNumbers
    {
        /// <summary>
        /// Normalises "+1 (201) 855-1020", "12018551020", "201.855.1020" to "2018551020".
        /// Returns false with a sentence saying what is wrong when the text is not a valid NANP number.
        /// </summary>
        public static bool TryNormalize(string text, out string tenDigits, out string problem)
        {
            tenDigits = null;
            if (text != null && text.Length == 10 && AllAsciiDigits(text))
            {
                // Nearly every number, in files and in answers, is written this way: checked, and kept as the same string
                // (a million rows or a 5,000-number answer would otherwise copy each one).
                problem = NanpProblem(text);
                if (problem == null) tenDigits = text;
                return problem == null;
            }
            if (text == null || text.Trim().Length == 0)
            {
                problem = "the telephone number is empty";
                return false;
            }

            // Ten digits plus an optional leading country code 1: at most 11 digits are kept.
            var digits = new char[11];
            var count = 0;
            var sawPlus = false;
            foreach (var c in text)
            {
                if (c >= '0' && c <= '9')
                {
                    if (count == digits.Length)
                    {
                        problem = "it has more than 11 digits";
                        return false;
                    }
                    digits[count++] = c;
                }
                else if (c == '+' && count == 0 && !sawPlus)
                {
                    sawPlus = true;
                }
                else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t')
                {
                }
                else if (char.IsDigit(c))
                {
                    problem = $"it contains the non-ASCII digit '{c}' (U+{(int)c:X4}); use the digits 0-9";
                    return false;
                }
                else if (char.IsLetter(c))
                {
                    problem = "it contains letters; give the number as digits";
                    return false;
                }
                else
                {
                    problem = $"it contains the character '{RowRules.Echo(c.ToString())}'";
                    return false;
                }
            }

            var start = 0;
            if (count == 11)
            {
                if (digits[0] != '1')
                {
                    problem = "an 11-digit number must start with the country code 1";
                    return false;
                }
                start = 1;
            }
            else if (count != 10)
            {
                problem = $"it has {count} digits; a North American number has 10 (or 11 starting with 1)";
                return false;
            }
            else if (sawPlus)
            {
                problem = "a number written with + needs its country code (+1 for North America)";
                return false;
            }

            var candidate = new string(digits, start, 10);
            problem = NanpProblem(candidate);
            if (problem == null) tenDigits = candidate;
            return problem == null;
        }

        /// <summary>What makes ten digits no North American number (area code and exchange rules), or null.</summary>
        private static string NanpProblem(string tenDigits)
        {
            if (tenDigits[0] < '2') return $"the area code cannot start with {tenDigits[0]}";
            if (tenDigits[1] == '1' && tenDigits[2] == '1') return "N11 codes are service codes, not area codes";
            if (tenDigits[3] < '2') return $"the exchange (the three digits after the area code) cannot start with {tenDigits[3]}";
            return null;
        }

        private static bool AllAsciiDigits(string text)
        {
            foreach (var c in text)
            {
                if (c < '0' || c > '9') return false;
            }
            return true;
        }

        /// <summary>The number as a long, for compact duplicate tracking of millions of numbers.</summary>
        public static long ToKey(string tenDigits) => long.Parse(tenDigits, System.Globalization.CultureInfo.InvariantCulture);
    }
}
