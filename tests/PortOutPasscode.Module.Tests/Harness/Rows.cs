using System.Management.Automation;

namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>Pipeline input shaped the way Import-Csv makes it: PSCustomObjects with string properties.</summary>
public static class Rows
{
    public static PSObject Row(params (string Name, object? Value)[] properties)
    {
        var row = new PSObject();
        foreach (var (name, value) in properties) row.Properties.Add(new PSNoteProperty(name, value));
        return row;
    }

    /// <summary>
    /// The number an error's TargetObject names: the input row as given (an object with a number property, or the string),
    /// or, for a -Path row, its TelephoneNumber.
    /// </summary>
    public static string? NumberOf(object? target)
    {
        var value = target is PSObject wrapped ? wrapped.BaseObject : target;
        if (value is string text) return text;
        var row = PSObject.AsPSObject(target);
        foreach (var name in new[] { "TelephoneNumber", "Tn", "Number", "PhoneNumber", "FullNumber" })
        {
            if (row.Properties[name]?.Value is object number) return number.ToString();
        }
        return null;
    }

    /// <summary>On-net numbers of the demo account 9900000, from 2012000000 + start.</summary>
    public static string[] Numbers(int count, int start = 0) =>
        Enumerable.Range(start, count).Select(i => (2012000000L + i).ToString()).ToArray();

    public static PSObject[] WithPasscode(IEnumerable<string> numbers, string passcode, string column = "TelephoneNumber") =>
        numbers.Select(n => Row((column, n), ("Passcode", passcode))).ToArray();

    /// <summary>
    /// Connects the session to the emulator's demo account with an API user, or with the OAuth2 client;
    /// <paramref name="options"/> are more Connect-BwAccount parameters (-MaximumRetryCount 2 …).
    /// </summary>
    public static string Connect(EmulatorProcess emulator, string accountId = "9900000", bool oauth = false, string options = "") =>
        Scripts.Credentials() + $"Connect-BwAccount -AccountId {accountId} {(oauth ? "-ClientCredential $client" : "-Credential $cred")} -BaseUri '{emulator.BaseUri}' {options}\n";
}
