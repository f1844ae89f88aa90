using System;
using System.Net;
using System.Security;

namespace PortOutPasscode.Session
{
    /// <summary>The BW_* environment variables Connect-BwAccount falls back to when no credential parameter is given.</summary>
    internal sealed class EnvironmentSettings
    {
        internal string AccountId { get; private set; }
        internal string UserName { get; private set; }
        internal SecureString Password { get; private set; }
        internal string ClientId { get; private set; }
        internal SecureString ClientSecret { get; private set; }
        internal Uri BaseUri { get; private set; }

        internal static EnvironmentSettings Read()
        {
            var baseUri = Variable("BW_API_BASE_URI");
            return new EnvironmentSettings
            {
                AccountId = Variable("BW_ACCOUNT_ID"),
                UserName = Variable("BW_USERNAME"),
                Password = Secret("BW_PASSWORD"),
                ClientId = Variable("BW_CLIENT_ID"),
                ClientSecret = Secret("BW_CLIENT_SECRET"),
                BaseUri = baseUri == null ? null : new Uri(baseUri, UriKind.RelativeOrAbsolute),
            };
        }

        private static string Variable(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        private static SecureString Secret(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : new NetworkCredential(string.Empty, value).SecurePassword;
        }
    }
}
