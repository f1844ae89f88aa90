using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>Get-BwPortOut -Status with the documented statuses beyond COMPLETE and EXCEPTION, through the emulator as a process.</summary>
public class PortOutStatusTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public PortOutStatusTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void A_withdrawn_port_out_is_found_with_Status_CANCELLED_and_a_status_no_port_out_is_in_lists_none()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator) + "'2012009001', '2012009002' | Set-BwPortOutPasscode -Passcode a1b2c3").AssertNoErrors();
        var held = emulator.PortOut("2012009001", "wrong1").Body.GetProperty("orderId").GetString()!;
        var withdrawn = emulator.PortOut("2012009002", "wrong2").Body.GetProperty("orderId").GetString()!;
        Assert.Equal(200, emulator.CancelPortOut(withdrawn).Status);

        var cancelled = session.Run("Get-BwPortOut -Status CANCELLED").AssertNoErrors();
        var none = session.Run("Get-BwPortOut -Status SOA_PENDING, new").AssertNoErrors();
        var both = session.Run("Get-BwPortOut -Status cancelled, EXCEPTION").AssertNoErrors();

        var item = Assert.Single(cancelled.Output);
        Assert.Equal(withdrawn, item.Properties["OrderId"].Value);
        Assert.Equal("CANCELLED", item.Properties["ProcessingStatus"].Value);
        Assert.Empty(none.Output);
        Assert.Equal(new[] { held, withdrawn }.OrderBy(i => i), both.Values("OrderId").Cast<string>().OrderBy(i => i));
    }
}
