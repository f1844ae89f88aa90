using System.Management.Automation;
using System.Security;
using System.Text;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Every type the module outputs, made by the cmdlets against the emulator, then serialized the ways users keep results
/// (ConvertTo-Json, at its default depth and deep; Export-Csv; Export-Clixml): no clear passcode, credential secret or
/// token in any of them, also not in the forms a serializer may write it in (a SecureString's hex on Linux and macOS).
/// </summary>
public class SerializationTests : IClassFixture<EmulatorFixture>
{
    private const string Pin = "Sz5Rv9";
    private const string HookPassword = "Hook-S3cret-word";
    private readonly EmulatorFixture _fixture;

    public SerializationTests(EmulatorFixture fixture) => _fixture = fixture;

    /// <summary>A secret as text, and as the hex of its UTF-16 and UTF-8 bytes (how a SecureString or a byte array may be written).</summary>
    private static IEnumerable<string> Forms(string secret) => new[]
    {
        secret,
        Convert.ToHexString(Encoding.Unicode.GetBytes(secret)),
        Convert.ToHexString(Encoding.UTF8.GetBytes(secret)),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
    };

    /// <summary>What Json (default depth and 10), Export-Csv and Export-Clixml write for each object of $args[0], by label.</summary>
    private const string SerializeEach = @"
$folder = $args[1]
foreach ($entry in $args[0].GetEnumerator()) {
    $name = $entry.Key
    $objects = @($entry.Value)
    $csv = Join-Path $folder ""$name.csv""
    $xml = Join-Path $folder ""$name.xml""
    $objects | Export-Csv -LiteralPath $csv -NoTypeInformation
    $objects | Export-Clixml -LiteralPath $xml -Depth 10
    [pscustomobject]@{
        Name = $name
        Count = $objects.Count
        Json = (ConvertTo-Json -InputObject $objects -WarningAction SilentlyContinue) + ""`n"" + (ConvertTo-Json -InputObject $objects -Depth 10)
        Csv = Get-Content -LiteralPath $csv -Raw
        Clixml = Get-Content -LiteralPath $xml -Raw
    }
}";

    [Fact]
    public void No_output_type_carries_a_passcode_or_secret_into_Json_Csv_or_Clixml()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("serialized-").FullName;
        try
        {
            var made = session.Run(Scripts.Credentials() + $@"
$hook = [pscredential]::new('hook', [System.Net.NetworkCredential]::new('', '{HookPassword}').SecurePassword)
$connection = Connect-BwAccount -AccountId 9900000 -ClientCredential $client -BaseUri '{emulator.BaseUri}' -PassThru
$basic = Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri '{emulator.BaseUri}' -PassThru -WarningAction SilentlyContinue
Connect-BwAccount -AccountId 9900000 -ClientCredential $client -BaseUri '{emulator.BaseUri}'
$orders = @('2012800001', '2012800002', '3125550000' | Set-BwPortOutPasscode -Passcode {Pin} -ErrorAction SilentlyContinue)
$noWait = @('2012800003' | Set-BwPortOutPasscode -Passcode {Pin} -NoWait -WarningAction SilentlyContinue)
$waited = @($noWait | Wait-BwTnOptionOrder)
$null = Test-BwPortOutProtection -TelephoneNumber 2012800001, 2012800009 -Passcode {Pin} -InformationVariable audit
[ordered]@{{
    TnOptionOrder = $orders + $waited
    TnOptionOrderAccepted = $noWait
    TnOutcome = $orders.Outcomes
    PortOutPasscodeInfo = @(Get-BwPortOutPasscode -TelephoneNumber 2012800001, 2012800009)
    PortOutPasscodeInfoListed = @(Get-BwPortOutPasscode)
    PortOutPasscodeInfoPlain = @(Get-BwPortOutPasscode -TelephoneNumber 2012800001 -AsPlainText)
    ProtectionStatus = @(Test-BwPortOutProtection -TelephoneNumber 2012800001, 2012800009 -Passcode {Pin})
    ProtectionSummary = @($audit.MessageData)
    BwConnection = @($connection, $basic, (Get-BwConnection))
    TnOptionOrderSummary = @(Get-BwTnOptionOrder)
    TnOptionOrderDetailed = @(Get-BwTnOptionOrder -Detailed)
    OrderHistory = @($orders | Get-BwTnOptionOrderHistory)
    BwSubscription = @(
        New-BwSubscription -OrderType portouts -Email ops@example.com
        New-BwSubscription -OrderType tnoptions -CallbackUrl http://127.0.0.1:9/hook -CallbackCredential $hook
        Get-BwSubscription
    )
}}");
            made.AssertNoErrors();
            var objects = (System.Collections.IDictionary)made.Output.Last().BaseObject;
            emulator.PortOut("2012800001", "wrong1");
            objects["BwPortOut"] = session.Run("@(Get-BwPortOut)").AssertNoErrors().Output.Select(o => o.BaseObject).ToArray();

            var serialized = session.Run(SerializeEach, objects, folder).AssertNoErrors();

            var secrets = new[] { Pin, HookPassword, "demo-secret", "demo-password" }.SelectMany(Forms).ToArray();
            Assert.Equal(objects.Count, serialized.Output.Count);
            foreach (var item in serialized.Output)
            {
                var name = item.Properties["Name"].Value.ToString()!;
                Assert.True((int)item.Properties["Count"].Value > 0, $"no {name} was made to serialize");
                // Asked for with -AsPlainText, the passcode is text for the script that asked: only what travels is checked.
                var forms = name == "PortOutPasscodeInfoPlain" ? new[] { "Clixml" } : new[] { "Json", "Csv", "Clixml" };
                foreach (var form in forms)
                {
                    var text = item.Properties[form].Value?.ToString() ?? "";
                    foreach (var secret in secrets)
                    {
                        Assert.True(text.IndexOf(secret, StringComparison.OrdinalIgnoreCase) < 0, $"{name} as {form} holds a secret ('{secret[..2]}…'):\n{text}");
                    }
                    SecretScan.AssertClean(text);
                }
            }

            // Asked for with -AsPlainText, the passcode is there to use, and still never travels in Clixml.
            var plain = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012800001 -AsPlainText").AssertNoErrors();
            Assert.Equal(Pin, Assert.Single(plain.Output).Properties["Passcode"].Value);
            var byDefault = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012800001").AssertNoErrors();
            Assert.IsType<SecureString>(Assert.Single(byDefault.Output).Properties["Passcode"].Value);
            var clixml = File.ReadAllText(Path.Combine(folder, "PortOutPasscodeInfoPlain.xml"));
            Assert.Contains("2012800001", clixml);
            Assert.DoesNotContain("N=\"Passcode\"", clixml);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
