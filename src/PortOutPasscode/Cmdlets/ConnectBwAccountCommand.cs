using System;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using PortOutPasscode.Session;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Connect-BwAccount: stores a Bandwidth connection for this session. OAuth2 client credentials are the way to connect
    /// (Bandwidth decommissions API users, HTTP Basic, on 2026-12-02). Credentials come from the parameters, else from the
    /// environment (BW_CLIENT_ID + BW_CLIENT_SECRET, else BW_USERNAME + BW_PASSWORD; BW_ACCOUNT_ID, BW_ENVIRONMENT,
    /// BW_API_BASE_URI), so runbooks need no secret in their text. One cheap request checks them, and what the token says
    /// (its accounts and roles), before any bulk run can meet a refusal halfway.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "BwAccount", DefaultParameterSetName = FromEnvironment)]
    [OutputType(typeof(BwConnection))]
    public sealed class ConnectBwAccountCommand : PSCmdlet, IDisposable
    {
        private const string FromEnvironment = "Environment";
        private const string WithCredential = "Credential";
        private const string WithClientCredential = "ClientCredential";

        private WorkQueue _queue;

        /// <summary>The account; may be left out with an OAuth2 client whose token names exactly one account.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        /// <summary>An OAuth2 client: the client id as user name, the client secret as password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WithClientCredential)]
        [Credential]
        [ValidateNotNull]
        public PSCredential ClientCredential { get; set; }

        /// <summary>An API user (HTTP Basic): deprecated by Bandwidth, decommissioned on 2026-12-02.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WithCredential)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>Production (the default) or Test: the API base and the OAuth2 realm together.</summary>
        [Parameter]
        public BwEnvironment Environment { get; set; } = BwEnvironment.Production;

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

        /// <summary>Retries after a 429, a 5xx or a network failure (0 turns retrying off).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; }

        /// <summary>The longest wait before a retry, in seconds: caps the backoff and any wait Bandwidth asks for.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int MaximumRetryDelaySec { get; set; }

        /// <summary>How long one request may take, in seconds, before it is abandoned (and retried if it is safe to).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; }

        /// <summary>At most this many requests a second, shared by every order and poll of the connection (off by default).</summary>
        [Parameter]
        [ValidateRange(0.1, 1000.0)]
        public double MaximumRequestsPerSecond { get; set; }

        /// <summary>A file every change made through this connection is appended to (Set, Remove, Sync), one JSON line per number.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string AuditLogPath { get; set; }

        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var settings = EnvironmentSettings.Read();
            var (kind, userName, secret, source) = ChooseCredential(settings);
            var baseUri = ChooseBaseUri(settings);
            if (kind == BwAuthenticationKind.Basic && ConnectionStore.FirstBasicUse())
            {
                WriteWarning(Messages.BasicDeprecated(BwConnection.BasicDecommissionDate, DateTime.UtcNow));
            }

            var accountId = AccountId ?? settings.AccountId;
            var claims = TokenClaims.None;
            if (accountId == null)
            {
                if (kind == BwAuthenticationKind.Basic || SkipCheck)
                {
                    Fail("AccountIdMissing", ErrorCategory.InvalidArgument, Messages.AccountIdMissing(kind == BwAuthenticationKind.Basic));
                }
                // The token names the accounts the client may use: with exactly one, that is the account.
                claims = ReadClaims(Build(ProvisionalAccountId, baseUri, kind, userName, secret));
                if (claims.Accounts == null || claims.Accounts.Length != 1 || claims.Accounts[0] == "*")
                {
                    Fail("AccountIdMissing", ErrorCategory.InvalidArgument, Messages.AccountIdNotInToken(claims.Accounts));
                }
                accountId = claims.Accounts[0];
            }

            var connection = Build(accountId, baseUri, kind, userName, secret);
            if (AuditLogPath != null) connection.AuditLogPath = OpenAudit(connection);
            WriteVerbose($"Using {connection} with credentials from {source}.");
            if (!SkipCheck)
            {
                Check(connection, claims);
            }
            ConnectionStore.Replace(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        /// <summary>The audit file as a full path, created now if it is missing: one that cannot be written fails the connect.</summary>
        private string OpenAudit(BwConnection connection)
        {
            try
            {
                return AuditTrail.Open(AuditLogFile.Resolve(this, AuditLogPath), connection.AccountId, connection.UserName, MyInvocation.MyCommand.Name).Path;
            }
            catch (AuditLogException e)
            {
                ThrowTerminatingError(ErrorBoundary.Record(e, AuditLogPath));
                return null;
            }
        }

        protected override void StopProcessing() => _queue?.Stop();

        public void Dispose() => _queue?.Dispose();

        /// <summary>Placeholder for the one request that reads the token before the account is known; never sent to an account.</summary>
        private const string ProvisionalAccountId = "0";

        private BwConnection Build(string accountId, Uri baseUri, BwAuthenticationKind kind, string userName, System.Security.SecureString secret)
        {
            try
            {
                return new BwConnection(accountId, baseUri, kind, userName, secret, TokenUri, Proxy,
                    ProxyCredential?.GetNetworkCredential(),
                    maximumRetryCount: Bound(nameof(MaximumRetryCount)) ? MaximumRetryCount : (int?)null,
                    maximumRetryDelay: MaximumRetryDelaySec > 0 ? TimeSpan.FromSeconds(MaximumRetryDelaySec) : (TimeSpan?)null,
                    requestTimeout: RequestTimeoutSec > 0 ? TimeSpan.FromSeconds(RequestTimeoutSec) : (TimeSpan?)null,
                    maximumRequestsPerSecond: MaximumRequestsPerSecond > 0 ? MaximumRequestsPerSecond : (double?)null);
            }
            catch (ArgumentException e)
            {
                Fail(InvalidArgumentErrorId(e.ParamName), ErrorCategory.InvalidArgument, e.Message);
                return null;
            }
        }

        /// <summary>
        /// One cheap authenticated request, so bad credentials fail at connect time, not mid-run; then what the token says:
        /// an account it may not use, or a missing role, is refused here. Ctrl+C stops it at once.
        /// </summary>
        private void Check(BwConnection connection, TokenClaims claims)
        {
            WriteVerbose($"Checking the credentials with one request to {connection.BaseUri}.");
            using (var lease = ClientCache.Acquire(connection, this))
            {
                try
                {
                    Await(lease.Client.VerifyCredentialsAsync(Queue.Stopping));
                    if (claims == TokenClaims.None) claims = Await(lease.Client.ReadTokenClaimsAsync(Queue.Stopping));
                }
                catch (BandwidthException e)
                {
                    ClientCache.Retire(connection);
                    ThrowTerminatingError(ErrorBoundary.Record(e, connection));
                }
            }
            connection.TokenAccounts = claims.Accounts;
            connection.TokenRoles = claims.Roles;
            if (!claims.AllowsAccount(connection.AccountId))
            {
                ClientCache.Retire(connection);
                ThrowTerminatingError(ErrorBoundary.Record(new BandwidthAuthenticationException(
                    Messages.TokenNotForAccount(connection, claims.Accounts), 403), connection));
            }
            if (!claims.HasLineFeatureManagement)
            {
                ClientCache.Retire(connection);
                ThrowTerminatingError(ErrorBoundary.Record(new BandwidthAuthenticationException(
                    Messages.TokenLacksRole(connection, claims.Roles, TokenClaims.LineFeatureManagementRole), 403), connection));
            }
        }

        private TokenClaims ReadClaims(BwConnection provisional)
        {
            var client = BandwidthClient.Create(provisional);
            try
            {
                return Await(client.ReadTokenClaimsAsync(Queue.Stopping));
            }
            catch (BandwidthException e)
            {
                ThrowTerminatingError(ErrorBoundary.Record(e, null));
                return null;
            }
            finally
            {
                client.Dispose();
            }
        }

        private WorkQueue Queue => _queue ?? (_queue = new WorkQueue());

        private T Await<T>(System.Threading.Tasks.Task<T> task)
        {
            try
            {
                return Queue.Run(task);
            }
            catch (OperationCanceledException) when (Queue.IsStopping)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Await(System.Threading.Tasks.Task task) => Await(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, System.Threading.Tasks.TaskScheduler.Default));

        private (BwAuthenticationKind, string, System.Security.SecureString, string) ChooseCredential(EnvironmentSettings settings)
        {
            if (ClientCredential != null)
            {
                return (BwAuthenticationKind.OAuth2ClientCredentials, ClientCredential.UserName, ClientCredential.Password, "-ClientCredential");
            }
            if (Credential != null)
            {
                return (BwAuthenticationKind.Basic, Credential.UserName, Credential.Password, "-Credential");
            }
            if (settings.ClientId != null && settings.ClientSecret != null)
            {
                return (BwAuthenticationKind.OAuth2ClientCredentials, settings.ClientId, settings.ClientSecret, "BW_CLIENT_ID and BW_CLIENT_SECRET");
            }
            if (settings.UserName != null && settings.Password != null)
            {
                return (BwAuthenticationKind.Basic, settings.UserName, settings.Password, "BW_USERNAME and BW_PASSWORD");
            }
            Fail("CredentialMissing", ErrorCategory.AuthenticationError, Messages.CredentialMissing);
            return default;
        }

        /// <summary>-BaseUri, else BW_API_BASE_URI, else the environment's base (-Environment, else BW_ENVIRONMENT, else Production).</summary>
        private Uri ChooseBaseUri(EnvironmentSettings settings)
        {
            if (BaseUri != null) return BaseUri;
            if (settings.BaseUri != null)
            {
                if (!Uri.TryCreate(settings.BaseUri, UriKind.Absolute, out var fromEnvironment))
                {
                    // Not repeated: a malformed address may hold a password.
                    Fail("InvalidBaseUri", ErrorCategory.InvalidArgument, "BW_API_BASE_URI is not an absolute https:// address.");
                }
                if (fromEnvironment.UserInfo.Length > 0)
                {
                    Fail("InvalidBaseUri", ErrorCategory.InvalidArgument, Messages.EnvironmentBaseUriHasUserInfo);
                }
                return fromEnvironment;
            }
            var environment = Environment;
            if (!Bound(nameof(Environment)) && settings.Environment != null)
            {
                environment = EnvironmentSettings.ParseEnvironment(settings.Environment, out var problem)
                    ?? (Fail("InvalidEnvironment", ErrorCategory.InvalidArgument, problem) ?? BwEnvironment.Production);
            }
            return BwConnection.BaseUriFor(environment);
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

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

        private BwEnvironment? Fail(string errorId, ErrorCategory category, string message)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, null));
            return null;
        }
    }
}
