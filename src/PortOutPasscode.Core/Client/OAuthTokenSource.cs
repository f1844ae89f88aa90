using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// The bearer token of one connection (OAuth2 client credentials): fetched on first use, reused until about 60 s before
    /// it expires, fetched again when the API refuses it, and never fetched by two requests at once.
    /// </summary>
    internal sealed class OAuthTokenSource : IDisposable
    {
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

        private readonly BwConnection _connection;
        private readonly Func<HttpClient> _tokenClient;
        private readonly TimeProvider _clock;
        private readonly ILogger _logger;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private volatile CachedToken _current;
        private volatile string _previous;

        internal OAuthTokenSource(BwConnection connection, Func<HttpClient> tokenClient, TimeProvider clock, ILogger logger)
        {
            _connection = connection;
            _tokenClient = tokenClient;
            _clock = clock;
            _logger = logger;
        }

        /// <summary>A token to send; <paramref name="rejected"/> is one the API just refused, which must not be handed out again.</summary>
        internal async Task<string> GetTokenAsync(string rejected, CancellationToken cancellationToken)
        {
            var current = _current;
            if (IsUsable(current, rejected)) return current.Value;

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Whoever held the gate before may have fetched the token we need.
                current = _current;
                if (IsUsable(current, rejected)) return current.Value;
                _previous = current?.Value;
                _current = current = await FetchAsync(cancellationToken).ConfigureAwait(false);
                return current.Value;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The tokens handed out lately (current and previous), to hide if a server echoes the Authorization header.</summary>
        internal IEnumerable<string> KnownTokens
        {
            get
            {
                var current = _current?.Value;
                if (current != null) yield return current;
                var previous = _previous;
                if (previous != null) yield return previous;
            }
        }

        private bool IsUsable(CachedToken token, string rejected) =>
            token != null && !string.Equals(token.Value, rejected, StringComparison.Ordinal) && _clock.GetUtcNow() < token.RefreshAt;

        private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
        {
            _logger.LogDebug("Fetching an OAuth2 access token for client {ClientId} from {TokenUri}.", _connection.UserName, _connection.TokenUri);
            using (var request = new HttpRequestMessage(HttpMethod.Post, _connection.TokenUri))
            {
                request.Headers.Authorization = AuthenticationHandler.BasicAuthorization(_connection);
                request.Headers.Accept.ParseAdd("application/json");
                request.Content = new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("grant_type", "client_credentials") });
                RetryPolicy.MarkRetryable(request);

                var issuedAt = _clock.GetUtcNow();
                HttpResponseMessage response;
                try
                {
                    response = await _tokenClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (RetryPolicy.IsTransient(e, cancellationToken))
                {
                    throw new BandwidthTransportException(
                        $"Could not get an OAuth2 token from {_connection.TokenUri}: {e.Message} Check the network, the proxy and -TokenUri.", e);
                }
                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.BadRequest || response.StatusCode == HttpStatusCode.Unauthorized
                        || response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        throw new BandwidthAuthenticationException(
                            $"The OAuth2 token endpoint {_connection.TokenUri} refused the client credentials for client '{_connection.UserName}' (HTTP {(int)response.StatusCode}). Check the client id and secret (-ClientCredential, or BW_CLIENT_ID and BW_CLIENT_SECRET) and that the client may use account {_connection.AccountId}.",
                            (int)response.StatusCode);
                    }
                    if (!response.IsSuccessStatusCode)
                    {
                        // With the connection: a token endpoint echoing the Basic header back must not show the client secret.
                        throw ApiErrors.FromStatus(response, _connection, $"getting an OAuth2 token from {_connection.TokenUri}", KnownTokens);
                    }
                    var answer = Parse(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
                    var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn > 0 ? answer.ExpiresIn.Value : 300);
                    // Refresh a minute early, or halfway for tokens that live less than two minutes.
                    var margin = lifetime > RefreshMargin + RefreshMargin ? RefreshMargin : TimeSpan.FromTicks(lifetime.Ticks / 2);
                    _logger.LogDebug("Got an OAuth2 access token valid for {Seconds} s.", (long)lifetime.TotalSeconds);
                    return new CachedToken(answer.AccessToken, issuedAt + lifetime - margin);
                }
            }
        }

        private TokenAnswer Parse(Stream body)
        {
            TokenAnswer answer = null;
            try
            {
                answer = (TokenAnswer)new DataContractJsonSerializer(typeof(TokenAnswer)).ReadObject(body);
            }
            catch (SerializationException)
            {
            }
            if (answer == null || string.IsNullOrWhiteSpace(answer.AccessToken))
            {
                throw new BandwidthProtocolException(
                    $"The OAuth2 token endpoint {_connection.TokenUri} answered without a usable access_token. Check -TokenUri: it must be the client-credentials token endpoint.")
                { Explained = true };
            }
            return answer;
        }

        public void Dispose() => _gate.Dispose();

        private sealed class CachedToken
        {
            internal CachedToken(string value, DateTimeOffset refreshAt)
            {
                Value = value;
                RefreshAt = refreshAt;
            }

            internal string Value { get; }
            internal DateTimeOffset RefreshAt { get; }
        }

        [DataContract]
        private sealed class TokenAnswer
        {
            [DataMember(Name = "access_token")] public string AccessToken { get; set; }
            [DataMember(Name = "token_type")] public string TokenType { get; set; }
            [DataMember(Name = "expires_in")] public long? ExpiresIn { get; set; }
        }
    }
}
