using System.Net;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// POST /_emulator/portouts, a winning carrier's port-out request: the loop the feature exists for. Set a passcode,
/// watch a wrong PIN park the port-out in EXCEPTION with 7610 and the right one pass.
/// </summary>
public sealed class PortOutSimulationTests
{
    private static Task<System.Text.Json.JsonElement> PortOutAsync(TestEmulator emulator, object request, HttpStatusCode expected) =>
        emulator.AdminAsync(HttpMethod.Post, "portouts", request, expected);

    [Fact]
    public async Task A_number_without_a_passcode_ports_with_any_PIN()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "whatever" }, HttpStatusCode.OK);

        Assert.Equal("ACCEPTED", answer.GetProperty("status").GetString());
        Assert.False(answer.GetProperty("passcodeProtected").GetBoolean());
        Assert.Equal("9900000", answer.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task Once_a_passcode_is_set_a_wrong_PIN_puts_the_port_out_in_EXCEPTION_with_7610_and_the_right_one_ports()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var wrong = await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "000000" }, HttpStatusCode.Conflict);
        var wrongCase = await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "A1B2C3" }, HttpStatusCode.Conflict);
        var none = await PortOutAsync(emulator, new { telephoneNumber = "2012000001" }, HttpStatusCode.Conflict);
        var right = await PortOutAsync(emulator, new { telephoneNumber = "+1 (201) 200-0001", pin = "a1b2c3" }, HttpStatusCode.OK);

        Assert.Equal("EXCEPTION", wrong.GetProperty("status").GetString());
        Assert.Equal("EXCEPTION", wrong.GetProperty("processingStatus").GetString());
        Assert.Equal(7610, wrong.GetProperty("errorCode").GetInt32());
        Assert.Equal("PIN does not match the Passcodes on the telephone numbers being ported out", wrong.GetProperty("description").GetString());
        Assert.DoesNotContain("a1b2c3", wrong.ToString());
        Assert.Equal(7610, wrongCase.GetProperty("errorCode").GetInt32());
        Assert.Equal(7610, none.GetProperty("errorCode").GetInt32());
        Assert.Equal("ACCEPTED", right.GetProperty("status").GetString());
        Assert.Equal("COMPLETE", right.GetProperty("processingStatus").GetString());
        Assert.Equal("2012000001", right.GetProperty("telephoneNumber").GetString());
        Assert.True(right.GetProperty("passcodeProtected").GetBoolean());
    }

    [Fact]
    public async Task After_systemDefault_the_number_ports_with_any_PIN_again()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "000000" }, HttpStatusCode.Conflict);

        await emulator.CreateAsync(OrderXml.Passcode("systemDefault", "2012000001"));

        await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "000000" }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Attempts_are_recorded_and_nothing_on_the_account_changes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "nope1" }, HttpStatusCode.Conflict);
        await PortOutAsync(emulator, new { telephoneNumber = "2012000001", pin = "a1b2c3" }, HttpStatusCode.OK);
        await PortOutAsync(emulator, new { telephoneNumber = "5550000001", pin = "a1b2c3" }, HttpStatusCode.NotFound);

        var attempts = (await emulator.AdminAsync(HttpMethod.Get, "portouts")).EnumerateArray().ToArray();
        Assert.Equal(new[] { "EXCEPTION", "ACCEPTED", "NOT_FOUND" }, attempts.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(7610, attempts[0].GetProperty("errorCode").GetInt32());
        Assert.Equal("a1b2c3", (await emulator.StoredPasscodesAsync())["2012000001"]);
    }

    [Fact]
    public async Task The_losing_account_can_be_named_and_a_bad_number_is_400()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await PortOutAsync(emulator, new { telephoneNumber = "3035550001", pin = "x", accountId = "9900001" }, HttpStatusCode.OK);
        await PortOutAsync(emulator, new { telephoneNumber = "3035550001", pin = "x", accountId = "9900000" }, HttpStatusCode.NotFound);
        await PortOutAsync(emulator, new { telephoneNumber = "12345", pin = "x" }, HttpStatusCode.BadRequest);
        await PortOutAsync(emulator, new { pin = "x" }, HttpStatusCode.BadRequest);
    }
}
