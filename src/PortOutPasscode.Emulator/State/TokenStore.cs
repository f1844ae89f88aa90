using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortOutPasscode.Emulator.State;

internal sealed record IssuedToken(string ClientId, DateTimeOffset ExpiresAt);

/// <summary>What the access token says about its client: the claims a client may read without checking the signature.</summary>
internal sealed record TokenClaims(string ClientId, IReadOnlyList<string> Accounts, IReadOnlyList<string> Roles, Realm Realm);

/// <summary>
/// OAuth2 access tokens handed out by the token endpoint: JWTs (HS256, signed with a key made per process) whose
/// claims say who the client is, which accounts and roles it has, and the realm. The emulator itself trusts only its
/// own record of what it issued (so expiry and revocation work), never the signature.
/// </summary>
internal sealed class TokenStore
{
    /// <summary>Past this many live entries, expired ones are swept on the next issue.</summary>
    private const int SweepThreshold = 10_000;

    public const string AccountsClaim = "accounts";
    public const string RolesClaim = "roles";
    public const string RealmClaim = "realm";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly SigningCredentials _signing = new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>The issuer of each realm: the identity host of that Bandwidth environment.</summary>
    public static string IssuerOf(Realm realm) => realm == Realm.Test ? "https://test.api.bandwidth.com" : "https://api.bandwidth.com";

    /// <param name="issuedAt">On the server's clock (it may be set off the real one); the token's real expiry is <paramref name="expiresAt"/>.</param>
    public string Issue(TokenClaims claims, DateTimeOffset issuedAt, TimeSpan lifetime, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (_tokens.Count > SweepThreshold)
        {
            foreach (var (value, token) in _tokens)
            {
                if (token.ExpiresAt <= now) _tokens.TryRemove(value, out _);
            }
        }
        var accessToken = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerOf(claims.Realm),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = _signing,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = claims.ClientId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                [AccountsClaim] = claims.Accounts.ToArray(),
                [RolesClaim] = claims.Roles.ToArray(),
                [RealmClaim] = claims.Realm.ToString(),
            },
        });
        _tokens[accessToken] = new IssuedToken(claims.ClientId, expiresAt);
        return accessToken;
    }

    /// <summary>The client a live token belongs to, or null when it is unknown, expired or revoked.</summary>
    public string? Validate(string accessToken, DateTimeOffset now) =>
        _tokens.TryGetValue(accessToken, out var token) && token.ExpiresAt > now ? token.ClientId : null;

    /// <summary>The realm a token says it was issued for, read without trusting it; null when it is no JWT or has no realm.</summary>
    public static Realm? RealmClaimOf(string accessToken)
    {
        if (!Handler.CanReadToken(accessToken)) return null;
        try
        {
            var token = Handler.ReadJsonWebToken(accessToken);
            return token.TryGetPayloadValue<string>(RealmClaim, out var realm) && Enum.TryParse<Realm>(realm, ignoreCase: true, out var parsed)
                ? parsed
                : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Every token issued so far stops working; returns how many there were.</summary>
    public int ExpireAll()
    {
        var count = _tokens.Count;
        _tokens.Clear();
        return count;
    }
}
