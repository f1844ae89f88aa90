using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Test-BwPortOutProtection and Sync-BwPortOutPasscode as a user meets them, against the emulator's demo account: 25
/// on-net numbers in service in area code 201 (2012000101–125) and 3 off-net ones in 919 (which can never carry a PIN).
/// </summary>
public class CoverageTests : IClassFixture<EmulatorFixture>
{
    private const string Pin = "k7m9q2";
    private const string OtherPin = "Zx9Qw2";

    private readonly EmulatorFixture _fixture;

    public CoverageTests(EmulatorFixture fixture) => _fixture = fixture;

    private static string InService(int i) => (2012000100L + i).ToString();

    private static string P(object item, string name) => PSObject.AsPSObject(item).Properties[name]?.Value?.ToString() ?? "";

    private static double Number(object item, string name) => Convert.ToDouble(PSObject.AsPSObject(item).Properties[name].Value);

    /// <summary>The summary Test-BwPortOutProtection wrote to the host: a PortOutPasscode.ProtectionSummary.</summary>
    private static PSObject SummaryOf(ScriptResult result)
    {
        var record = Assert.Single(result.Information);
        var summary = PSObject.AsPSObject(record.MessageData);
        Assert.Equal("PortOutPasscode.ProtectionSummary", summary.TypeNames[0]);
        return summary;
    }

    private static IEnumerable<PSObject> OutcomesOf(ScriptResult result) =>
        result.Output.SelectMany(order => ((System.Collections.IEnumerable)order.Properties["Outcomes"].Value).Cast<object>().Select(PSObject.AsPSObject));

