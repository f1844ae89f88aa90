using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Api;

/// <summary>POST …/oauth2/token: the client credentials grant, answered in JSON as Bandwidth's identity service does.</summary>
internal sealed class TokenEndpoint
{
    private readonly EmulatorState _state;
    private readonly Authenticator _authenticator;

    public TokenEndpoint(EmulatorState state, Authenticator authenticator)
    {
        _state = state;
        _authenticator = authenticator;
    }

    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problem(400, "invalid_request", "Send the form grant_type=client_credentials as application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var client = _authenticator.AuthenticateClient(request, form["client_id"].LastOrDefault(), form["client_secret"].LastOrDefault());
        if (client == null)
        {
            return Problem(401, "invalid_client", "The client id or secret is not valid.")
                .WithHeader("WWW-Authenticate", $"Basic realm=\"{Authenticator.ChallengeRealm}\"");
        }
        var grant = form["grant_type"].LastOrDefault();
        if (string.IsNullOrEmpty(grant))
        {
            return Problem(400, "invalid_request", "grant_type is required.");
        }
        if (grant != "client_credentials")
        {
            return Problem(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        var settings = _state.Settings;
        var lifetime = settings.TokenLifetimeSeconds;
        var now = _state.Now;
        var claims = new TokenClaims(client.Name, _state.Setup.AccountIdsOf(client), client.Roles, _state.Setup.Realm);
        var token = _state.Tokens.Issue(claims, now + settings.ClockOffset, TimeSpan.FromSeconds(lifetime), now, now.AddSeconds(lifetime));
        return ApiResult.Json(200, new Dictionary<string, object>
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["expires_in"] = lifetime,
            })
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Pragma", "no-cache");
    }

    private static ApiResult Problem(int status, string error, string description) =>
        ApiResult.Json(status, new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });
}
