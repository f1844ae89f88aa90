using System.Globalization;
using System.Text;

namespace PortOutPasscode.Benchmarks;

/// <summary>One reported figure: its value in every repeat, and the target it is held to.</summary>
internal sealed class Figure
{
    public Figure(string scenario, string name, string unit, string? key = null, string target = "", Func<double, bool>? meetsTarget = null)
    {
        Scenario = scenario;
        Name = name;
        Unit = unit;
        Key = key;
        Target = target;
        MeetsTarget = meetsTarget;
    }

    /// <summary>The name of the worker's result this figure takes its values from, if it is one of them.</summary>
    public string? Key { get; }

    public string Scenario { get; }
    public string Name { get; }
    public string Unit { get; }
    public string Target { get; }
    /// <summary>Judged on the median of the repeats.</summary>
    public Func<double, bool>? MeetsTarget { get; }
    public List<double> Values { get; } = new();

    public double Min => Values.Min();
    public double Max => Values.Max();

    public double Median
    {
        get
        {
            var sorted = Values.OrderBy(v => v).ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public string Verdict => MeetsTarget == null ? "" : MeetsTarget(Median) ? "met" : "MISSED";
}

/// <summary>The figures of one benchmark run, as the Markdown table docs/BENCHMARKS.md shows.</summary>
internal sealed class Report
{
    private readonly List<Figure> _figures = new();
    private readonly List<string> _notes = new();

    public Figure Add(Figure figure)
    {
        _figures.Add(figure);
        return figure;
    }

    public void Note(string text) => _notes.Add(text);

    /// <summary>Adds one repeat's value to each figure that is read straight from the worker's result.</summary>
    public static void Record(WorkerResult run, params Figure[] figures)
    {
        foreach (var figure in figures.Where(f => f.Key != null)) figure.Values.Add(run.Number(figure.Key!));
    }

    public bool AnyMissed => _figures.Any(f => f.Verdict == "MISSED");

    public string ToMarkdown(string machine, int repeat)
    {
        var text = new StringBuilder();
        text.AppendLine($"{machine}; min / median / max over {repeat} fresh-process runs each; targets judged on the median.");
        text.AppendLine();
        text.AppendLine("| scenario | figure | min | median | max | target | |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var f in _figures.Where(f => f.Values.Count > 0))
        {
            text.AppendLine($"| {f.Scenario} | {f.Name} ({f.Unit}) | {Format(f.Min)} | {Format(f.Median)} | {Format(f.Max)} | {f.Target} | {f.Verdict} |");
        }
        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes) text.AppendLine("- " + note);
        }
        return text.ToString();
    }

    public static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture)
        : value.ToString("0.##", CultureInfo.InvariantCulture);
}
