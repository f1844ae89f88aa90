using System.Management.Automation;
using System.Net;
using System.Security;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Set-BwPortOutPasscode -NewPasscodePer as a user meets it: a fresh PIN per customer on every number of the customer,
/// the mapping output once after the orders, and no character of a PIN in any stream, view or export but the
/// SecureString itself.
/// </summary>
public class NewPasscodePerTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "per-" + Guid.NewGuid().ToString("N"));

    public NewPasscodePerTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Clear(object? secure) => new NetworkCredential(string.Empty, (SecureString)Unwrap(secure)!).Password;

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    [Fact]
    public void Rows_of_two_customers_get_a_PIN_each_and_the_mapping_follows_the_orders()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[]
        {
            Row(("TelephoneNumber", "2012007001"), ("customer", "ACME")),
            Row(("TelephoneNumber", "2012007002"), ("customer", "Globex")),
            Row(("TelephoneNumber", "(201) 200-7003"), ("customer", "ACME")),
            Row(("TelephoneNumber", "2012007004"), ("customer", "")),
            Row(("TelephoneNumber", "2012007005"), ("customer", "Globex"), ("Passcode", "a1b2c3")),
            Row(("TelephoneNumber", "2012007001"), ("customer", "Globex")),
        };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -NewPasscodePer Customer -Verbose -Debug", rows);

        var assignments = result.Output.Where(o => o.TypeNames[0] == "PortOutPasscode.PortOutPasscodeAssignment").ToList();
        Assert.Equal(new object[] { "ACME", "Globex" }, assignments.Select(a => a.Properties["Value"].Value));
        Assert.Equal("PortOutPasscode.TnOptionOrder", result.Output[0].TypeNames[0]);
        Assert.Equal(assignments, result.Output.Skip(result.Output.Count - 2));
        var pins = assignments.Select(a => Clear(a.Properties["Passcode"].Value)).ToList();
        Assert.NotEqual(pins[0], pins[1]);
        var stored = emulator.Passcodes();
        Assert.Equal(pins[0], stored["2012007001"]);
        Assert.Equal(pins[0], stored["2012007003"]);
        Assert.Equal(pins[1], stored["2012007002"]);
        Assert.False(stored.ContainsKey("2012007004"));
        Assert.False(stored.ContainsKey("2012007005"));
        Assert.Equal(new[] { "2012007001", "2012007003" }, (string[])assignments[0].Properties["TelephoneNumbers"].Value);
        Assert.Equal(new[] { (string)result.Output[0].Properties["OrderId"].Value }, (string[])assignments[0].Properties["OrderIds"].Value);
        Assert.Equal(2L, assignments[0].Properties["Protected"].Value);

        Assert.Equal(3, result.Errors.Count);
        Assert.Contains("no customer", result.SingleError("NewPasscodePerValueMissing").Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Same(rows[4], result.SingleError("PasscodeWithNewPasscodePer").TargetObject);
        Assert.Contains("'ACME'", result.SingleError("PasscodeConflict").Exception.Message);
        SecretScan.AssertClean(result, pins.Concat(new[] { "a1b2c3" }).ToArray());
    }

    [Fact]
    public void The_mapping_shows_no_PIN_in_its_view_JSON_or_CSV_and_Export_Clixml_keeps_it_only_as_a_SecureString()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var clixml = Path.Combine(_folder, "pins.xml");
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[] { Row(("Tn", "2012007101"), ("BillingAccount", "acct-1")) };

        var result = session.RunWithInput(@"
$a = $input | Set-BwPortOutPasscode -NewPasscodePer BillingAccount | Where-Object { $_ -is [PortOutPasscode.PortOutPasscodeAssignment] }
[pscustomobject]@{
    Pin   = [pscredential]::new('x', $a.Passcode).GetNetworkCredential().Password
    Table = $a | Format-Table | Out-String
    List  = $a | Format-List * | Out-String
    Json  = $a | ConvertTo-Json
    Csv   = ($a | ConvertTo-Csv -NoTypeInformation) -join ""`n""
    Back  = $(Export-Clixml -InputObject $a -Path $args[0]; Import-Clixml $args[0])
}", rows, clixml).AssertNoErrors();

        var report = result.Output.Single();
        string Shown(string view) => Unwrap(report.Properties[view].Value)!.ToString()!;
        var pin = Shown("Pin");
        Assert.Matches("^[0-9]{8}$", pin);
        Assert.Equal(pin, emulator.Passcodes()["2012007101"]);
        foreach (var view in new[] { "Table", "List", "Json", "Csv" })
        {
            Assert.DoesNotContain(pin, Shown(view));
        }
        Assert.Contains("****", Shown("Table"));
        Assert.Contains("acct-1", Shown("Table"));
        // What the exports do show in the PIN's place: the type's name (CSV), its length (JSON).
        Assert.Contains("\"System.Security.SecureString\"", Shown("Csv"));
        Assert.Contains("\"Length\": 8", Shown("Json"));
        var xml = File.ReadAllText(clixml);
        Assert.DoesNotContain(pin, xml);
        Assert.Contains("<SS N=\"Passcode\">", xml);
        // On Windows the <SS> is DPAPI-encrypted for this user; elsewhere PowerShell only hex-encodes it (the help says so).
        var hex = string.Concat(System.Text.Encoding.Unicode.GetBytes(pin).Select(b => b.ToString("x2")));
        Assert.Equal(!OperatingSystem.IsWindows(), xml.Contains(hex, StringComparison.OrdinalIgnoreCase));
        var back = PSObject.AsPSObject(report.Properties["Back"].Value);
        Assert.Equal(pin, Clear(back.Properties["Passcode"].Value));
        Assert.Equal("acct-1", back.Properties["Value"].Value);
    }

    [Fact]
    public void A_Path_file_gives_the_PINs_per_its_column_and_a_file_without_the_column_is_one_error()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var good = Path.Combine(_folder, "tns.csv");
        var bad = Path.Combine(_folder, "other.csv");
        File.WriteAllText(good, "TelephoneNumber,Customer,Site\n2012007201,c-1,HQ\n2012007202,c-2,HQ\n2012007203,c-1,Depot\n");
        File.WriteAllText(bad, "TelephoneNumber,Site\n2012007204,HQ\n");

        var result = session.Run("Set-BwPortOutPasscode -Path $args[0], $args[1] -NewPasscodePer customer -PasscodeLength 10", good, bad);

        var assignments = result.Output.Where(o => o.TypeNames[0] == "PortOutPasscode.PortOutPasscodeAssignment").ToList();
        Assert.Equal(new object[] { "c-1", "c-2" }, assignments.Select(a => a.Properties["Value"].Value));
        var stored = emulator.Passcodes();
        var first = Clear(assignments[0].Properties["Passcode"].Value);
        Assert.Matches("^[0-9]{10}$", first);
        Assert.Equal(first, stored["2012007203"]);
        Assert.False(stored.ContainsKey("2012007204"));
        Assert.Contains("other.csv has no customer column", result.SingleError("InvalidNumberFile").Exception.Message);
        SecretScan.AssertClean(result, first, Clear(assignments[1].Properties["Passcode"].Value));
    }

    [Fact]
    public void A_plain_number_from_the_pipeline_has_no_value_and_is_refused_naming_its_row()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        var result = session.Run("'2012007401' | Set-BwPortOutPasscode -NewPasscodePer Customer");

        Assert.StartsWith("Row 1 (2012007401) has no Customer", result.SingleError("NewPasscodePerValueMissing").Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(emulator.Orders());
    }

    [Theory]
    [InlineData("$input | Set-BwPortOutPasscode -NewPasscodePer Customer -Passcode a1b2c3", "NewPasscodePerWithPasscode")]
    [InlineData("$input | Set-BwPortOutPasscode -PasscodeLength 6", "PinOptionsNeedNewPasscodePer")]
    [InlineData("$input | Set-BwPortOutPasscode -Alphanumeric", "PinOptionsNeedNewPasscodePer")]
    public void Parameters_that_do_not_go_together_stop_the_command_before_anything_is_sent(string script, string errorId)
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        var result = session.RunWithInput(script, new[] { Row(("TelephoneNumber", "2012007301"), ("Customer", "c-1"), ("Passcode", "a1b2c3")) });

        Assert.Equal(errorId, ScriptResult.ErrorId(result.TerminatingError!));
        Assert.Contains("Nothing was sent", result.TerminatingError!.Exception.Message);
        Assert.Empty(emulator.Orders());
    }
}
