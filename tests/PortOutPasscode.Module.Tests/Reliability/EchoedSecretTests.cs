using System.Management.Automation;
using System.Text;
using PortOutPasscode.Module.Tests.Harness;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// Secrets a server echoes back, and secrets in the wrong place in the input (issue 17): the client secret and its Basic
/// form from a failing token endpoint, the bearer token from a failing API, passcodes and credentials in per-number
/// descriptions, a passcode in the number column, a password in the base address. None reaches any stream.
/// </summary>
public class EchoedSecretTests
{
    private const string Passcode = "Hx7Qm2Zt";

    /// <summary>A JWT-shaped token whose claims name account 9900000 and the order role, as Bandwidth's do.</summary>
    private static readonly string Token = string.Join(".",
        Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"),
        Base64Url("{\"sub\":\"demo-client\",\"accounts\":[\"9900000\"],\"roles\":[\"Line Feature Management\"]}"),
        Base64Url("not-a-real-signature"));

    private static readonly string TokenAnswer = "{\"access_token\":\"" + Token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decoded(string authorization)
    {
        if (authorization == null || !authorization.StartsWith("Basic ", StringComparison.Ordinal)) return "";
        return Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
    }

    /// <summary>Everything a careless server could say back about the request: its Authorization header, decoded too.</summary>
    private static string EchoOf(HostileRequest request)
    {
        var authorization = HostileServer.Header(request, "Authorization") ?? "";
        return $"upstream refused 'Authorization: {authorization}' ({Decoded(authorization)})";
    }

    private static bool IsToken(HostileRequest request) => request.Line.Contains("/oauth2/token", StringComparison.Ordinal);

