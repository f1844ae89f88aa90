using System;
using PortOutPasscode.Input;

namespace PortOutPasscode.Contract
{
    /// <summary>
    /// How numbers travel: ten digits on the v1 API, E.164 (+12018551020) on v2 (Universal Platform), in requests and
    /// answers. Everything the module shows or keeps is the user's ten-digit form.
    /// </summary>
    internal static class Wire
    {
        /// <summary>True for a v2 base (…/api/v2): every number on the wire is E.164.</summary>
        internal static bool IsE164(this BwConnection connection) =>
            connection.BaseUri.AbsolutePath.TrimEnd('/').EndsWith("/v2", StringComparison.OrdinalIgnoreCase);

        /// <summary>A ten-digit number as this connection's base wants it.</summary>
        internal static string ToWire(this BwConnection connection, string tenDigits) =>
            connection.IsE164() && tenDigits != null && tenDigits.Length == 10 ? "+1" + tenDigits : tenDigits;

        /// <summary>A number as an answer spells it (ten digits, 1 + ten, or E.164), as ten digits; other text unchanged.</summary>
        internal static string ToTenDigits(string number) =>
            number != null && TelephoneNumbers.TryNormalize(number, out var tenDigits, out _) ? tenDigits : number;
    }
}
