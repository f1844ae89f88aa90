using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// What a Bandwidth access token says about itself: it is a JWT whose payload carries <c>accounts</c> (the account ids
    /// the client may use) and <c>roles</c>. Read, not verified (the API verifies it): enough to tell, before any bulk run,
    /// that the token cannot do what is asked. A token that is not a JWT, or lacks a claim, says nothing about it.
    /// </summary>
    internal sealed class TokenClaims
    {
        /// <summary>The role TN option orders need; matched ignoring case, spaces and underscores.</summary>
        internal const string LineFeatureManagementRole = "Line Feature Management";

        internal static readonly TokenClaims None = new TokenClaims(null, null);

        private TokenClaims(string[] accounts, string[] roles)
        {
            Accounts = accounts;
            Roles = roles;
        }

        /// <summary>Null when the token has no accounts claim.</summary>
        internal string[] Accounts { get; }

        /// <summary>Null when the token has no roles claim.</summary>
        internal string[] Roles { get; }

        internal bool AllowsAccount(string accountId) =>
            Accounts == null || Accounts.Any(a => a == "*" || string.Equals(a, accountId, StringComparison.Ordinal));

        internal bool HasLineFeatureManagement =>
            Roles == null || Roles.Any(r => Normalize(r) == Normalize(LineFeatureManagementRole));

        internal static TokenClaims Read(string token)
        {
            var parts = token?.Split('.');
            if (parts == null || parts.Length != 3) return None;
            try
            {
                var payload = FromBase64Url(parts[1]);
                using (var reader = JsonReaderWriterFactory.CreateJsonReader(payload, new XmlDictionaryReaderQuotas { MaxDepth = 16, MaxStringContentLength = 1 << 16 }))
                {
                    var root = XElement.Load(reader);
                    return new TokenClaims(Strings(root.Element("accounts")), Strings(root.Element("roles")));
                }
            }
            catch (Exception e) when (e is FormatException || e is XmlException || e is ArgumentException)
            {
                return None;
            }
        }

        /// <summary>An array of strings or numbers, or one string (space or comma separated); null when absent.</summary>
        private static string[] Strings(XElement claim)
        {
            if (claim == null) return null;
            var type = (string)claim.Attribute("type");
            if (type == "array")
            {
                return claim.Elements().Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToArray();
            }
            return claim.Value.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);
        }

        private static byte[] FromBase64Url(string text)
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            switch (base64.Length % 4)
            {
                case 2: base64 += "=="; break;
                case 3: base64 += "="; break;
            }
            return Convert.FromBase64String(base64);
        }

        private static string Normalize(string role) =>
            new string((role ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }
}
