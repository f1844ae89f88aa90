using System.Text;
using System.Text.RegularExpressions;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// Looks through everything a run produced for the secrets the harness uses: the API user's password, the OAuth2
/// client secret, both as Basic credentials, any bearer token, and the passcodes the test sent.
/// </summary>
public static class SecretScan
{
    // The demo credentials of Scripts.Credentials() and the emulator.
    private static readonly string[] KnownSecrets =
    {
        "demo-password",
        "demo-secret",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:demo-password")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")),
        "eyJhbGci", // the start of every JWT the emulator issues ({"alg":…)
    };

    // The emulator's tokens are 32 random bytes in base64url: 43 characters with no separator.
    private static readonly Regex TokenShape = new("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    // A bearer token after its scheme; the module's mask (Bearer ****) and Bandwidth's own advice (Bearer <token>) hold none.
    private static readonly Regex BearerValue = new(@"Bearer\s+(?!\*\*\*\*|<token>)\S", RegexOptions.IgnoreCase);

    public static void AssertClean(ScriptResult result, params string[] passcodes) => AssertClean(result.AllText(), passcodes);

    public static void AssertClean(string text, params string[] passcodes)
    {
        foreach (var secret in KnownSecrets.Concat(passcodes))
        {
            var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"A secret ('{secret[..2]}…') leaked into the run's text: …{Around(text, at)}…");
        }
        var bearer = BearerValue.Match(text);
        Assert.False(bearer.Success, $"A bearer token leaked: …{Around(text, bearer.Index)}…");
        var token = TokenShape.Match(text);
        Assert.False(token.Success, $"Something shaped like a bearer token leaked: …{Around(text, token.Index)}…");
    }

    private static string Around(string text, int at) => at < 0 ? "" : text.Substring(Math.Max(0, at - 80), Math.Min(160, text.Length - Math.Max(0, at - 80)));
}
