using System;
using System.Net;
using System.Security;

namespace PortOutPasscode
{
    /// <summary>Which Bandwidth: its production API, its test environment (a realm of its own), or another base (the emulator).</summary>
    public enum BwEnvironment
    {
        Production,
        Test,
        Custom,
    }

    /// <summary>How a connection proves who it is to Bandwidth.</summary>
    public enum BwAuthenticationKind
    {
        /// <summary>An API user's name and password, sent as HTTP Basic.</summary>
        Basic,
        /// <summary>An OAuth2 client id and secret, exchanged for bearer tokens.</summary>
        OAuth2ClientCredentials,
    }

    /// <summary>
    /// One Bandwidth account to talk to, and how. It carries its secret privately: no public member,
    /// ToString or formatting view ever shows the password, client secret or a token.
    /// </summary>
    public sealed class BwConnection
    {
        public const string DefaultBaseUri = "https://dashboard.bandwidth.com/api";
        public const string DefaultTokenUri = "https://api.bandwidth.com/api/v1/oauth2/token";
        public const string TestBaseUri = "https://test.api.bandwidth.com/api/v2";
        public const string TestTokenUri = "https://test.api.bandwidth.com/api/v1/oauth2/token";

        /// <summary>The day Bandwidth decommissions API users (HTTP Basic); OAuth2 client credentials only from then on.</summary>
        public static readonly DateTime BasicDecommissionDate = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

        private readonly SecureString _secret;

        internal BwConnection(
            string accountId,
            Uri baseUri,
            BwAuthenticationKind authenticationKind,
            string userName,
            SecureString secret,
            Uri tokenUri = null,
            Uri proxy = null,
            NetworkCredential proxyCredential = null,
            int? maximumRetryCount = null,
            TimeSpan? maximumRetryDelay = null,
            TimeSpan? requestTimeout = null,
            double? maximumRequestsPerSecond = null)
        {
            AccountId = ValidateAccountId(accountId);
            BaseUri = TransportSecurity.EnsureAllowed(WithoutTrailingSlash(baseUri ?? new Uri(DefaultBaseUri)), "BaseUri");
            AuthenticationKind = authenticationKind;
            if (string.IsNullOrWhiteSpace(userName))
            {
                throw new ArgumentException(authenticationKind == BwAuthenticationKind.Basic
                    ? "The API user name is empty. Give a credential whose user name is the Bandwidth API user."
                    : "The OAuth2 client id is empty. Give a credential whose user name is the client id.", nameof(userName));
            }
            UserName = userName;
            if (secret == null || secret.Length == 0)
            {
                throw new ArgumentException(authenticationKind == BwAuthenticationKind.Basic
                    ? "The API user's password is empty."
                    : "The OAuth2 client secret is empty.", nameof(secret));
            }
            _secret = secret.Copy();
            _secret.MakeReadOnly();
            if (authenticationKind == BwAuthenticationKind.OAuth2ClientCredentials)
            {
                TokenUri = TransportSecurity.EnsureAllowed(tokenUri ?? DefaultTokenUriFor(BaseUri), "TokenUri");
            }
            Proxy = proxy;
            ProxyCredential = proxyCredential;
            MaximumRetryCount = maximumRetryCount;
            MaximumRetryDelay = maximumRetryDelay;
            RequestTimeout = requestTimeout;
            MaximumRequestsPerSecond = maximumRequestsPerSecond;
            Environment = EnvironmentOf(BaseUri);
            Id = Guid.NewGuid();
        }

        /// <summary>The base address for an environment: Production's v1 base, or the test environment's.</summary>
        public static Uri BaseUriFor(BwEnvironment environment) =>
            new Uri(environment == BwEnvironment.Test ? TestBaseUri : DefaultBaseUri);

        /// <summary>Production, Test (a *.bandwidth.com host under test.), or Custom for any other host.</summary>
        public static BwEnvironment EnvironmentOf(Uri baseUri) =>
            !IsBandwidthHost(baseUri) ? BwEnvironment.Custom
            : IsTestHost(baseUri) ? BwEnvironment.Test
            : BwEnvironment.Production;

