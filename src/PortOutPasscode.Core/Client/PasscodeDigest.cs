using System;
using System.Security.Cryptography;
using System.Text;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// A keyed digest of a passcode (HMAC-SHA256 with a key made for this process), so that an order Bandwidth echoes can
    /// be compared with the one sent without keeping the passcode in an object a user can output or serialize.
    /// </summary>
    internal static class PasscodeDigest
    {
        private static readonly byte[] Key = NewKey();

        internal static string Of(string passcode)
        {
            if (passcode == null) return null;
            using (var hmac = new HMACSHA256(Key))
            {
                return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(passcode)));
            }
        }

        private static byte[] NewKey()
        {
            var key = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(key);
            return key;
        }
    }
}