    private static string ConnectTo(HostileServer server, bool oauth, string options = "") =>
        Scripts.Credentials() + $"Connect-BwAccount -AccountId 9900000 {(oauth ? "-ClientCredential $client" : "-Credential $cred")} -BaseUri '{server.BaseUri}' -MaximumRetryCount 1 -MaximumRetryDelaySec 1 {options}\n";

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    [InlineData(400)]
    public void A_token_endpoint_failing_with_the_Basic_header_echoed_never_shows_the_client_secret(int status)
    {
        using var server = HostileServer.Serving((request, stream) =>
            HostileServer.Answer(stream, status, "{\"error\":\"server_error\",\"error_description\":\"" + EchoOf(request) + "\"}", "application/json"));
        using var session = new PowerShellSession();

        var result = session.Run(ConnectTo(server, oauth: true, "-Verbose -Debug"));

        Assert.Single(result.AllErrors);
        Assert.NotNull(result.TerminatingError);
        Assert.Contains(server.RequestLines, l => l.Contains("/oauth2/token", StringComparison.Ordinal)); // it did echo
        SecretScan.AssertClean(result);
        Assert.DoesNotContain("demo-client:demo-secret", result.AllText());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(500)]
    public void An_API_error_that_echoes_the_bearer_token_never_shows_it(int status)
    {
        using var server = HostileServer.Serving((request, stream) => IsToken(request)
            ? HostileServer.Answer(stream, 200, TokenAnswer, "application/json")
            : HostileServer.Answer(stream, status, $"<TelephoneNumbersResponse><ResponseStatus><ErrorCode>{status}</ErrorCode><Description>{EchoOf(request)}</Description></ResponseStatus></TelephoneNumbersResponse>"));
        using var session = new PowerShellSession();
        session.Run(ConnectTo(server, oauth: true, "-SkipCheck")).AssertNoErrors();

        var result = session.Run("Get-BwPortOutPasscode -Verbose -Debug");

        Assert.Single(result.AllErrors);
        Assert.Contains(server.RequestLines, l => l.Contains("/tnPortoutPasscodes", StringComparison.Ordinal)); // it did echo
        SecretScan.AssertClean(result);
        Assert.DoesNotContain(Token.Split('.')[1], result.AllText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Per_number_descriptions_that_repeat_the_passcode_or_the_credentials_are_masked_in_every_error(bool oauth)
    {
        // The create is answered at once, final, with one number refused by a description that repeats everything it was sent.
        using var server = HostileServer.Serving((request, stream) => IsToken(request)
            ? HostileServer.Answer(stream, 200, TokenAnswer, "application/json")
            : HostileServer.Answer(stream, request.Line.StartsWith("POST", StringComparison.Ordinal) ? 201 : 200,
                "<TnOptionOrder><OrderId>0d2c3f7e-1111-2222-3333-444455556666</OrderId><ProcessingStatus>PARTIAL</ProcessingStatus>" +
                $"<TnOptionGroups><TnOptionGroup><PortOutPasscode>{Passcode}</PortOutPasscode><TelephoneNumbers><TelephoneNumber>2012000001</TelephoneNumber><TelephoneNumber>2012000002</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups>" +
                $"<ErrorList><Error><Code>5196</Code><Description>Passcode {Passcode} refused for 2012000002; {EchoOf(request)}</Description><TelephoneNumber>2012000002</TelephoneNumber></Error></ErrorList>" +
                $"<Warnings><Warning><TelephoneNumber>2012000001</TelephoneNumber><Description>{Passcode} noted; {EchoOf(request)}</Description></Warning></Warnings></TnOptionOrder>"));
        using var session = new PowerShellSession();
        session.Run(ConnectTo(server, oauth, "-SkipCheck")).AssertNoErrors();

        var result = session.Run($"'2012000001', '2012000002' | Set-BwPortOutPasscode -Passcode {Passcode} -Verbose -Debug");

        var refused = result.SingleError("BandwidthError5196");
        Assert.Equal("2012000002", refused.TargetObject);
        Assert.Contains("refused for 2012000002", refused.Exception.Message); // the rest of what Bandwidth said is kept
        Assert.Single(result.Output);
        SecretScan.AssertClean(result, Passcode);
        Assert.DoesNotContain(oauth ? "demo-client:demo-secret" : "demo:demo-password", result.AllText());
    }

    /// <summary>A passcode typed into the number column (and a number into the passcode column): never repeated.</summary>
    [Theory]
    [InlineData("Swap77ab")]
    [InlineData("90210555")]
    [InlineData("ab12")]
    public void A_passcode_in_the_number_column_is_never_echoed_from_a_file_or_the_pipeline(string passcode)
    {
        var folder = Directory.CreateTempSubdirectory("pop-swapped-");
        try
        {
            var file = Path.Combine(folder.FullName, "swapped.csv");
            File.WriteAllText(file, $"TelephoneNumber,Passcode\n{passcode},2012000001\n");
            using var session = new PowerShellSession();
            session.Run(Scripts.Credentials() + "Connect-BwAccount 9900000 -Credential $cred -BaseUri http://127.0.0.1:9/api -SkipCheck").AssertNoErrors();

            var fromFile = session.Run("Set-BwPortOutPasscode -Path $args[0] -Verbose -Debug", file);
            var fromPipeline = session.RunWithInput("$input | Set-BwPortOutPasscode -Verbose -Debug", new[] { Row(("TelephoneNumber", passcode), ("Passcode", "2012000001")) });

            foreach (var result in new[] { fromFile, fromPipeline })
            {
                var error = result.SingleError("InvalidTelephoneNumber");
                Assert.Contains("swapped", error.Exception.Message, StringComparison.OrdinalIgnoreCase); // says what is wrong
                Assert.DoesNotContain(passcode, error.Exception.Message);
                Assert.DoesNotContain(passcode, error.CategoryInfo.ToString());
                SecretScan.AssertClean(result, passcode);
            }
            // A file row's target says where the row is, not what it holds.
            var target = fromFile.AllErrors.Single().TargetObject!;
            Assert.DoesNotContain(passcode, target.ToString());
            Assert.All(PSObject.AsPSObject(target).Properties, p => Assert.DoesNotContain(passcode, p.Value?.ToString() ?? ""));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("-BaseUri", "InvalidBaseUri")]
    [InlineData("-TokenUri", "InvalidTokenUri")]
    public void An_address_with_a_user_and_password_is_refused_before_any_byte_is_sent_and_never_echoed(string parameter, string errorId)
    {
        using var server = new HostileServer((_, stream) => HostileServer.Answer(stream, 500, ""));
        var withPassword = $"http://api-user:Hunter22x@127.0.0.1:{server.Port}/api" + (parameter == "-TokenUri" ? "/v1/oauth2/token" : "");
        using var session = new PowerShellSession();

        var baseUri = parameter == "-BaseUri" ? "" : $"-BaseUri '{server.BaseUri}'";
        var result = session.Run(Scripts.Credentials() +
            $"Connect-BwAccount -AccountId 9900000 -ClientCredential $client {baseUri} {parameter} $args[0] -Verbose -Debug", withPassword);

        var error = result.SingleError(errorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("user name or password", error.Exception.Message);
        Assert.Equal(0, server.Connections);
        Assert.Empty(session.Run("Get-BwConnection").Output);
        SecretScan.AssertClean(result, "Hunter22x");
    }
}

[Collection(EnvironmentCollection.Name)]
public sealed class EchoedSecretEnvironmentTests : IDisposable
{
    public EchoedSecretEnvironmentTests() => Clear();

    public void Dispose() => Clear();

    private static void Clear()
    {
        foreach (var name in new[] { "BW_ACCOUNT_ID", "BW_CLIENT_ID", "BW_CLIENT_SECRET", "BW_API_BASE_URI" }) Environment.SetEnvironmentVariable(name, null);
    }

    [Fact]
    public void BW_API_BASE_URI_with_a_user_and_password_is_refused_naming_the_variable_and_never_echoed()
    {
        using var server = new HostileServer((_, stream) => HostileServer.Answer(stream, 500, ""));
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
        Environment.SetEnvironmentVariable("BW_CLIENT_ID", "env-client");
        Environment.SetEnvironmentVariable("BW_CLIENT_SECRET", "env-secret-42");
        Environment.SetEnvironmentVariable("BW_API_BASE_URI", $"http://api-user:Hunter22x@127.0.0.1:{server.Port}/api");
        using var session = new PowerShellSession();

        var result = session.Run("Connect-BwAccount -Verbose -Debug");

        var error = result.SingleError("InvalidBaseUri");
        Assert.Contains("BW_API_BASE_URI", error.Exception.Message);
        Assert.Contains("user name or password", error.Exception.Message);
        Assert.Equal(0, server.Connections);
        SecretScan.AssertClean(result, "Hunter22x", "env-secret-42");
    }
}