    private static int PasscodeOrders(EmulatorProcess emulator) =>
        emulator.Requests().Count(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal));

    [Fact]
    public void The_audit_lists_every_in_service_number_once_with_a_summary_at_the_prompt_and_as_an_object()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(Pin, "2012000101-2012000118"); // 18 of 25 in area code 201
        using var session = new PowerShellSession();

        var all = session.Run(Connect(emulator, oauth: true) + "Test-BwPortOutProtection").AssertNoErrors();
        var scoped = session.Run("Test-BwPortOutProtection -AreaCode 201 -InformationVariable audit; $audit[0].MessageData.CoveragePercent").AssertNoErrors();

        Assert.Equal(28, all.Output.Count);
        Assert.Equal(28, all.Output.Select(o => P(o, "TelephoneNumber")).Distinct().Count());
        Assert.Equal(10, all.Output.Count(o => P(o, "Status") == "Unprotected"));
        var summary = SummaryOf(all);
        Assert.Equal((28.0, 18.0, 10.0, 64.3), (Number(summary, "InService"), Number(summary, "Protected"), Number(summary, "Unprotected"), Number(summary, "CoveragePercent")));
        Assert.Contains("PSHOST", Assert.Single(all.Information).Tags);
        Assert.Contains("coverage 64.3%", summary.ToString());
        Assert.Equal(72.0, Convert.ToDouble(scoped.Output.Last().BaseObject));
        Assert.Equal(26, scoped.Output.Count); // 25 statuses and the percentage
        Assert.All(scoped.Output.Take(25), o => Assert.StartsWith("201", P(o, "TelephoneNumber")));
        Assert.Contains(emulator.Requests(), r => r.Path.EndsWith("/inserviceNumbers", StringComparison.Ordinal) && r.Query!.Contains("areacode=201"));
        SecretScan.AssertClean(all, Pin);
    }

    [Fact]
    public void Its_unprotected_numbers_pipe_into_Set_and_then_the_scope_is_compliant_in_one_line()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(Pin, "2012000101-2012000118");
        using var session = new PowerShellSession();

        var before = session.Run(Connect(emulator, oauth: true) + "Test-BwPortOutProtection -AreaCode 201 -Quiet").AssertNoErrors();
        var repair = session.Run("Test-BwPortOutProtection -AreaCode 201 | Where-Object Status -eq Unprotected | Set-BwPortOutPasscode -Passcode " + OtherPin).AssertNoErrors();
        var after = session.Run("Test-BwPortOutProtection -AreaCode 201 -Quiet; Test-BwPortOutProtection -Quiet; $?").AssertNoErrors();

        Assert.Equal(new object[] { false }, before.Output.Select(o => o.BaseObject));
        var sent = OutcomesOf(repair).ToList();
        Assert.Equal(Enumerable.Range(19, 7).Select(InService), sent.Select(o => P(o, "TelephoneNumber")).OrderBy(n => n));
        Assert.Equal(new object[] { true, false, true }, after.Output.Select(o => o.BaseObject)); // 919 numbers stay off-net
        Assert.Equal(25, emulator.Passcodes().Count);
    }

    [Fact]
    public void A_desired_passcode_says_Matches_or_Differs_per_number_and_no_passcode_reaches_any_stream_or_serialization()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(Pin, "2012000101-2012000110");
        emulator.SetPasscodes(OtherPin, "2012000111-2012000112");
        using var session = new PowerShellSession();
        var rows = new[]
        {
            Row(("TelephoneNumber", "201-200-0101"), ("Passcode", Pin)),
            Row(("TelephoneNumber", "2012000111"), ("Passcode", Pin)),
            Row(("TelephoneNumber", "2012000113"), ("Passcode", Pin)),
            Row(("TelephoneNumber", "3125550000"), ("Passcode", Pin)),
        };

        var perRow = session.RunWithInput(Connect(emulator, oauth: true) + "$input | Test-BwPortOutProtection -Verbose -Debug -InformationVariable s | Tee-Object -Variable statuses; $statuses | ConvertTo-Json; $s.MessageData | ConvertTo-Json", rows);
        var forAll = session.Run($"Test-BwPortOutProtection -AreaCode 201 -Passcode {OtherPin} -InformationVariable t | Out-Null; $t.MessageData");

        var statuses = perRow.Output.Take(4).ToDictionary(o => P(o, "TelephoneNumber"), o => P(o, "Status"));
        Assert.Equal("Matches", statuses["2012000101"]);
        Assert.Equal("Differs", statuses["2012000111"]);
        Assert.Equal("Unprotected", statuses["2012000113"]);
        Assert.Equal("NotInService", statuses["3125550000"]);
        var summary = Assert.Single(forAll.AssertNoErrors().Output);
        Assert.Equal((2.0, 10.0, 13.0), (Number(summary, "Matches"), Number(summary, "Differs"), Number(summary, "Unprotected")));
        Assert.Equal("False", P(summary, "Compliant"));
        SecretScan.AssertClean(perRow, Pin, OtherPin);
        SecretScan.AssertClean(forAll, Pin, OtherPin);
    }

    [Fact]
    public void Filters_and_passcodes_that_could_never_match_stop_before_anything_is_asked()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        var asked = emulator.Requests().Count;

        var rateCenter = session.Run("Test-BwPortOutProtection -RateCenter RALEIGH");
        var areaCode = session.Run("Test-BwPortOutProtection -AreaCode 2012");
        var passcode = session.Run("Test-BwPortOutProtection -Passcode 'no way!'");
        var removeWithFilter = session.Run($"Sync-BwPortOutPasscode -AllInService -Passcode {Pin} -AreaCode 201 -RemoveUnlisted -Force");

        Assert.Equal("RateCenterWithoutState", ScriptResult.ErrorId(rateCenter.TerminatingError!));
        Assert.Equal("ParameterArgumentValidationError", ScriptResult.ErrorId(areaCode.TerminatingError!));
        Assert.Equal("InvalidPasscode", ScriptResult.ErrorId(passcode.TerminatingError!));
        Assert.DoesNotContain("no way!", passcode.AllText());
        Assert.Equal("RemoveUnlistedWithFilter", ScriptResult.ErrorId(removeWithFilter.TerminatingError!));
        Assert.Equal(asked, emulator.Requests().Count);
    }

    [Fact]
    public void An_account_with_nothing_in_service_says_so_rather_than_passing_for_full_coverage()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();

        var result = session.Run(Connect(emulator, accountId: "9900001", oauth: true) + "Test-BwPortOutProtection").AssertNoErrors();

        Assert.Empty(result.Output);
        Assert.Contains("nothing was checked", Assert.Single(result.Warnings).Message);
        Assert.Equal(0.0, Number(SummaryOf(result), "InService"));
        Assert.Null(SummaryOf(result).Properties["CoveragePercent"].Value);
        var quiet = session.Run("Test-BwPortOutProtection -Quiet -WarningAction SilentlyContinue").AssertNoErrors();
        Assert.Equal(new object[] { false }, quiet.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Sync_sends_only_what_differs_and_a_second_run_sends_nothing()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(Pin, "2012000101-2012000105");
        emulator.SetPasscodes(OtherPin, "2012000106-2012000107");
        using var session = new PowerShellSession();
        var desired = WithPasscode(Enumerable.Range(1, 10).Select(InService), Pin);

        var first = session.RunWithInput(Connect(emulator, oauth: true) + "$input | Sync-BwPortOutPasscode", desired).AssertNoErrors();
        var ordersAfterFirst = PasscodeOrders(emulator);
        var second = session.RunWithInput("$input | Sync-BwPortOutPasscode; $?", desired).AssertNoErrors();

        var outcomes = OutcomesOf(first).ToList();
        Assert.Equal(Enumerable.Range(6, 5).Select(InService), outcomes.Select(o => P(o, "TelephoneNumber")).OrderBy(n => n));
        Assert.All(outcomes, o => Assert.Equal("Protected", P(o, "Outcome")));
        Assert.Contains("5 already as desired, 3 to protect, 2 to change, 0 to unprotect. Sent: 5 protected.",
            first.Information.Last().MessageData.ToString());
        Assert.Equal(1, ordersAfterFirst);
        Assert.Equal(ordersAfterFirst, PasscodeOrders(emulator));
        Assert.Equal(new object[] { true }, second.Output.Select(o => o.BaseObject));
        Assert.Contains("Sent: nothing to do", second.Information.Last().MessageData.ToString());
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(Pin, emulator.Passcodes()[InService(i)]));
    }

    [Fact]
    public void A_desired_file_with_a_number_twice_and_two_passcodes_is_refused_whole_naming_both_lines()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var file = Path.Combine(Path.GetTempPath(), $"desired-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, $"TelephoneNumber,Passcode\n2012000101,{Pin}\n2012000102,{Pin}\n+1 (201) 200-0101,{OtherPin}\n");
        try
        {
            session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
            var before = emulator.Requests().Count;

            var result = session.Run($"Sync-BwPortOutPasscode -Path '{file}'");

            var error = result.TerminatingError!;
            Assert.Equal("PasscodeConflict", ScriptResult.ErrorId(error));
            Assert.Contains("line 2 of " + Path.GetFileName(file), error.Exception.Message);
            Assert.Contains("line 4 of " + Path.GetFileName(file), error.Exception.Message);
            Assert.Equal(before, emulator.Requests().Count); // nothing asked, nothing sent
            SecretScan.AssertClean(result, Pin, OtherPin);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sync_WhatIf_says_the_plan_and_sends_nothing()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(OtherPin, "2012000101-2012000110");
        using var session = new PowerShellSession();

        var result = session.Run(Connect(emulator, oauth: true) + $"Sync-BwPortOutPasscode -AllInService -AreaCode 201 -Passcode {Pin} -WhatIf").AssertNoErrors();

        Assert.Contains("would change 25 numbers: 0 already as desired, 15 to protect, 10 to change, 0 to unprotect. Nothing was sent.",
            Assert.Single(result.Information).MessageData.ToString());
        Assert.Empty(result.Output);
        Assert.Equal(0, PasscodeOrders(emulator));
        Assert.All(emulator.Passcodes().Values, v => Assert.Equal(OtherPin, v));
    }

    [Fact]
    public void RemoveUnlisted_asks_once_and_without_an_answer_removes_nothing_with_Force_it_removes_only_the_unlisted()
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(Pin, "2012000101-2012000110");
        using var session = new PowerShellSession();
        var desired = WithPasscode(new[] { InService(1), InService(2) }, Pin);

        // The hosted engine has no one to ask: the question cannot be answered, so nothing is removed.
        var unanswered = session.RunWithInput(Connect(emulator, oauth: true) + "$input | Sync-BwPortOutPasscode -RemoveUnlisted", desired);
        var countAfterUnanswered = emulator.Passcodes().Count;
        var forced = session.RunWithInput("$input | Sync-BwPortOutPasscode -RemoveUnlisted -Force", desired).AssertNoErrors();

        Assert.NotNull(unanswered.TerminatingError);
        Assert.Equal(10, countAfterUnanswered);
        Assert.Equal(new[] { InService(1), InService(2) }, emulator.Passcodes().Keys.OrderBy(k => k));
        Assert.Equal(8, OutcomesOf(forced).Count(o => P(o, "Outcome") == "Removed"));
    }
}
