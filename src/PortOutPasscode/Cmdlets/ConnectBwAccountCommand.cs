using System;
using System.Management.Automation;
using System.Net;
using PortOutPasscode.Session;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Connect-BwAccount: stores a Bandwidth connection for this session. Credentials come from the parameters,
    /// else from the environment (BW_ACCOUNT_ID; BW_CLIENT_ID + BW_CLIENT_SECRET, else BW_USERNAME + BW_PASSWORD;
    /// BW_API_BASE_URI), so runbooks need no secret in their text.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "BwAccount", DefaultParameterSetName = FromEnvironment)]
    [OutputType(typeof(BwConnection))]
    public sealed class ConnectBwAccountCommand : PSCmdlet
    {
        private const string FromEnvironment = "Environment";
        private const string WithCredential = "Credential";
        private const string WithClientCredential = "ClientCredential";

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WithCredential)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WithClientCredential)]
        [Credential]
        [ValidateNotNull]
        public PSCredential ClientCredential { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri BaseUri { get; set; }

        [Parameter(ParameterSetName = WithClientCredential)]
        [Parameter(ParameterSetName = FromEnvironment)]
        [ValidateNotNull]
        public Uri TokenUri { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri Proxy { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential ProxyCredential { get; set; }

        /// <summary>Retries of one request after a 429, a 5xx or a lost answer (Invoke-RestMethod's name for it).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; }

        /// <summary>How long one attempt of a request may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; }

        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var settings = EnvironmentSettings.Read();
            var accountId = AccountId ?? settings.AccountId;
            if (string.IsNullOrWhiteSpace(accountId))
            {
                Fail("AccountIdMissing", ErrorCategory.InvalidArgument,
                    "No Bandwidth account id: pass -AccountId or set the BW_ACCOUNT_ID environment variable.");
            }

            var (kind, userName, secret, source) = ChooseCredential(settings);
            var baseUri = BaseUri ?? settings.BaseUri ?? new Uri(BwConnection.DefaultBaseUri);

            BwConnection connection = null;
            try
            {
                connection = new BwConnection(accountId, baseUri, kind, userName, secret, TokenUri, Proxy,
                    ProxyCredential?.GetNetworkCredential(),
                    MyInvocation.BoundParameters.ContainsKey(nameof(MaximumRetryCount)) ? MaximumRetryCount : (int?)null,
                    MyInvocation.BoundParameters.ContainsKey(nameof(RequestTimeoutSec)) ? TimeSpan.FromSeconds(RequestTimeoutSec) : (TimeSpan?)null);
            }
            catch (ArgumentException e)
            {
                Fail(InvalidArgumentErrorId(e.ParamName), ErrorCategory.InvalidArgument, e.Message);
            }

            WriteVerbose($"Using {connection} with credentials from {source}.");
            if (!SkipCheck)
            {
                ConnectionCheck.Verify(this, connection);
            }

            ConnectionStore.Current = connection;
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private (BwAuthenticationKind, string, System.Security.SecureString, string) ChooseCredential(EnvironmentSettings settings)
        {
            if (Credential != null)
            {
                return (BwAuthenticationKind.Basic, Credential.UserName, Credential.Password, "-Credential");
            }
            if (ClientCredential != null)
            {
                return (BwAuthenticationKind.OAuth2ClientCredentials, ClientCredential.UserName, ClientCredential.Password, "-ClientCredential");
            }
            if (settings.ClientId != null && settings.ClientSecret != null)
            {
                return (BwAuthenticationKind.OAuth2ClientCredentials, settings.ClientId, settings.ClientSecret, "BW_CLIENT_ID and BW_CLIENT_SECRET");
            }
            if (settings.UserName != null && settings.Password != null)
            {
                return (BwAuthenticationKind.Basic, settings.UserName, settings.Password, "BW_USERNAME and BW_PASSWORD");
            }
            Fail("CredentialMissing", ErrorCategory.AuthenticationError,
                "No Bandwidth credentials: pass -Credential (API user) or -ClientCredential (OAuth2 client id and secret), or set BW_CLIENT_ID and BW_CLIENT_SECRET, or BW_USERNAME and BW_PASSWORD.");
            return default;
        }

        private static string InvalidArgumentErrorId(string parameterName)
        {
            switch (parameterName)
            {
                case "accountId": return "InvalidAccountId";
                case "BaseUri": return "InvalidBaseUri";
                case "TokenUri": return "InvalidTokenUri";
                default: return "InvalidCredential";
            }
        }

        private void Fail(string errorId, ErrorCategory category, string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, null));
    }
}
