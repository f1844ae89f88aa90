using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>What one run came to, counted from the emulator's own record.</summary>
public sealed record RunTally(int Numbers, int Stored, int NotStored, int StoredOrders, int FaultyRequests);

/// <summary>
/// The promise of Set-BwPortOutPasscode checked against the emulator's record, not the cmdlet's word: every number
/// is in at most one stored order, no order was created twice, every stored order was output, and every number
/// that was not stored has exactly one error record naming it.
/// </summary>
public static class RunAccounting
{
    public static RunTally Check(EmulatorProcess emulator, IReadOnlyCollection<string> numbers, ScriptResult result)
    {
        var orders = emulator.Orders();
        var asked = numbers.ToHashSet(StringComparer.Ordinal);

        var twice = orders.GroupBy(o => o.CustomerOrderId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Orders created twice (same CustomerOrderId): {string.Join(", ", twice)}");

        var storedIn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var number in orders.SelectMany(o => o.TelephoneNumbers))
        {
            storedIn[number] = storedIn.GetValueOrDefault(number) + 1;
        }
        var repeated = storedIn.Where(p => p.Value > 1).Select(p => p.Key).Take(5).ToList();
        Assert.True(repeated.Count == 0, $"Numbers stored in more than one order, e.g. {string.Join(", ", repeated)}");
        var strangers = storedIn.Keys.Where(n => !asked.Contains(n)).Take(5).ToList();
        Assert.True(strangers.Count == 0, $"Stored numbers nobody asked for, e.g. {string.Join(", ", strangers)}");

        var output = result.Values("OrderId").Select(v => v?.ToString()).ToList();
        Assert.True(output.Count == output.Distinct().Count(), "An order was output twice.");
        var stored = orders.Select(o => o.OrderId).ToHashSet();
        var missing = stored.Except(output).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} stored order(s) not in the output: {string.Join(", ", missing)}. Errors:\n{Errors(result)}");
        var invented = output.Where(id => id == null || !stored.Contains(id)).ToList();
        Assert.True(invented.Count == 0, $"Output orders the emulator never stored: {string.Join(", ", invented)}");

        // An order that went through but could not be followed to its end is named by its own error, and output as last seen.
        var orderErrors = result.AllErrors.Where(e => e.TargetObject is not string).ToList();
        var unnamed = orderErrors.Where(e => !output.Contains(PSObject.AsPSObject(e.TargetObject ?? "").Properties["OrderId"]?.Value as string)).ToList();
        Assert.True(unnamed.Count == 0, $"Errors that name neither a number nor an output order:\n{string.Join("\n", unnamed.Select(ScriptResult.Describe))}");

        // Every other error names one number that did not go through, and each such number has exactly one.
        var errorsByNumber = result.AllErrors.Where(e => e.TargetObject is string).GroupBy(e => (string)e.TargetObject).ToDictionary(g => g.Key, g => g.Count());
        var notStored = asked.Where(n => !storedIn.ContainsKey(n)).ToList();
        var unreported = notStored.Where(n => errorsByNumber.GetValueOrDefault(n) != 1).Take(5).ToList();
        Assert.True(unreported.Count == 0,
            $"Numbers not stored without exactly one error naming them, e.g. {string.Join(", ", unreported)}. Errors:\n{Errors(result)}");
        var stray = errorsByNumber.Keys.Where(n => !asked.Contains(n) || storedIn.ContainsKey(n)).Take(5).ToList();
        Assert.True(stray.Count == 0,
            $"Errors about something other than a number that failed: {string.Join(", ", stray)}. Errors:\n{Errors(result)}");

        return new RunTally(asked.Count, storedIn.Count, notStored.Count, orders.Count, emulator.Requests().Count(r => r.Fault != null));
    }

    private static string Errors(ScriptResult result) =>
        string.Join("\n", result.AllErrors.GroupBy(ScriptResult.ErrorId).Select(g => $"{g.Count()} × {ScriptResult.Describe(g.First())}"));
}
