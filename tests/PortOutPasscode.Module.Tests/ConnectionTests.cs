using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

public class ConnectionTests
{
    [Fact]
    public void Connect_with_a_credential_stores_a_secret_free_connection()
    {
        using var session = new PowerShellSession();
        var result = session.Run(Scripts.Credentials() + @"
$c = Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri http://127.0.0.1:9/api -SkipCheck -PassThru -Verbose -Debug -WarningAction Continue
$c
Get-BwConnection
$c.ToString()
").AssertNoErrors();

        Assert.Equal(3, result.Output.Count);
        var connection = result.Output[0];
        Assert.Equal("9900000", connection.Properties["AccountId"].Value);
        Assert.Equal("Basic", connection.Properties["AuthenticationKind"].Value.ToString());
        Assert.Equal("demo", connection.Properties["UserName"].Value);
        Assert.Equal(new Uri("http://127.0.0.1:9/api"), connection.Properties["BaseUri"].Value);
        Assert.Same(connection.BaseObject, result.Output[1].BaseObject);
        Assert.Equal("Bandwidth account 9900000 at http://127.0.0.1:9/api (API user demo)", result.Output[2].BaseObject);
        Assert.Contains(result.Verbose, v => v.Message.Contains("-Credential"));
        var basic = Assert.Single(result.Warnings);
        Assert.Contains("decommissions API users on 2026-12-02", basic.Message);
        Assert.Contains("-ClientCredential", basic.Message);
        Assert.DoesNotContain("demo-password", result.AllText());
    }

    [Fact]
    public void Connect_with_a_client_credential_uses_OAuth_and_the_token_endpoint_of_a_custom_base()
    {
        using var session = new PowerShellSession();
        var result = session.Run(Scripts.Credentials() + @"
Connect-BwAccount 9900000 -ClientCredential $client -BaseUri http://localhost:9/api -SkipCheck -PassThru -Verbose -Debug
").AssertNoErrors();

        var connection = Assert.Single(result.Output);
        Assert.Equal("OAuth2ClientCredentials", connection.Properties["AuthenticationKind"].Value.ToString());
        Assert.Equal("demo-client", connection.Properties["UserName"].Value);
        Assert.Equal(new Uri("http://localhost:9/api/v1/oauth2/token"), connection.Properties["TokenUri"].Value);
        Assert.DoesNotContain("demo-secret", result.AllText());
    }

    [Fact]
    public void Default_base_is_Bandwidth_production_with_Bandwidth_token_endpoint()
    {
        using var session = new PowerShellSession();
        var result = session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -ClientCredential $client -SkipCheck -PassThru").AssertNoErrors();
        var connection = Assert.Single(result.Output);
        Assert.Equal(new Uri("https://dashboard.bandwidth.com/api"), connection.Properties["BaseUri"].Value);
        Assert.Equal(new Uri("https://api.bandwidth.com/api/v1/oauth2/token"), connection.Properties["TokenUri"].Value);
    }

    [Theory]
    [InlineData("http://api.example.com/api")]
    [InlineData("http://10.1.2.3/api")]
    [InlineData("ftp://127.0.0.1/api")]
    public void Plain_http_to_a_host_that_is_not_this_machine_is_refused_and_nothing_is_stored(string baseUri)
    {
        using var session = new PowerShellSession();
        var result = session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -BaseUri $args[0] -SkipCheck", baseUri);

        var error = result.SingleError("InvalidBaseUri");
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(baseUri, error.Exception.Message);
        Assert.Contains("https://", error.Exception.Message);
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/api")]
    [InlineData("http://localhost:5080/api")]
    [InlineData("http://[::1]:5080/api")]
    [InlineData("https://test.dashboard.bandwidth.com/api")]
    public void Https_or_loopback_http_is_accepted(string baseUri)
    {
        using var session = new PowerShellSession();
        session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -BaseUri $args[0] -SkipCheck", baseUri).AssertNoErrors();
        var connection = Assert.Single(session.Run("Get-BwConnection").AssertNoErrors().Output);
        Assert.Equal(new Uri(baseUri), connection.Properties["BaseUri"].Value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99 00")]
    [InlineData("-1")]
    public void An_account_id_that_is_not_a_number_is_refused(string accountId)
    {
        using var session = new PowerShellSession();
        var error = session.Run(Scripts.Credentials() + "Connect-BwAccount $args[0] -Credential $cred -SkipCheck", accountId)
            .SingleError("InvalidAccountId");
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(accountId, error.Exception.Message);
    }

    [Fact]
    public void Disconnect_forgets_the_connection()
    {
        using var session = new PowerShellSession();
        session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -SkipCheck").AssertNoErrors();
        session.Run("Disconnect-BwAccount").AssertNoErrors();
        Assert.Empty(session.Run("Get-BwConnection").AssertNoErrors().Output); // nothing, as Get-AzContext
        var notConnected = session.Run("Get-BwPortOutPasscode").SingleError("NotConnected");
        Assert.Contains("Connect-BwAccount", notConnected.Exception.Message);
    }

    [Fact]
    public void Each_runspace_has_its_own_connection()
    {
        using var first = new PowerShellSession();
        using var second = new PowerShellSession();
        first.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -SkipCheck").AssertNoErrors();
        Assert.Empty(second.Run("Get-BwConnection").AssertNoErrors().Output);
        Assert.Single(first.Run("Get-BwConnection").AssertNoErrors().Output);
    }
}

/// <summary>Tests that change the process environment must not overlap with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}

[Collection(EnvironmentCollection.Name)]
public sealed class ConnectionFromEnvironmentTests : IDisposable
{
    private static readonly string[] Names =
        { "BW_ACCOUNT_ID", "BW_USERNAME", "BW_PASSWORD", "BW_CLIENT_ID", "BW_CLIENT_SECRET", "BW_API_BASE_URI" };

    public ConnectionFromEnvironmentTests() => Clear();

    public void Dispose() => Clear();

    private static void Clear()
    {
        foreach (var name in Names) Environment.SetEnvironmentVariable(name, null);
    }

    [Fact]
    public void Basic_credentials_and_base_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
        Environment.SetEnvironmentVariable("BW_USERNAME", "env-user");
        Environment.SetEnvironmentVariable("BW_PASSWORD", "env-password-42");
        Environment.SetEnvironmentVariable("BW_API_BASE_URI", "http://127.0.0.1:9/api");
        using var session = new PowerShellSession();
        var result = session.Run("Connect-BwAccount -SkipCheck -PassThru -Verbose -Debug -WarningAction Continue").AssertNoErrors();

        var connection = Assert.Single(result.Output);
        Assert.Equal("9900000", connection.Properties["AccountId"].Value);
        Assert.Equal("env-user", connection.Properties["UserName"].Value);
        Assert.Equal("Basic", connection.Properties["AuthenticationKind"].Value.ToString());
        Assert.Equal(new Uri("http://127.0.0.1:9/api"), connection.Properties["BaseUri"].Value);
        Assert.Contains(result.Verbose, v => v.Message.Contains("BW_USERNAME and BW_PASSWORD"));
        Assert.DoesNotContain("env-password-42", result.AllText());
    }

    [Fact]
    public void Client_credentials_in_the_environment_win_over_an_API_user()
    {
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
        Environment.SetEnvironmentVariable("BW_USERNAME", "env-user");
        Environment.SetEnvironmentVariable("BW_PASSWORD", "env-password-42");
        Environment.SetEnvironmentVariable("BW_CLIENT_ID", "env-client");
        Environment.SetEnvironmentVariable("BW_CLIENT_SECRET", "env-secret-42");
        using var session = new PowerShellSession();
        var result = session.Run("Connect-BwAccount -SkipCheck -PassThru -Verbose -Debug").AssertNoErrors();

        var connection = Assert.Single(result.Output);
        Assert.Equal("env-client", connection.Properties["UserName"].Value);
        Assert.Equal("OAuth2ClientCredentials", connection.Properties["AuthenticationKind"].Value.ToString());
        var text = result.AllText();
        Assert.DoesNotContain("env-secret-42", text);
        Assert.DoesNotContain("env-password-42", text);
    }

    [Fact]
    public void Parameters_win_over_the_environment()
    {
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "1111111");
        Environment.SetEnvironmentVariable("BW_CLIENT_ID", "env-client");
        Environment.SetEnvironmentVariable("BW_CLIENT_SECRET", "env-secret-42");
        using var session = new PowerShellSession();
        var connection = Assert.Single(session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -SkipCheck -PassThru")
            .AssertNoErrors().Output);
        Assert.Equal("9900000", connection.Properties["AccountId"].Value);
        Assert.Equal("demo", connection.Properties["UserName"].Value);
    }

    [Fact]
    public void No_credentials_anywhere_is_one_clear_error()
    {
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
        using var session = new PowerShellSession();
        var error = session.Run("Connect-BwAccount -SkipCheck").SingleError("CredentialMissing");
        Assert.Contains("BW_CLIENT_ID", error.Exception.Message);
        Assert.Contains("-Credential", error.Exception.Message);
    }

    [Fact]
    public void No_account_anywhere_is_one_clear_error()
    {
        using var session = new PowerShellSession();
        var error = session.Run(Scripts.Credentials() + "Connect-BwAccount -Credential $cred -SkipCheck").SingleError("AccountIdMissing");
        Assert.Contains("BW_ACCOUNT_ID", error.Exception.Message);
    }
}
