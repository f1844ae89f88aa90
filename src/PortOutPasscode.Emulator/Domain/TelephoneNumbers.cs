using System.Globalization;

namespace PortOutPasscode.Emulator.Domain;

/// <summary>
/// Numbers as the APIs take them: v1 exactly 10 digits, v2 E.164 (+1 and 10 digits); kept as a long so a million of
/// them stay small.
/// </summary>
internal static class TelephoneNumbers
{
    /// <summary>Exactly 10 ASCII digits (surrounding white space allowed), not starting with 0 or 1.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long number)
    {
        number = 0;
        text = text.Trim();
        if (text.Length != 10 || text[0] < '2' || text[0] > '9') return false;
        foreach (var c in text)
        {
            if (c < '0' || c > '9') return false;
            number = number * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Lenient form for the admin API: "+1 (201) 200-0001", "12012000001", "201.200.0001".</summary>
    public static bool TryNormalize(string? text, out long number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        Span<char> digits = stackalloc char[16];
        var count = 0;
        foreach (var c in text)
        {
            if (c >= '0' && c <= '9')
            {
                if (count == digits.Length) return false;
                digits[count++] = c;
            }
            else if (!(c == ' ' || c == '+' || c == '-' || c == '.' || c == '(' || c == ')'))
            {
                return false;
            }
        }
        var span = digits[..count];
        if (span.Length == 11 && span[0] == '1') span = span[1..];
        return TryParse(span, out number);
    }

    /// <summary>E.164 for a NANP number: "+1" and 10 digits (surrounding white space allowed).</summary>
    public static bool TryParseE164(ReadOnlySpan<char> text, out long number)
    {
        number = 0;
        text = text.Trim();
        return text.Length == 12 && text.StartsWith("+1") && TryParse(text[2..], out number);
    }

    public static string Format(long number) => number.ToString("D10", CultureInfo.InvariantCulture);

    public static string FormatE164(long number) => "+1" + Format(number);

    /// <summary>The area code (NPA): the first three digits.</summary>
    public static int AreaCode(long number) => (int)(number / 10_000_000);
}