        /// <summary>Identifies this connection for the life of the session (token caches are keyed by it).</summary>
        public Guid Id { get; }
        public string AccountId { get; }
        public Uri BaseUri { get; }
        public BwAuthenticationKind AuthenticationKind { get; }
        /// <summary>The API user (Basic) or the OAuth2 client id.</summary>
        public string UserName { get; }
        /// <summary>The OAuth2 token endpoint; null for Basic.</summary>
        public Uri TokenUri { get; }
        public Uri Proxy { get; }

        /// <summary>Retries after a 429, a 5xx or a network failure; null: the client's default (5).</summary>
        public int? MaximumRetryCount { get; }

        /// <summary>The longest wait before a retry, Retry-After included; null: the client's default (60 s).</summary>
        public TimeSpan? MaximumRetryDelay { get; }

        /// <summary>How long one attempt may take; null: the client's default (100 s).</summary>
        public TimeSpan? RequestTimeout { get; }

        /// <summary>The connection's own cap on requests a second, shared by every order and poll; null: none.</summary>
        public double? MaximumRequestsPerSecond { get; }

        /// <summary>The environment (and OAuth realm) of the base address.</summary>
        public BwEnvironment Environment { get; }

        /// <summary>The accounts the OAuth2 token says the client may use (its accounts claim), when Connect-BwAccount read one.</summary>
        public string[] TokenAccounts { get; internal set; }

        /// <summary>The roles the OAuth2 token grants (its roles claim), when Connect-BwAccount read one.</summary>
        public string[] TokenRoles { get; internal set; }

        /// <summary>
        /// The file every change made through this connection is recorded in (Connect-BwAccount -AuditLogPath), as a full
        /// path; null for none. A command's own -AuditLogPath wins.
        /// </summary>
        public string AuditLogPath { get; internal set; }

        internal NetworkCredential ProxyCredential { get; }

        /// <summary>The secret in clear, for the authentication handler only, at the moment it is sent.</summary>
        internal string RevealSecret() => new NetworkCredential(string.Empty, _secret).Password;

        /// <summary>Every form in which the secret travels (itself, and the Basic header value), to hide if a server echoes one back.</summary>
        internal string[] SecretForms()
        {
            var secret = RevealSecret();
            return new[] { secret, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(UserName + ":" + secret)) };
        }

        public override string ToString() =>
            $"Bandwidth account {AccountId} at {BaseUri} ({(AuthenticationKind == BwAuthenticationKind.Basic ? "API user" : "OAuth2 client")} {UserName})";

        /// <summary>
        /// The token endpoint of the base's realm: a test host's for a test base (never production's, whose tokens it would
        /// refuse), production's for any other Bandwidth host, and the base's own /api/v1/oauth2/token for a custom base such
        /// as the emulator.
        /// </summary>
        public static Uri DefaultTokenUriFor(Uri baseUri)
        {
            if (IsBandwidthHost(baseUri))
            {
                return new Uri(IsTestHost(baseUri) ? TestTokenUri : DefaultTokenUri);
            }
            return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/api/v1/oauth2/token");
        }

        private static bool IsBandwidthHost(Uri uri) =>
            uri.Host.Equals("bandwidth.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".bandwidth.com", StringComparison.OrdinalIgnoreCase);

        /// <summary>test.api.bandwidth.com, test.dashboard.bandwidth.com and the like: the test environment's own realm.</summary>
        private static bool IsTestHost(Uri uri) =>
            uri.Host.StartsWith("test.", StringComparison.OrdinalIgnoreCase) || uri.Host.IndexOf(".test.", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string ValidateAccountId(string accountId)
        {
            var trimmed = accountId?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 20 || !IsAllDigits(trimmed))
            {
                throw new ArgumentException(
                    $"'{accountId}' is not a Bandwidth account id: it must be the account's number, digits only (for example 9900000).",
                    nameof(accountId));
            }
            return trimmed;
        }

        private static bool IsAllDigits(string s)
        {
            foreach (var c in s)
            {
                if (c < '0' || c > '9') return false;
            }
            return true;
        }

        private static Uri WithoutTrailingSlash(Uri uri)
        {
            var text = uri.ToString();
            return text.EndsWith("/", StringComparison.Ordinal) ? new Uri(text.TrimEnd('/')) : uri;
        }
    }
}
