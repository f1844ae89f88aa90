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
        internal string BaseUri { get; private set; }

        /// <summary>BW_ENVIRONMENT as Bandwidth's CLI reads it (production/prod, test); null when unset.</summary>
        internal string Environment { get; private set; }

        internal static EnvironmentSettings Read() => new EnvironmentSettings
        {
            AccountId = Variable("BW_ACCOUNT_ID"),
            UserName = Variable("BW_USERNAME"),
            Password = Secret("BW_PASSWORD"),
            ClientId = Variable("BW_CLIENT_ID"),
            ClientSecret = Secret("BW_CLIENT_SECRET"),
            BaseUri = Variable("BW_API_BASE_URI"),
            Environment = Variable("BW_ENVIRONMENT"),
        };

        /// <summary>BW_ENVIRONMENT's value as an environment, or null with what was wrong.</summary>
        internal static BwEnvironment? ParseEnvironment(string value, out string problem)
        {
            problem = null;
            switch (value?.Trim().ToLowerInvariant())
            {
                case null:
                    return null;
                case "production":
                case "prod":
                    return BwEnvironment.Production;
                case "test":
                    return BwEnvironment.Test;
                default:
                    problem = "BW_ENVIRONMENT must be Production or Test.";
                    return null;
            }
        }

        private static string Variable(string name)
        {
            var value = System.Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        private static SecureString Secret(string name)
        {
            var value = System.Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : new NetworkCredential(string.Empty, value).SecurePassword;
        }
    }
}
