using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// Every PortOutStatus numbers.yml documents is a status filter of GET portouts: an empty list where no order is in it,
/// never 400; and a port-out in EXCEPTION the winning carrier withdraws is CANCELLED, a third state the filter finds.
/// </summary>
public sealed class PortOutStatusTests
{
    private const string PortOuts = "/api/accounts/" + TestEmulator.Account + "/portouts";

    private static Task<JsonElement> PortOutAsync(TestEmulator emulator, object request, HttpStatusCode expected) =>
        emulator.AdminAsync(HttpMethod.Post, "portouts", request, expected);

    private static string[] OrderIds(XElement wrapper) => wrapper.Elements("lnpPortInfoForGivenStatus").Select(i => i.Element("OrderId").Value).ToArray();

    /// <summary>One order COMPLETE, one left in EXCEPTION, one withdrawn (CANCELLED); their ids in that order.</summary>
    private static async Task<(TestEmulator Emulator, string Complete, string Exception, string Cancelled)> ThreeStatesAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000101", "2012000102", "2012000103"));
        var complete = (await PortOutAsync(emulator, new { telephoneNumber = "2012000101", pin = "a1b2c3" }, HttpStatusCode.OK)).GetProperty("orderId").GetString();
        var exception = (await PortOutAsync(emulator, new { telephoneNumber = "2012000102", pin = "wrong1" }, HttpStatusCode.Conflict)).GetProperty("orderId").GetString();
        var cancelled = (await PortOutAsync(emulator, new { telephoneNumber = "2012000103", pin = "wrong2" }, HttpStatusCode.Conflict)).GetProperty("orderId").GetString();
        await PortOutAsync(emulator, new { orderId = cancelled, cancel = true }, HttpStatusCode.OK);
        return (emulator, complete, exception, cancelled);
    }

    [Theory]
    [InlineData("NEW")]
    [InlineData("SUPP")]
    [InlineData("MODIFY")]
    [InlineData("COMPLETE")]
    [InlineData("CANCELLED")]
    [InlineData("VALIDATION_FAILED_NEW")]
    [InlineData("VALIDATION_FAILED_SUPP")]
    [InlineData("VALIDATION_FAILED_MODIFY")]
    [InlineData("EXCEPTION")]
    [InlineData("SOA_PENDING")]
    [InlineData("soa_conflict")]
    [InlineData("complete")]
    public async Task Every_documented_status_filters_the_list_and_finds_exactly_its_orders(string status)
    {
        var (emulator, complete, exception, cancelled) = await ThreeStatesAsync();
        await using var _ = emulator;
        var expected = status.ToUpperInvariant() switch
        {
            "COMPLETE" => new[] { complete },
            "EXCEPTION" => new[] { exception },
            "CANCELLED" => new[] { cancelled },
            _ => Array.Empty<string>(),
        };

        var list = await emulator.GetAsync(PortOuts + "?page=1&size=300&status=" + status);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("LNPResponseWrapper", list.Xml.Name.LocalName);
        Assert.Equal(expected.Length.ToString(), list.Xml.Element("TotalCount").Value);
        Assert.Equal(expected, OrderIds(list.Xml));
        Assert.All(list.Xml.Elements("lnpPortInfoForGivenStatus"), i => Assert.Equal(status.ToUpperInvariant(), i.Element("ProcessingStatus").Value));
    }

    [Theory]
    [InlineData("COMPLETE,EXCEPTION")]
    [InlineData("3")]
    [InlineData("PENDING")]
    public async Task A_status_that_is_not_a_documented_name_is_still_400(string status)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(PortOuts + "?page=1&size=300&status=" + Uri.EscapeDataString(status));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("The query is invalid", answer.Description);
        Assert.Contains("SOA_CONFLICT", answer.Description);
    }

    [Fact]
    public async Task A_withdrawn_port_out_is_CANCELLED_once_without_the_7610_reason_and_only_from_EXCEPTION()
    {
        var (emulator, complete, exception, cancelled) = await ThreeStatesAsync();
        await using var _ = emulator;

        var one = (await emulator.GetAsync($"{PortOuts}/{cancelled}")).Xml;
        var item = (await emulator.GetAsync(PortOuts + "?page=1&size=300&status=CANCELLED")).Xml.Element("lnpPortInfoForGivenStatus");
        var again = await PortOutAsync(emulator, new { orderId = cancelled, cancel = true }, HttpStatusCode.Conflict);
        var done = await PortOutAsync(emulator, new { orderId = complete, cancel = true }, HttpStatusCode.Conflict);
        var unknown = await PortOutAsync(emulator, new { orderId = Guid.NewGuid().ToString(), cancel = true }, HttpStatusCode.NotFound);
        var noId = await PortOutAsync(emulator, new { telephoneNumber = "2012000102", cancel = true }, HttpStatusCode.BadRequest);
        var resubmitted = await PortOutAsync(emulator, new { orderId = cancelled, pin = "a1b2c3" }, HttpStatusCode.Conflict);
        var attempts = await emulator.AdminAsync(HttpMethod.Get, "portouts");

        Assert.Equal("CANCELLED", one.Element("PortOutStatus").Value);
        Assert.Null(one.Element("ActualFocDate"));
        Assert.Null(item.Element("ErrorCode"));
        Assert.Contains("only an order in EXCEPTION can be cancelled", again.GetProperty("description").GetString());
        Assert.Equal("COMPLETE", done.GetProperty("status").GetString());
        Assert.Equal("NOT_FOUND", unknown.GetProperty("status").GetString());
        Assert.Contains("orderId", noId.GetProperty("error").GetString());
        Assert.Equal("CANCELLED", resubmitted.GetProperty("status").GetString());
        Assert.Contains(attempts.EnumerateArray(), a => a.GetProperty("orderId").GetString() == cancelled && a.GetProperty("status").GetString() == "CANCELLED");
        // The order still in EXCEPTION is untouched by the other's withdrawal.
        Assert.Equal("EXCEPTION", (await emulator.GetAsync($"{PortOuts}/{exception}")).Xml.Element("PortOutStatus").Value);
    }
}
