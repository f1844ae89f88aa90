namespace PortOutPasscode.Benchmarks;

internal sealed class BenchmarkOptions
{
    public static readonly string[] AllScenarios = { "pipeline", "largefile", "latency", "startup", "polling", "realistic", "coverage" };

    public List<string> Scenarios { get; private init; } = AllScenarios.ToList();

    /// <summary>Fresh-process runs per figure; min/median/max are over these.</summary>
    public int Repeat { get; private init; } = 5;

    /// <summary>Numbers in the large CSV file (benchmarks/results/numbers-N.csv, generated on first use).</summary>
    public int LargeRows { get; private init; } = 1_000_000;

    /// <summary>Sizes at which the large-file scenario measures the duplicate check per number (issue 17: 1M and 5M).</summary>
    public List<int> DuplicateCheckRows { get; private init; } = new() { 1_000_000, 5_000_000 };

    public static BenchmarkOptions? Parse(string[] args)
    {
        var scenarios = AllScenarios.ToList();
        var repeat = 5;
        var largeRows = 1_000_000;
        var duplicateCheckRows = new List<int> { 1_000_000, 5_000_000 };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scenario" when value != null:
                    scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (scenarios.Except(AllScenarios).Any()) return null;
                    i++;
                    break;
                case "--repeat" when int.TryParse(value, out repeat) && repeat > 0:
                    i++;
                    break;
                case "--large-rows" when int.TryParse(value, out largeRows) && largeRows > 0 && largeRows <= 2_000_000:
                    i++;
                    break;
                case "--dedup-rows" when value != null:
                    var sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(v => int.TryParse(v, out var n) && n > 0 && n <= 10_000_000 ? n : -1).ToList();
                    if (sizes.Count == 0 || sizes.Contains(-1)) return null;
                    duplicateCheckRows = sizes;
                    i++;
                    break;
                default:
                    return null;
            }
        }
        return new BenchmarkOptions { Scenarios = scenarios, Repeat = repeat, LargeRows = largeRows, DuplicateCheckRows = duplicateCheckRows };
    }
}
