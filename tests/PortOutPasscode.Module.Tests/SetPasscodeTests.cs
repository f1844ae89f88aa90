using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

public class SetPasscodeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SetPasscodeTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void Csv_rows_in_mixed_formats_with_per_row_passcodes_are_protected()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[]
        {
            Row(("TelephoneNumber", "+1 (201) 200-0001"), ("Passcode", "a1b2c3")),
            Row(("Tn", "12012000002"), ("Pin", "z9y8")),
            Row(("PhoneNumber", "201.200.0003"), ("PortOutPasscode", "a1b2c3")),
            Row(("FullNumber", "2012000004"), ("Passcode", "Q1W2E3R4T5")),
            Row(("Number", "201-200-0005"), ("Passcode", "z9y8")),
        };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode", rows).AssertNoErrors();

        var order = Assert.Single(result.Output);
        Assert.Equal("PortOutPasscode.TnOptionOrder", order.TypeNames[0]);
        Assert.Equal("COMPLETE", order.Properties["ProcessingStatus"].Value);
        Assert.Equal(new[] { "2012000001", "2012000002", "2012000003", "2012000004", "2012000005" },
            ((string[])order.Properties["TelephoneNumbers"].Value).OrderBy(n => n));
        var stored = emulator.Passcodes();
        Assert.Equal("a1b2c3", stored["2012000001"]);
        Assert.Equal("z9y8", stored["2012000002"]);
        Assert.Equal("a1b2c3", stored["2012000003"]);
        Assert.Equal("Q1W2E3R4T5", stored["2012000004"]);
        Assert.Equal("z9y8", stored["2012000005"]);
        var created = Assert.Single(emulator.Orders());
        Assert.Equal(order.Properties["OrderId"].Value, created.OrderId);
    }

    [Fact]
    public void Plain_strings_from_the_pipeline_take_the_passcode_parameter()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var result = session.Run(Connect(emulator) + "'2012000010', '2012000011' | Set-BwPortOutPasscode -Passcode a1b2c3").AssertNoErrors();
        var order = Assert.Single(result.Output);
        Assert.Equal(2, ((string[])order.Properties["TelephoneNumbers"].Value).Length);
        Assert.Equal("a1b2c3", emulator.Passcodes()["2012000011"]);
    }

    [Fact]
    public void Numbers_on_the_command_line_by_name_alias_or_position_bind_without_any_pipeline_for_Set_Remove_and_Sync()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var set = session.Run("Set-BwPortOutPasscode -TelephoneNumber 2012000020 -Passcode a1b2c3; Set-BwPortOutPasscode 2012000021, 2012000022 -Passcode a1b2c3; Set-BwPortOutPasscode -Tn 2012000023 -Passcode a1b2c3").AssertNoErrors();
        var sync = session.Run("Sync-BwPortOutPasscode 2012000020, 2012000024 -Passcode a1b2c3").AssertNoErrors();
        var remove = session.Run("Remove-BwPortOutPasscode 2012000021 -Force; Remove-BwPortOutPasscode -TelephoneNumber 2012000022 -Force").AssertNoErrors();

        Assert.Equal(3, set.Output.Count);
        Assert.Single(sync.Output); // 2012000020 already as desired: only 2012000024 sent
        Assert.Equal(2, remove.Output.Count);
        Assert.Equal(new[] { "2012000020", "2012000023", "2012000024" }, emulator.Passcodes().Keys.OrderBy(k => k));
    }

    [Fact]
    public void Bad_rows_are_reported_by_row_and_cost_nothing_else()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[]
        {
            Row(("TelephoneNumber", "2012000020"), ("Passcode", "good1")),
            Row(("TelephoneNumber", "12345"), ("Passcode", "good1")),
            Row(("TelephoneNumber", "2012000021"), ("Passcode", "no")),
            Row(("TelephoneNumber", "2012000022"), ("Passcode", "systemDefault")),
            Row(("TelephoneNumber", "2012000023")),
            Row(("TelephoneNumber", "2012000024"), ("Passcode", "good2")),
        };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode", rows);

        Assert.Equal(4, result.Errors.Count);
        var badNumber = result.SingleError("InvalidTelephoneNumber");
        Assert.Same(rows[1], badNumber.TargetObject); // the row as given: `$failed.TargetObject | Export-Csv retry.csv`
        Assert.Equal(ErrorCategory.InvalidArgument, badNumber.CategoryInfo.Category);
        Assert.StartsWith("Row 2: '12345'", badNumber.Exception.Message);
        var badPasscode = Assert.Single(result.Errors, e => NumberOf(e.TargetObject) == "2012000021");
        Assert.Equal("InvalidPasscode", ScriptResult.ErrorId(badPasscode));
        Assert.StartsWith("Row 3 (2012000021)", badPasscode.Exception.Message);
        Assert.Contains("Row 4", Assert.Single(result.Errors, e => e.Exception.Message.Contains("reserved word")).Exception.Message);
        var missing = result.SingleError("PasscodeMissing");
        Assert.Contains("Row 5", missing.Exception.Message);
        Assert.Contains("-Passcode", missing.Exception.Message);

        var order = Assert.Single(result.Output);
        Assert.Equal(new[] { "2012000020", "2012000024" }, ((string[])order.Properties["TelephoneNumbers"].Value).OrderBy(n => n));
        var sent = Assert.Single(emulator.Orders()).TelephoneNumbers.OrderBy(n => n);
        Assert.Equal(new[] { "2012000020", "2012000024" }, sent);
        Assert.DoesNotContain("good1", result.AllText());
        Assert.DoesNotContain("good2", result.AllText());
    }

    [Fact]
    public void A_repeated_number_is_sent_once_and_a_conflicting_passcode_is_refused()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[]
        {
            Row(("TelephoneNumber", "2012000030"), ("Passcode", "same1")),
            Row(("TelephoneNumber", "(201) 200-0030"), ("Passcode", "same1")),
            Row(("TelephoneNumber", "2012000030"), ("Passcode", "other2")),
        };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -Verbose", rows);

        var conflict = result.SingleError("PasscodeConflict");
        Assert.Same(rows[2], conflict.TargetObject);
        Assert.Contains("Row 3", conflict.Exception.Message);
        Assert.Contains("row 1", conflict.Exception.Message);
        Assert.Contains(result.Verbose, v => v.Message.Contains("Row 2") && v.Message.Contains("sent once"));
        Assert.Equal(new[] { "2012000030" }, Assert.Single(emulator.Orders()).TelephoneNumbers);
        Assert.Equal("same1", emulator.Passcodes()["2012000030"]);
    }

    [Fact]
    public void Twelve_thousand_numbers_go_out_in_several_orders_and_every_row_is_accounted_for()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var numbers = Numbers(12000, start: 100);

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -Passcode a1b2c3 -BatchSize 2500 -ThrottleLimit 3", numbers)
            .AssertNoErrors();

        Assert.Equal(5, result.Output.Count);
        var output = result.Output.SelectMany(o => (string[])o.Properties["TelephoneNumbers"].Value).ToList();
        Assert.Equal(numbers.OrderBy(n => n), output.OrderBy(n => n));
        var stored = emulator.Orders();
        Assert.Equal(5, stored.Count);
        Assert.Equal(stored.Select(o => o.OrderId).OrderBy(i => i), result.Values("OrderId").Cast<string>().OrderBy(i => i));
        Assert.Equal(numbers.Length, stored.SelectMany(o => o.TelephoneNumbers).Distinct().Count());
        Assert.All(result.Output, o => Assert.True(((string[])o.Properties["TelephoneNumbers"].Value).Length <= 2500));
        var progress = result.Progress;
        Assert.NotEmpty(progress);
        Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
        Assert.Contains("12,000 read", progress.Last().StatusDescription);
        Assert.Equal(100, progress.Last().PercentComplete);
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -Passcode a1b2c3 -BatchSize 2 -WhatIf", Numbers(5, 200))
            .AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Empty(emulator.Orders());
        Assert.DoesNotContain(emulator.Requests(), r => r.Method == "POST");
    }

    [Fact]
    public void Per_number_failures_become_errors_targeting_the_number_and_the_order_is_still_output()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        // 2012000300 is on the account, 9195550001 is off-net, 3125550000 belongs to nobody here.
        var result = session.Run("'2012000300', '9195550001', '3125550000' | Set-BwPortOutPasscode -Passcode a1b2c3");

        var order = Assert.Single(result.Output);
        Assert.Equal("PARTIAL", order.Properties["ProcessingStatus"].Value);
        Assert.Equal(2, result.Errors.Count);
        var offNet = Assert.Single(result.Errors, e => Equals(e.TargetObject, "9195550001"));
        Assert.Contains("5196", offNet.Exception.Message);
        Assert.Equal("BandwidthError5196", ScriptResult.ErrorId(offNet)); // the id names Bandwidth's code
        Assert.Equal(ErrorCategory.PermissionDenied, offNet.CategoryInfo.Category);
        var typed = PSObject.AsPSObject(offNet.Exception);
        Assert.Equal("PortOutPasscode.TelephoneNumberException", offNet.Exception.GetType().FullName);
        Assert.Equal("5196", typed.Properties["Code"].Value);
        Assert.Equal("9195550001", typed.Properties["TelephoneNumber"].Value);
        Assert.Equal(order.Properties["OrderId"].Value, typed.Properties["OrderId"].Value);
        Assert.Equal(order.Properties["CustomerOrderId"].Value, typed.Properties["CustomerOrderId"].Value);
        var notOurs = Assert.Single(result.Errors, e => Equals(e.TargetObject, "3125550000"));
        Assert.Contains("5076", notOurs.Exception.Message);
        Assert.Equal("BandwidthError5076", ScriptResult.ErrorId(notOurs));
        Assert.Equal(ErrorCategory.ObjectNotFound, notOurs.CategoryInfo.Category);
        var outcomes = ((object[])order.Properties["Outcomes"].Value).Select(PSObject.AsPSObject).ToDictionary(o => (string)o.Properties["TelephoneNumber"].Value, o => o.Properties["Outcome"].Value.ToString());
        Assert.Equal(new Dictionary<string, string> { ["2012000300"] = "Protected", ["9195550001"] = "Failed", ["3125550000"] = "Failed" }, outcomes);
        Assert.Equal("a1b2c3", emulator.Passcodes()["2012000300"]);
    }

    [Fact]
    public void An_account_without_the_feature_stops_the_run_with_one_error_that_counts_what_was_not_sent()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, "9900001")).AssertNoErrors();
        var numbers = Enumerable.Range(0, 30).Select(i => (3035550000L + i).ToString()).ToArray();

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -Passcode a1b2c3 -BatchSize 10 -ThrottleLimit 1", numbers);

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        var error = result.TerminatingError!;
        Assert.Equal("PortOutPasscodeFeatureDisabled", ScriptResult.ErrorId(error));
        Assert.Contains("5194", error.Exception.Message + error.Exception.InnerException?.Message);
        Assert.Matches(@"\d+ valid numbers read so far were not sent, and the rest of the input was not read", error.Exception.Message);
        Assert.Empty(emulator.Orders());
    }

    [Fact]
    public void Output_chains_into_Wait_and_Get_order_cmdlets()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        var waited = session.RunWithInput("$input | Set-BwPortOutPasscode -Passcode a1b2c3 -BatchSize 2 | Wait-BwTnOptionOrder", Numbers(5, 400))
            .AssertNoErrors();
        Assert.Equal(3, waited.Output.Count);
        Assert.All(waited.Output, o => Assert.Equal("COMPLETE", o.Properties["ProcessingStatus"].Value));

        var fetched = session.RunWithInput("$input | Set-BwPortOutPasscode -Passcode b2c3d4 | Get-BwTnOptionOrder", Numbers(2, 410))
            .AssertNoErrors();
        var order = Assert.Single(fetched.Output);
        Assert.Equal(2, ((string[])order.Properties["TelephoneNumbers"].Value).Length);

        var history = session.Run("Get-BwTnOptionOrder -OrderId $args[0] | Get-BwTnOptionOrderHistory", waited.Output[0].Properties["OrderId"].Value)
            .AssertNoErrors();
        Assert.NotEmpty(history.Output);
    }

    [Fact]
    public void Path_reads_a_csv_file_and_names_bad_lines()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var file = Path.Combine(Path.GetTempPath(), $"tns-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "TelephoneNumber,Passcode\r\n2012000500,a1b2c3\r\nnot-a-number,a1b2c3\r\n\"201-200-0501\",d4e5f6\r\n");
        try
        {
            var result = session.Run(Connect(emulator) + "Set-BwPortOutPasscode -Path $args[0]", file);
            var error = result.SingleError("InvalidTelephoneNumber");
            Assert.StartsWith($"Line 3 of {Path.GetFileName(file)}", error.Exception.Message);
            var order = Assert.Single(result.Output);
            Assert.Equal("COMPLETE", order.Properties["ProcessingStatus"].Value);
            Assert.Equal("d4e5f6", emulator.Passcodes()["2012000501"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_file_is_one_error_and_the_other_files_go_on()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var file = Path.Combine(Path.GetTempPath(), $"tns-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "2012000600\n2012000601\n");
        try
        {
            var result = session.Run(Connect(emulator) + "Set-BwPortOutPasscode -Path 'no-such-file.csv', $args[0] -Passcode a1b2c3", file);
            var error = result.SingleError("PathNotFound");
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(2, ((string[])Assert.Single(result.Output).Properties["TelephoneNumbers"].Value).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Remove_sends_systemDefault_with_Force_and_refuses_to_run_unconfirmed_without_a_prompt()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator) + "'2012000700', '2012000701' | Set-BwPortOutPasscode -Passcode a1b2c3").AssertNoErrors();
        Assert.True(emulator.Passcodes().ContainsKey("2012000700"));

        var unconfirmed = session.Run("'2012000700' | Remove-BwPortOutPasscode");
        Assert.NotEmpty(unconfirmed.AllErrors);
        Assert.True(emulator.Passcodes().ContainsKey("2012000700"));

        var removed = session.Run("'2012000700' | Remove-BwPortOutPasscode -Force").AssertNoErrors();
        Assert.Equal("COMPLETE", Assert.Single(removed.Output).Properties["ProcessingStatus"].Value);
        Assert.False(emulator.Passcodes().ContainsKey("2012000700"));
        Assert.True(emulator.Passcodes().ContainsKey("2012000701"));
    }

    [Fact]
    public void Retry_limits_set_on_the_connection_govern_the_client()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var connect = Scripts.Credentials() +
            $"Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri '{emulator.BaseUri}' -SkipCheck -PassThru ";

        var noRetries = session.Run(connect + "-MaximumRetryCount 0 -RequestTimeoutSec 30").AssertNoErrors();
        Assert.Equal(0, noRetries.Output[0].Properties["MaximumRetryCount"].Value);
        Assert.Equal(TimeSpan.FromSeconds(30), noRetries.Output[0].Properties["RequestTimeout"].Value);
        emulator.AddFault(new { endpoint = "lookup", kind = "status", status = 503, count = 1 });
        var failed = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012000900");
        Assert.NotEmpty(failed.AllErrors);
        Assert.Single(emulator.Requests(), r => r.Path.EndsWith("tnPortoutPasscodes") && r.Method == "POST");

        var patient = session.Run(connect + "-MaximumRetryCount 2 -MaximumRetryDelaySec 2").AssertNoErrors();
        Assert.Null(patient.Output[0].Properties["RequestTimeout"].Value);
        emulator.AddFault(new { endpoint = "lookup", kind = "throttle", retryAfter = "1", count = 1 });
        var waited = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012000900").AssertNoErrors();
        Assert.False((bool)Assert.Single(waited.Output).Properties["HasPasscode"].Value);

        // A wait longer than the connection allows is said at once, with what Bandwidth asked for: no shortened retries.
        var before = emulator.Requests().Count;
        emulator.AddFault(new { endpoint = "lookup", kind = "throttle", retryAfter = "30", count = 1 });
        var refused = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012000900");
        var throttled = refused.SingleError("BandwidthThrottled");
        Assert.Contains("asked to wait 30 s", throttled.Exception.Message);
        Assert.Equal(before + 1, emulator.Requests().Count);
    }

    [Fact]
    public void The_connection_parameter_overrides_the_session_account()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var result = session.Run(Scripts.Credentials() + $@"
$other = Connect-BwAccount -AccountId 9900001 -Credential $cred -BaseUri '{emulator.BaseUri}' -PassThru
Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri '{emulator.BaseUri}'
'2012000800' | Set-BwPortOutPasscode -Passcode a1b2c3 -Connection $other
");
        Assert.Equal("PortOutPasscodeFeatureDisabled", ScriptResult.ErrorId(result.TerminatingError!));
        Assert.Empty(emulator.Orders());
    }
}
