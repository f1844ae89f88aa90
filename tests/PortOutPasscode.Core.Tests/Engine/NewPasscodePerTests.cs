using System.Globalization;
using System.Net;
using System.Security;
using System.Text.Json;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;
using static PortOutPasscode.Core.Tests.Support.EngineRuns;

namespace PortOutPasscode.Core.Tests.Engine;

/// <summary>
/// Set-BwPortOutPasscode -NewPasscodePer in the engine: a fresh strong PIN per value of a row property, on every number
/// of the value at Bandwidth (the in-process emulator), the mapping output once after the orders and nowhere else.
/// </summary>
public sealed class NewPasscodePerTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emulator;

    public NewPasscodePerTests(EmulatorFixture emulator) => _emulator = emulator;

    public async Task InitializeAsync()
    {
        _emulator.Admin.Reset();
        _emulator.Admin.Configure(new { receivedMs = 0, processingMs = 50 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static PasscodeRunSettings PerCustomer(int batchSize = 1000, AuditTrail audit = null, System.Security.Cryptography.RandomNumberGenerator random = null)
    {
        var settings = Settings(batchSize: batchSize, audit: audit);
        settings.NewPasscodePer = "Customer";
        settings.PinRandom = random;
        return settings;
    }

    private static string Clear(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;

    [Fact]
    public async Task Each_value_gets_its_own_strong_PIN_on_all_its_numbers_and_the_mapping_comes_once_after_the_orders()
    {
        var audit = Path.Combine(Path.GetTempPath(), "per-" + Guid.NewGuid().ToString("N") + ".jsonl");
        using var client = _emulator.Client(_emulator.OAuth());
        var rows = new[]
        {
            Row(1, "2012000601", group: "ACME"), Row(2, "2012000602", group: "Globex"), Row(3, "2012000603", group: "ACME"),
            Row(4, "2012000601", group: "ACME"), Row(5, "2012000604", group: " Globex "), Row(6, "2012000601", group: "Globex"),
            Row(7, "2012000605", "a1b2c3", "Initech"), Row(8, "2012000606", group: ""), Row(9, "9195550002", group: "Initech"),
            Row(10, "2012000607", group: "Initech"), Row(11, "2012000608", group: "ACME"),
        };

        var (sink, halt) = Run(client, PerCustomer(audit: AuditTrail.Open(audit, "9900000", "demo-client", "Set-BwPortOutPasscode")), rows);

        Assert.Null(halt);
        var stored = _emulator.Admin.Passcodes();
        var assignments = sink.OutputOf<PortOutPasscodeAssignment>().ToList();
        Assert.Equal(new[] { "ACME", "Globex", "Initech" }, assignments.Select(a => a.Value));
        Assert.All(assignments, a => Assert.Equal("Customer", a.NewPasscodePer));
        var pins = assignments.ToDictionary(a => a.Value, a => Clear(a.Passcode));
        Assert.Equal(3, pins.Values.Distinct().Count());
        Assert.All(pins.Values, pin => Assert.Matches("^[0-9]{8}$", pin));
        Assert.All(assignments, a => Assert.True(a.Passcode.IsReadOnly()));
        var expected = new Dictionary<string, string[]>
        {
            ["ACME"] = new[] { "2012000601", "2012000603", "2012000608" },
            ["Globex"] = new[] { "2012000602", "2012000604" },
            ["Initech"] = new[] { "9195550002", "2012000607" },
        };
        foreach (var assignment in assignments)
        {
            Assert.Equal(expected[assignment.Value].OrderBy(n => n), assignment.TelephoneNumbers.OrderBy(n => n));
            Assert.Equal(PinWeakness.None, PinRules.WeaknessOf(pins[assignment.Value], PinRules.PartsOf(assignment.TelephoneNumbers)));
            foreach (var number in assignment.TelephoneNumbers.Where(n => n.StartsWith("2012", StringComparison.Ordinal)))
            {
                Assert.Equal(pins[assignment.Value], stored[number]);
            }
            var orders = sink.OutputOf<TnOptionOrder>().Where(o => o.TelephoneNumbers.Intersect(assignment.TelephoneNumbers).Any()).Select(o => o.OrderId);
            Assert.Equal(orders.OrderBy(i => i), assignment.OrderIds.OrderBy(i => i));
        }
        Assert.Equal((3L, 0L, 0L), (assignments[0].Protected, assignments[0].Failed, assignments[0].Pending));
        Assert.Equal((1L, 1L), (assignments[2].Protected, assignments[2].Failed));
        Assert.False(stored.ContainsKey("2012000605"));
        Assert.False(stored.ContainsKey("2012000606"));

        // The mapping once, after every order.
        var lastOrder = sink.Output.FindLastIndex(o => o is TnOptionOrder);
        var firstAssignment = sink.Output.FindIndex(o => o is PortOutPasscodeAssignment);
        Assert.True(lastOrder < firstAssignment, "an assignment came before an order");
        Assert.Equal(3, sink.Output.Count - firstAssignment);

        var problems = sink.Failures.Select(f => f.Failure).OfType<InputRowException>().ToDictionary(e => e.Row, e => e);
        Assert.Equal(InputRowProblem.PasscodeConflict, problems["Row 6"].Problem);
        Assert.Contains("'Globex'", problems["Row 6"].Message);
        Assert.Contains("row 1 put it under 'ACME'", problems["Row 6"].Message);
        Assert.Equal(InputRowProblem.PasscodeWithNewPasscodePer, problems["Row 7"].Problem);
        Assert.Equal(InputRowProblem.NewPasscodePerValueMissing, problems["Row 8"].Problem);
        Assert.Contains("no Customer", problems["Row 8"].Message);

        // No PIN in any other stream, in the orders, or in the audit file (which names each number's value).
        var text = sink.AllText() + string.Join("\n", sink.OutputOf<TnOptionOrder>().SelectMany(o => o.Groups).Select(g => g.PortOutPasscode));
        var file = File.ReadAllText(audit);
        foreach (var pin in pins.Values)
        {
            Assert.DoesNotContain(pin, text);
            Assert.DoesNotContain(pin, file);
        }
        var values = File.ReadAllLines(audit).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("TelephoneNumber").GetString(), r => (r.GetProperty("NewPasscodePer").GetString(), r.GetProperty("Value").GetString()));
        Assert.Equal(7, values.Count);
        Assert.Equal(("Customer", "Globex"), values["2012000604"]);
        Assert.Equal(("Customer", "Initech"), values["9195550002"]);
        File.Delete(audit);
    }

    [Fact]
    public async Task A_later_number_the_PIN_holds_a_part_of_draws_it_again_until_an_order_carries_it()
    {
        // Scripted draws: 97313999 holds 3999 of 2013999000; 97318642 holds no part of either number.
        using var client = _emulator.Client(_emulator.Basic());
        var rows = new[] { Row(1, "2012345678", group: "ACME"), Row(2, "2013999000", group: "ACME") };

        var (unsent, _) = Run(client, PerCustomer(random: ScriptedBytes.Digits("97313999", "97318642")), rows);
        var unsentPins = (_emulator.Admin.Passcodes()).Where(p => p.Key is "2012345678" or "2013999000").Select(p => p.Value).Distinct().ToList();
        _emulator.Admin.Reset();
        _emulator.Admin.Configure(new { receivedMs = 0, processingMs = 50 });
        var (sentAlready, _) = Run(client, PerCustomer(batchSize: 1, random: ScriptedBytes.Digits("97313999", "97318642")), rows);
        var sentPins = (_emulator.Admin.Passcodes()).Where(p => p.Key is "2012345678" or "2013999000").Select(p => p.Value).Distinct().ToList();

        Assert.Equal(new[] { "97318642" }, unsentPins);
        Assert.Equal("97318642", Clear(Assert.Single(unsent.OutputOf<PortOutPasscodeAssignment>()).Passcode));
        // Once an order carried the PIN it stays, for every number of the value: one PIN per customer.
        Assert.Equal(new[] { "97313999" }, sentPins);
        Assert.Equal(2, Assert.Single(sentAlready.OutputOf<PortOutPasscodeAssignment>()).TelephoneNumbers.Length);
    }

    [Fact]
    public void PasscodeLength_and_Alphanumeric_shape_the_PINs()
    {
        var batcher = new OrderBatcher(1000, new CustomerOrderIds("run"));
        using var assignments = new PasscodeAssignments("Customer", 6, alphanumeric: true, batcher);

        Assert.True(assignments.TryPasscode(Row(1, "2012000701", group: "A"), "2012000701", out var pin, out _));
        Assert.True(assignments.TryPasscode(Row(2, "2012000702", group: "A"), "2012000702", out var same, out _));
        Assert.True(assignments.TryPasscode(Row(3, "2012000703", group: "a"), "2012000703", out var other, out _));

        Assert.Matches("^[2-9A-HJKMNP-Z]{6}$", pin);
        Assert.Equal(pin, same);
        Assert.NotEqual(pin, other); // values are compared exactly: A and a are two customers
    }

    [Fact]
    public void A_run_that_halts_still_outputs_the_PINs_already_set()
    {
        using var client = _emulator.Client(_emulator.Basic(), adjust: o => o.MaxRetries = 0);
        _emulator.Admin.AddFault(new { endpoint = "create", kind = "status", status = 403, every = 2 });
        var rows = Enumerable.Range(0, 6).Select(i => Row(i + 1, (2012000801 + i).ToString(CultureInfo.InvariantCulture), group: "ACME")).ToList();

        var settings = PerCustomer(batchSize: 2);
        settings.ThrottleLimit = 1; // the second order's refusal comes before a third is sent

        var (sink, halt) = Run(client, settings, rows);

        Assert.NotNull(halt);
        var assignment = Assert.Single(sink.OutputOf<PortOutPasscodeAssignment>());
        var stored = _emulator.Admin.Passcodes();
        // The first order went through: its numbers carry the PIN, and the mapping says so although the run ended in an error.
        Assert.Equal(2, assignment.Protected);
        Assert.Equal(Clear(assignment.Passcode), stored["2012000801"]);
        Assert.Equal(Clear(assignment.Passcode), stored["2012000802"]);
        Assert.Equal(new[] { "2012000801", "2012000802" }, assignment.TelephoneNumbers);
        Assert.Contains("were not sent", halt.Message);
    }

    [Fact]
    public void A_million_rows_of_a_hundred_thousand_values_stay_compact()
    {
        using var client = _emulator.Client(_emulator.OAuth());
        var settings = PerCustomer(batchSize: 5000);
        settings.ShouldSubmit = _ => false; // -WhatIf: every row checked, batched and given its value's PIN, nothing sent
        var sink = new RecordingSink();
        using var queue = new WorkQueue();
        using var run = new PasscodeRun(settings, client, sink, queue, ActivityScope.None);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 1_000_000; i++)
        {
            run.Add(Row(i + 1, (2012000000L + i).ToString(CultureInfo.InvariantCulture), group: "customer-" + (i % 100_000).ToString(CultureInfo.InvariantCulture)));
        }
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        run.Complete();

        Assert.Empty(sink.Failures);
        Console.WriteLine($"1,000,000 rows, 100,000 values: {grown / 1024.0 / 1024:N1} MB held");
        // Measured here: 16 MB for the duplicate check alone (one passcode), 53 MB with 100,000 values and their PINs.
        Assert.True(grown < 64L * 1024 * 1024, $"the run holds {grown / 1024 / 1024} MB for 1,000,000 rows");
        GC.KeepAlive(run);
    }
}
