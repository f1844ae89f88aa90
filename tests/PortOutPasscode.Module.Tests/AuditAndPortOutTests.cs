using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

public class AuditAndPortOutTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public AuditAndPortOutTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void Get_looks_up_given_numbers_and_says_which_have_a_passcode()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator) + "'2012001000', '2012001001' | Set-BwPortOutPasscode -Passcode a1b2c3").AssertNoErrors();

        var result = session.Run("'201-200-1000', '2012001001', '2012001002', 'bogus' | Get-BwPortOutPasscode");

        Assert.Equal("bogus", result.SingleError("InvalidTelephoneNumber").TargetObject); // a plain string row is itself
        var byNumber = result.Output.ToDictionary(o => (string)o.Properties["TelephoneNumber"].Value);
        Assert.Equal(3, byNumber.Count);
        Assert.Equal("PortOutPasscode.PortOutPasscodeInfo", byNumber["2012001000"].TypeNames[0]);
        Assert.True((bool)byNumber["2012001000"].Properties["HasPasscode"].Value);
        Assert.IsType<System.Security.SecureString>(byNumber["2012001001"].Properties["Passcode"].Value); // never text unasked
        Assert.False((bool)byNumber["2012001002"].Properties["HasPasscode"].Value);
        Assert.DoesNotContain("a1b2c3", result.AllText());

        var plain = session.Run("Get-BwPortOutPasscode -TelephoneNumber 2012001001 -AsPlainText").AssertNoErrors();
        Assert.Equal("a1b2c3", Assert.Single(plain.Output).Properties["Passcode"].Value);
    }

    [Fact]
    public void Lookups_of_more_than_2500_numbers_are_split_into_chunks_the_API_accepts()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var result = session.RunWithInput("$input | Get-BwPortOutPasscode", Numbers(6000, 2000)).AssertNoErrors();
        Assert.Equal(6000, result.Output.Count);
        var lookups = emulator.Requests().Where(r => r.Method == "POST" && r.Path.EndsWith("tnPortoutPasscodes", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(3, lookups.Count);
        Assert.All(lookups, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public void Without_numbers_every_protected_number_of_the_account_is_listed_across_pages()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.RunWithInput(Connect(emulator) + "$input | Set-BwPortOutPasscode -Passcode a1b2c3", Numbers(1200, 3000)).AssertNoErrors();

        var result = session.Run("Get-BwPortOutPasscode").AssertNoErrors();

        Assert.Equal(1200, result.Output.Count);
        Assert.All(result.Output, o => Assert.True((bool)o.Properties["HasPasscode"].Value));
        Assert.True(emulator.Requests().Count(r => r.Method == "GET" && r.Path.EndsWith("tnPortoutPasscodes", StringComparison.OrdinalIgnoreCase)) >= 3);
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
    }

    [Fact]
    public void The_whole_story_a_wrong_PIN_is_refused_and_the_right_one_ports_the_number()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        Assert.Equal(200, emulator.PortOut("2012001100", "anything").Status);

        session.Run(Connect(emulator) + "'2012001101' | Set-BwPortOutPasscode -Passcode a1b2c3").AssertNoErrors();
        var refused = emulator.PortOut("2012001101", "wrong1");
        Assert.Equal(409, refused.Status);
        Assert.Equal(7610, refused.Body.GetProperty("errorCode").GetInt32());
        Assert.Equal(200, emulator.PortOut("2012001101", "a1b2c3").Status);

        session.Run(Connect(emulator) + "'2012001102' | Set-BwPortOutPasscode -Passcode a1b2c3").AssertNoErrors();
        session.Run("'2012001102' | Remove-BwPortOutPasscode -Force").AssertNoErrors();
        Assert.Equal(200, emulator.PortOut("2012001102", "whatever").Status);
    }

    [Fact]
    public void Order_lists_filter_and_detailed_lists_return_full_orders()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var set = session.RunWithInput(Connect(emulator) + "$input | Set-BwPortOutPasscode -Passcode a1b2c3 -CustomerOrderId audit-run -BatchSize 2", Numbers(4, 4000))
            .AssertNoErrors();
        Assert.Equal(new[] { "audit-run-1", "audit-run-2" }, set.Values("CustomerOrderId").Cast<string>().OrderBy(i => i));

        var summaries = session.Run("Get-BwTnOptionOrder -CustomerOrderId audit-run-1").AssertNoErrors();
        var summary = Assert.Single(summaries.Output);
        Assert.Equal("PortOutPasscode.TnOptionOrderSummary", summary.TypeNames[0]);

        var detailed = session.Run("Get-BwTnOptionOrder -Status COMPLETE -Detailed").AssertNoErrors();
        Assert.Equal(2, detailed.Output.Count);
        Assert.All(detailed.Output, o => Assert.Equal("PortOutPasscode.TnOptionOrder", o.TypeNames[0]));

        var byNumber = session.Run("Get-BwTnOptionOrder -TelephoneNumber '+1 201 200 4003'").AssertNoErrors();
        Assert.Single(byNumber.Output);

        var missing = session.Run("Get-BwTnOptionOrder -OrderId 00000000-0000-0000-0000-000000000000");
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.SingleError("OrderNotFound").CategoryInfo.Category);
    }

    [Fact]
    public void Wait_times_out_with_one_error_naming_the_orders_still_open()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        emulator.Configure(new { receivedMs = 60000, processingMs = 60000 });
        var set = session.Run(Connect(emulator) + "'2012005000' | Set-BwPortOutPasscode -Passcode a1b2c3 -NoWait -WarningAction SilentlyContinue").AssertNoErrors();
        var orderId = (string)Assert.Single(set.Output).Properties["OrderId"].Value;

        var result = session.Run("Wait-BwTnOptionOrder -OrderId $args[0] -TimeoutSec 2", orderId);

        // Given up on, the order is output as last seen, its numbers pending, with one error naming it.
        var open = Assert.Single(result.Output);
        Assert.Equal("RECEIVED", open.Properties["ProcessingStatus"].Value);
        Assert.Equal("Pending", PSObject.AsPSObject(((object[])open.Properties["Outcomes"].Value)[0]).Properties["Outcome"].Value.ToString());
        var error = result.SingleError("OrderWaitTimedOut");
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains(orderId, error.Exception.Message);
    }
}
