namespace PortOutPasscode.Emulator.Domain;

internal enum PasscodeAction
{
    Invalid,
    Set,
    Remove,
    Keep,
}

/// <summary>The API's passcode rule: 4–10 ASCII letters or digits, or the words unchanged / systemDefault (any case).</summary>
internal static class Passcodes
{
    public const string SystemDefault = "systemDefault";
    public const string Unchanged = "unchanged";

    public static PasscodeAction Classify(string? value)
    {
        if (value == null) return PasscodeAction.Invalid;
        if (string.Equals(value, SystemDefault, StringComparison.OrdinalIgnoreCase)) return PasscodeAction.Remove;
        if (string.Equals(value, Unchanged, StringComparison.OrdinalIgnoreCase)) return PasscodeAction.Keep;
        if (value.Length < 4 || value.Length > 10) return PasscodeAction.Invalid;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return PasscodeAction.Invalid;
        }
        return PasscodeAction.Set;
    }
}
