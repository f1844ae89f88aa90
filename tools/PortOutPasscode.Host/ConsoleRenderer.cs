using System.Management.Automation;

namespace PortOutPasscode.Host;

/// <summary>
/// Prints pipeline output as plain tables, since the hosted engine has no Format-Table: runs of objects of one
/// type become one table with the columns of the module's default views; passcodes are masked as there.
/// </summary>
internal sealed class ConsoleRenderer
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["PortOutPasscode.TnOptionOrder"] = new[] { "OrderId", "CustomerOrderId", "ProcessingStatus", "Numbers", "Errors" },
        ["PortOutPasscode.TnOptionOrderSummary"] = new[] { "OrderId", "OrderStatus", "CountOfTNs", "OrderDate" },
        ["PortOutPasscode.PortOutPasscodeInfo"] = new[] { "TelephoneNumber", "HasPasscode", "Passcode" },
        ["PortOutPasscode.OrderHistoryEntry"] = new[] { "OrderDate", "Status", "Author", "Note" },
        ["PortOutPasscode.BwConnection"] = new[] { "AccountId", "AuthenticationKind", "UserName", "BaseUri" },
    };

    private readonly List<PSObject> _run = new();
    private string? _runType;

    public void Object(PSObject item)
    {
        var type = item.TypeNames.Count > 0 ? item.TypeNames[0] : string.Empty;
        if (!Columns.ContainsKey(type))
        {
            Flush();
            Console.WriteLine(item.ToString());
            return;
        }
        if (type != _runType) Flush();
        _runType = type;
        _run.Add(item);
    }

    public void Line(string text)
    {
        Flush();
        Console.WriteLine(text);
    }

    public void Error(ErrorRecord error)
    {
        Flush();
        var target = error.TargetObject == null ? string.Empty : $" ({error.TargetObject})";
        Console.WriteLine($"ERROR [{error.FullyQualifiedErrorId.Split(',')[0]}]{target}: {error.Exception.Message}");
    }

    public void Flush()
    {
        if (_runType == null) return;
        var columns = Columns[_runType];
        var rows = _run.Select(item => columns.Select(c => Cell(item, c)).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine();
        Console.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) Console.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        Console.WriteLine();
        _run.Clear();
        _runType = null;
    }

    private static string Cell(PSObject item, string column)
    {
        object? value = column switch
        {
            "Numbers" => (item.Properties["TelephoneNumbers"]?.Value as Array)?.Length,
            "Errors" => (item.Properties["Errors"]?.Value as Array)?.Length,
            "Passcode" => Mask(item.Properties["Passcode"]?.Value as string),
            _ => item.Properties[column]?.Value,
        };
        return value switch
        {
            DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss"),
            null => string.Empty,
            _ => value.ToString() ?? string.Empty,
        };
    }

    /// <summary>As the module's table view shows a passcode: its first two characters, then ****.</summary>
    private static string Mask(string? passcode) =>
        string.IsNullOrEmpty(passcode) ? string.Empty : passcode.Substring(0, Math.Min(2, passcode.Length)) + "****";
}
