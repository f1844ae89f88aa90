using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// -AuditLogPath as a user meets it: per session (Connect-BwAccount, kept on the connection) or per call (wins), for Set,
/// Remove and Sync, read back with Get-Content | ConvertFrom-Json; a file that cannot be written stops the command before
/// anything is sent; -WhatIf records nothing.
/// </summary>
public class AuditTrailTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Pin = "k7m9q2";
    private readonly EmulatorFixture _fixture;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audit-" + Guid.NewGuid().ToString("N"));

    public AuditTrailTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string? Text(PSObject record, string field) => record.Properties[field]?.Value?.ToString();

    [Fact]
    public void A_session_audit_file_records_Set_Remove_and_Sync_and_a_call_s_own_file_wins()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var sessionFile = Path.Combine(_folder, "session.jsonl");
        var callFile = Path.Combine(_folder, "call.jsonl");
        // A relative path is the current location's, as for any PowerShell cmdlet.
        var connect = session.Run($"Set-Location $args[0]\n" + Connect(emulator, oauth: true, options: "-AuditLogPath session.jsonl") + "(Get-BwConnection).AuditLogPath", _folder).AssertNoErrors();
        Assert.Equal(sessionFile, connect.Output.Single().BaseObject);
        Assert.True(File.Exists(sessionFile));

        var set = session.Run($"'2012008001', '2012008002', '9195550003' | Set-BwPortOutPasscode -Passcode {Pin} -ErrorAction SilentlyContinue");
        var remove = session.Run("'2012008002' | Remove-BwPortOutPasscode -Force").AssertNoErrors();
        var sync = session.RunWithInput("$input | Sync-BwPortOutPasscode", WithPasscode(new[] { "2012008001", "2012008003" }, Pin)).AssertNoErrors();
        session.Run($"'2012008004' | Set-BwPortOutPasscode -Passcode {Pin} -AuditLogPath $args[0]", callFile).AssertNoErrors();
        var read = session.Run("Get-Content $args[0] | ConvertFrom-Json", sessionFile).AssertNoErrors();

        var records = read.Output;
        Assert.Equal(new[] { "2012008001", "2012008002", "9195550003", "2012008002", "2012008003" }, records.Select(r => Text(r, "TelephoneNumber")));
        Assert.Equal(new[] { "Protected", "Protected", "Failed", "Removed", "Protected" }, records.Select(r => Text(r, "Outcome")));
        Assert.Equal(new[] { "Set", "Set", "Set", "Remove", "Set" }, records.Select(r => Text(r, "Action")));
        Assert.Equal(new[] { "Set-BwPortOutPasscode", "Set-BwPortOutPasscode", "Set-BwPortOutPasscode", "Remove-BwPortOutPasscode", "Sync-BwPortOutPasscode" },
            records.Select(r => Text(r, "Command")));
        Assert.Equal("5196", Text(records[2], "Code"));
        Assert.All(records, r => Assert.Equal(("9900000", "demo-client"), (Text(r, "AccountId"), Text(r, "Credential"))));
        Assert.Equal(set.Values("OrderId").Single(), Text(records[0], "OrderId"));
        Assert.Equal(remove.Values("OrderId").Single(), Text(records[3], "OrderId"));
        Assert.Equal(sync.Values("OrderId").Single(), Text(records[4], "OrderId"));
        // The call's own file took its run; the session's file did not.
        Assert.Equal("2012008004", Text(Assert.Single(session.Run("Get-Content $args[0] | ConvertFrom-Json", callFile).Output), "TelephoneNumber"));
        foreach (var file in new[] { sessionFile, callFile })
        {
            SecretScan.AssertClean(File.ReadAllText(file), Pin);
        }
    }

    [Fact]
    public void NoWait_orders_are_recorded_Pending_and_WhatIf_records_nothing()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var file = Path.Combine(_folder, "nowait.jsonl");
        var whatIf = Path.Combine(_folder, "whatif.jsonl");
        session.Run(Connect(emulator)).AssertNoErrors();

        var accepted = session.Run($"'2012008101' | Set-BwPortOutPasscode -Passcode {Pin} -NoWait -AuditLogPath $args[0] -WarningAction SilentlyContinue", file).AssertNoErrors();
        session.Run($"'2012008102' | Set-BwPortOutPasscode -Passcode {Pin} -WhatIf -AuditLogPath $args[0]", whatIf).AssertNoErrors();

        var record = Assert.Single(session.Run("Get-Content $args[0] | ConvertFrom-Json", file).Output);
        Assert.Equal(("Pending", accepted.Values("OrderId").Single()), (Text(record, "Outcome"), Text(record, "OrderId")));
        Assert.False(File.Exists(whatIf));
    }

    [Fact]
    public void A_file_that_cannot_be_written_stops_Set_and_Connect_before_anything_is_sent()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var nowhere = Path.Combine(_folder, "missing", "audit.jsonl");
        session.Run(Connect(emulator)).AssertNoErrors();

        var set = session.Run($"'2012008201' | Set-BwPortOutPasscode -Passcode {Pin} -AuditLogPath $args[0]", nowhere);
        var folder = session.Run($"'2012008201' | Remove-BwPortOutPasscode -Force -AuditLogPath $args[0]", _folder);
        var connect = session.Run(Connect(emulator, options: "-AuditLogPath $args[0]") + "Get-BwConnection", nowhere);
        var registry = session.Run(Connect(emulator, options: "-AuditLogPath HKLM:\\audit") + "Get-BwConnection");

        foreach (var result in new[] { set, folder, connect, registry })
        {
            Assert.NotNull(result.TerminatingError);
            Assert.Equal("AuditLogUnavailable", ScriptResult.ErrorId(result.TerminatingError!));
            Assert.Equal(ErrorCategory.WriteError, result.TerminatingError!.CategoryInfo.Category);
            Assert.Empty(result.Output);
        }
        Assert.Contains(nowhere, set.TerminatingError!.Exception.Message);
        Assert.Contains("Nothing was sent", set.TerminatingError.Exception.Message);
        Assert.Contains("is a folder", folder.TerminatingError!.Exception.Message);
        Assert.Empty(emulator.Orders());
    }

    [Fact]
    public void Every_PIN_of_a_NewPasscodePer_run_stays_out_of_the_audit_file_which_names_each_number_s_value()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var file = Path.Combine(_folder, "per.jsonl");
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[] { Row(("TelephoneNumber", "2012008301"), ("Customer", "ACME")), Row(("TelephoneNumber", "2012008302"), ("Customer", "Globex")) };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -NewPasscodePer Customer -AuditLogPath $args[0]", rows, file).AssertNoErrors();

        var stored = emulator.Passcodes();
        var records = session.Run("Get-Content $args[0] | ConvertFrom-Json", file).Output;
        Assert.Equal(new[] { ("Customer", "ACME"), ("Customer", "Globex") }, records.Select(r => (Text(r, "NewPasscodePer")!, Text(r, "Value")!)));
        SecretScan.AssertClean(File.ReadAllText(file), stored["2012008301"], stored["2012008302"]);
        Assert.Equal(2, result.Output.Count(o => o.TypeNames[0] == "PortOutPasscode.PortOutPasscodeAssignment"));
    }
}
