using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Api;

internal readonly record struct AuthOutcome(Principal? Principal, string? Challenge, string? Problem);

/// <summary>HTTP Basic (API users) and Bearer (tokens from the emulator's OAuth2 endpoint).</summary>
internal sealed class Authenticator
{
    public const string ChallengeRealm = "Bandwidth API emulator";

    public const string BasicDecommissioned =
        "HTTP Basic authentication with an API user is no longer accepted: Bandwidth decommissioned API users on 2026-12-02. "
        + "Use OAuth2 client credentials: create an OAuth client in the Bandwidth App and send its access token as 'Authorization: Bearer <token>'.";

    private readonly EmulatorState _state;

    public Authenticator(EmulatorState state) => _state = state;

    public AuthOutcome Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header) || !AuthenticationHeaderValue.TryParse(header, out var value))
        {
            return Fail(_state.Settings.AllowBasic ? $"Basic realm=\"{ChallengeRealm}\"" : $"Bearer realm=\"{ChallengeRealm}\"", "Authentication is required: a Bearer token from the OAuth2 token endpoint (or HTTP Basic with an API user while they last).");
        }
        if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (!_state.Settings.AllowBasic)
            {
                return Fail($"Bearer realm=\"{ChallengeRealm}\"", BasicDecommissioned);
            }
            if (!TryDecodeBasic(value.Parameter, out var name, out var password)
                || !_state.Setup.Users.TryGetValue(name, out var user)
                || !SecretEquals(user.Secret, password))
            {
                return Fail($"Basic realm=\"{ChallengeRealm}\"", "The API user name or password is not valid.");
            }
            return new AuthOutcome(user.Principal, null, null);
        }
        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var clientId = string.IsNullOrEmpty(value.Parameter) ? null : _state.Tokens.Validate(value.Parameter, _state.Now);
            if (clientId == null && TokenStore.RealmClaimOf(value.Parameter ?? "") is Realm other && other != _state.Setup.Realm)
            {
                return Fail($"Bearer realm=\"{ChallengeRealm}\", error=\"invalid_token\"",
                    $"The access token was issued for Bandwidth's {other} environment; this is the {_state.Setup.Realm} environment. "
                    + $"Get a token from this environment's token endpoint ({TokenStore.IssuerOf(_state.Setup.Realm)}/api/v1/oauth2/token): tokens are per realm.");
            }
            if (clientId == null || !_state.Setup.OAuthClients.TryGetValue(clientId, out var client))
            {
                return Fail($"Bearer realm=\"{ChallengeRealm}\", error=\"invalid_token\"", "The access token is not valid or has expired.");
            }
            return new AuthOutcome(client.Principal, null, null);
        }
        return Fail($"Basic realm=\"{ChallengeRealm}\"", $"Authentication scheme '{value.Scheme}' is not supported: use Bearer (or Basic while API users last).");
    }

    /// <summary>The OAuth2 client of a token request: Basic client authentication, or client_id/client_secret in the form.</summary>
    public Principal? AuthenticateClient(HttpRequest request, string? formClientId, string? formClientSecret)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var value)
            && value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecodeBasic(value.Parameter, out var name, out var password))
        {
            // RFC 6749 2.3.1 form-encodes id and secret inside Basic; most clients do not: accept both.
            return Client(name, password) ?? Client(FormDecode(name), FormDecode(password));
        }
        return Client(formClientId, formClientSecret);
    }

    private Principal? Client(string? id, string? secret) =>
        !string.IsNullOrEmpty(id) && secret != null && _state.Setup.OAuthClients.TryGetValue(id, out var client) && SecretEquals(client.Secret, secret)
            ? client.Principal
            : null;

    private static string FormDecode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static AuthOutcome Fail(string challenge, string problem) => new(null, challenge, problem);

    private static bool TryDecodeBasic(string? parameter, out string name, out string password)
    {
        name = password = "";
        if (string.IsNullOrEmpty(parameter)) return false;
        Span<byte> bytes = parameter.Length <= 1024 ? stackalloc byte[parameter.Length] : new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var length)) return false;
        var text = Encoding.UTF8.GetString(bytes[..length]);
        var colon = text.IndexOf(':');
        if (colon < 0) return false;
        name = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    private static bool SecretEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
