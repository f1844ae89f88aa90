using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>What an accepted order does to each number: passcodes set and removed, ErrorList entries and Warnings, final status.</summary>
public sealed class PerNumberOutcomeTests
{
    private static (int Code, string Number)[] Errors(XElement order) =>
        order.Element("ErrorList").Elements("Error")
            .Select(e => (int.Parse(e.Element("Code").Value), e.Element("TelephoneNumber").Value))
            .OrderBy(e => e.Item2).ToArray();

    [Fact]
    public async Task Passcodes_are_stored_per_number_and_the_order_completes_with_an_empty_ErrorList()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var orderId = await emulator.CreateAsync(OrderXml.Order(null,
            Group.Passcode("a1b2c3", "2012000001", "2012000002"), Group.Passcode("Zz9876", "2013999999")));
        emulator.FinishOrders();

        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("COMPLETE", order.Element("ProcessingStatus").Value);
        Assert.Empty(Errors(order));
        Assert.Null(order.Element("Warnings"));
        Assert.Equal(new Dictionary<string, string> { ["2012000001"] = "a1b2c3", ["2012000002"] = "a1b2c3", ["2013999999"] = "Zz9876" },
            await emulator.StoredPasscodesAsync());
    }

    [Fact]
    public async Task Numbers_not_on_the_account_are_5076_off_net_ones_5196_not_voice_owner_5197_and_malformed_5070()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            Accounts = new()
            {
                new AccountOptions { Id = "9900000", OnNet = { "2012000000-2012000099" }, OffNet = { "9195550000-9195559999" }, NotVoiceOwner = { "2012000050" } },
            },
        });

        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "2012000100", "9195550001", "2012000050", "201200000"));
        var received = await emulator.OrderAsync(orderId);
        Assert.Empty(Errors(received)); // per-number outcomes show once the order is final
        emulator.FinishOrders();

        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("PARTIAL", order.Element("ProcessingStatus").Value);
        Assert.Equal(new[] { (5070, "201200000"), (5197, "2012000050"), (5076, "2012000100"), (5196, "9195550001") }, Errors(order));
        var descriptions = order.Element("ErrorList").Elements("Error").ToDictionary(e => e.Element("Code").Value, e => e.Element("Description").Value);
        Assert.Equal("Telephone number is not available.", descriptions["5076"]); // the wording of Bandwidth's own examples
        Assert.Equal(new Dictionary<string, string> { ["2012000001"] = "a1b2c3" }, await emulator.StoredPasscodesAsync());
    }

    [Fact]
    public async Task An_order_where_every_number_fails_is_FAILED_and_the_demo_off_net_range_is_5196()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "9195550000", "9195559999", "5550000001"));
        emulator.FinishOrders();

        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("FAILED", order.Element("ProcessingStatus").Value);
        Assert.Equal(new[] { (5076, "5550000001"), (5196, "9195550000"), (5196, "9195559999") }, Errors(order));
        Assert.Empty(await emulator.StoredPasscodesAsync());
    }

    [Fact]
    public async Task Setting_the_passcode_a_number_already_has_is_a_5195_error_by_default()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "2012000002"));
        emulator.FinishOrders();

        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("PARTIAL", order.Element("ProcessingStatus").Value);
        Assert.Equal(new[] { (5195, "2012000001") }, Errors(order));
    }

    [Fact]
    public async Task Setting_the_same_passcode_is_a_Warning_when_configured_so_and_the_order_completes()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { SamePasscode = "warning" });
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        var orderId = await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));
        emulator.FinishOrders();

        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("COMPLETE", order.Element("ProcessingStatus").Value);
        Assert.Empty(Errors(order));
        var warning = Assert.Single(order.Element("Warnings").Elements("Warning"));
        Assert.Equal("2012000001", warning.Element("TelephoneNumber").Value);
        Assert.Contains("5195", warning.Element("Description").Value);
    }

    [Fact]
    public async Task A_different_passcode_replaces_the_old_one()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001"));

        await emulator.CreateAsync(OrderXml.Passcode("d4e5f6", "2012000001"));

        Assert.Equal("d4e5f6", (await emulator.StoredPasscodesAsync())["2012000001"]);
    }

    [Theory]
    [InlineData("systemDefault")]
    [InlineData("systemdefault")]
    public async Task SystemDefault_removes_the_passcode_and_unchanged_keeps_it(string systemDefault)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000001", "2012000002", "2012000003"));

        var orderId = await emulator.CreateAsync(OrderXml.Order(null,
            Group.Passcode(systemDefault, "2012000001", "2012000004"), Group.Passcode("unchanged", "2012000002")));
        emulator.FinishOrders();

        Assert.Equal(new Dictionary<string, string> { ["2012000002"] = "a1b2c3", ["2012000003"] = "a1b2c3" }, await emulator.StoredPasscodesAsync());
        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("COMPLETE", order.Element("ProcessingStatus").Value);
        Assert.Empty(Errors(order)); // removing a passcode a number does not have is not an error
    }

    [Fact]
    public async Task Options_other_than_the_passcode_are_echoed_and_only_5076_applies_to_them()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var orderId = await emulator.CreateAsync(OrderXml.Order(null, Group.Option("CallForward", "6042661720", "2012000001", "9195550001", "5550000001")));
        emulator.FinishOrders();

        var order = await emulator.OrderAsync(orderId);
        Assert.Equal("6042661720", order.Descendants("CallForward").Single().Value);
        Assert.Equal(new[] { (5076, "5550000001") }, Errors(order));
        Assert.Empty(await emulator.StoredPasscodesAsync());
    }

    [Fact]
    public async Task Passcodes_are_not_echoed_when_EchoPasscodes_is_off()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { EchoPasscodes = false });

        var answer = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Order(null, new Group(new[] { ("PortOutPasscode", "a1b2c3"), ("Sms", "on") }, new[] { "2012000001" })));

        Assert.Empty(answer.Xml.Descendants("PortOutPasscode"));
        Assert.Single(answer.Xml.Descendants("Sms"));
        Assert.Equal("a1b2c3", (await emulator.StoredPasscodesAsync())["2012000001"]);
    }

    [Fact]
    public async Task Configured_start_passcodes_are_there_and_come_back_on_reset()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            Accounts = new() { new AccountOptions { Id = "9900000", OnNet = { "2012000000-2012000099" }, Passcodes = { ["2012000007"] = "seed77" } } },
        });
        Assert.Equal("seed77", (await emulator.StoredPasscodesAsync())["2012000007"]);

        await emulator.CreateAsync(OrderXml.Passcode("systemDefault", "2012000007"));
        Assert.Empty(await emulator.StoredPasscodesAsync());

        await emulator.AdminAsync(HttpMethod.Post, "reset");
        Assert.Equal(new Dictionary<string, string> { ["2012000007"] = "seed77" }, await emulator.StoredPasscodesAsync());
    }
}
