namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>Script snippets tests share, written as a user would.</summary>
public static class Scripts
{
    /// <summary>Defines $cred and $client from plain text (the engine here has no ConvertTo-SecureString).</summary>
    public static string Credentials(string user = "demo", string password = "demo-password",
        string clientId = "demo-client", string clientSecret = "demo-secret") => $@"
$cred = [pscredential]::new('{user}', [System.Net.NetworkCredential]::new('', '{password}').SecurePassword)
$client = [pscredential]::new('{clientId}', [System.Net.NetworkCredential]::new('', '{clientSecret}').SecurePassword)
";
}
