using System.Collections;
using System.Management.Automation;
using System.Text;

namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>Everything one script run produced, stream by stream.</summary>
public sealed class ScriptResult
{
    public List<PSObject> Output { get; } = new();
    public List<ErrorRecord> Errors { get; } = new();
    public List<WarningRecord> Warnings { get; } = new();
    public List<VerboseRecord> Verbose { get; } = new();
    public List<DebugRecord> Debug { get; } = new();
    public List<ProgressRecord> Progress { get; } = new();
    public List<InformationRecord> Information { get; } = new();

    /// <summary>The error that ended the script, if one did (a terminating error or a thrown exception).</summary>
    public ErrorRecord? TerminatingError { get; set; }

    public IEnumerable<ErrorRecord> AllErrors =>
        TerminatingError == null ? Errors : Errors.Append(TerminatingError);

    /// <summary>Fails with every error's text when the run produced any error.</summary>
    public ScriptResult AssertNoErrors()
    {
        var errors = AllErrors.ToList();
        Assert.True(errors.Count == 0, "Unexpected errors:\n" + string.Join("\n", errors.Select(Describe)));
        return this;
    }

    /// <summary>The only terminating or non-terminating error with this ErrorId (the part before the first comma).</summary>
    public ErrorRecord SingleError(string errorId)
    {
        var matches = AllErrors.Where(e => ErrorId(e) == errorId).ToList();
        Assert.True(matches.Count == 1,
            $"Expected one '{errorId}' error, found {matches.Count}. All errors:\n" + string.Join("\n", AllErrors.Select(Describe)));
        return matches[0];
    }

    public static string ErrorId(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    public static string Describe(ErrorRecord e) =>
        $"[{ErrorId(e)}] {e.CategoryInfo.Category} target='{e.TargetObject}': {e.Exception.Message}";

    /// <summary>Output objects' property, read as PowerShell sees it (types live in the module's own load context).</summary>
    public IEnumerable<object?> Values(string property) => Output.Select(o => o.Properties[property]?.Value);

    /// <summary>Every piece of text the run produced anywhere: for scanning that no secret leaked.</summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (var item in Output)
        {
            text.AppendLine(item.ToString());
            foreach (var property in item.Properties)
            {
                AppendValue(text, SafeValue(property));
            }
        }
        foreach (var error in AllErrors)
        {
            text.AppendLine(error.ToString()).AppendLine(error.Exception.ToString())
                .AppendLine(error.ErrorDetails?.Message).AppendLine(error.CategoryInfo.ToString());
            // A row the user piped in comes back as their own object (to feed back: $failed.TargetObject | Export-Csv);
            // what it holds is their input, not the module's output. Anything else the module targets is scanned.
            if (!IsInputRow(error.TargetObject)) text.AppendLine(error.TargetObject?.ToString());
        }
        foreach (var record in Warnings) text.AppendLine(record.Message);
        foreach (var record in Verbose) text.AppendLine(record.Message);
        foreach (var record in Debug) text.AppendLine(record.Message);
        foreach (var record in Information) text.AppendLine(record.MessageData?.ToString());
        foreach (var record in Progress)
        {
            text.AppendLine(record.Activity).AppendLine(record.StatusDescription).AppendLine(record.CurrentOperation);
        }
        return text.ToString();
    }

    private static bool IsInputRow(object? target) => target is PSObject row && row.BaseObject is PSCustomObject;

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }

    private static void AppendValue(StringBuilder text, object? value)
    {
        if (value is string s)
        {
            text.AppendLine(s);
        }
        else if (value is IEnumerable items)
        {
            foreach (var item in items) text.AppendLine(item?.ToString());
        }
        else
        {
            text.AppendLine(value?.ToString());
        }
    }
}
