using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PortOutPasscode.Emulator.State;

internal sealed record IssuedToken(string ClientId, DateTimeOffset ExpiresAt);

/// <summary>OAuth2 access tokens handed out by the token endpoint: opaque random strings with an expiry.</summary>
internal sealed class TokenStore
{
    /// <summary>Past this many live entries, expired ones are swept on the next issue.</summary>
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public string Issue(string clientId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (_tokens.Count > SweepThreshold)
        {
            foreach (var (value, token) in _tokens)
            {
                if (token.ExpiresAt <= now) _tokens.TryRemove(value, out _);
            }
        }
        var accessToken = Base64Url(RandomNumberGenerator.GetBytes(32));
        _tokens[accessToken] = new IssuedToken(clientId, expiresAt);
        return accessToken;
    }

    /// <summary>The client a live token belongs to, or null when it is unknown, expired or revoked.</summary>
    public string? Validate(string accessToken, DateTimeOffset now) =>
        _tokens.TryGetValue(accessToken, out var token) && token.ExpiresAt > now ? token.ClientId : null;

    /// <summary>Every token issued so far stops working; returns how many there were.</summary>
    public int ExpireAll()
    {
        var count = _tokens.Count;
        _tokens.Clear();
        return count;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
