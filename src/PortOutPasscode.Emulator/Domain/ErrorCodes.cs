namespace PortOutPasscode.Emulator.Domain;

/// <summary>Bandwidth's error codes and the descriptions the emulator gives them (fixture wording where one exists).</summary>
internal static class ErrorCodes
{
    public const int InvalidNumber = 5070;
    public const int NotOnAccount = 5076;
    public const int DuplicateNumbers = 5093;
    public const int TooManyNumbers = 5095;
    public const int NoOption = 5115;
    public const int InvalidPasscode = 5193;
    public const int FeatureDisabled = 5194;
    public const int SamePasscode = 5195;
    public const int OffNet = 5196;
    public const int NotVoiceOwner = 5197;
    public const int LookupTooLarge = 15607;
    public const int InvalidNumbers = 15608;
    public const int NumbersNotFound = 15610;
    public const int PasscodeNotFound = 15619;
    public const int PortOutPinMismatch = 7610;

    public const string InvalidNumberText = "Telephone number is invalid.";
    public const string NotOnAccountText = "Telephone number is not available.";
    public const string SamePasscodeText = "Port Out Passcode already exists on the telephone number.";
    public const string OffNetText = "Only on-net telephone numbers can have a Port Out Passcode.";
    public const string NotVoiceOwnerText = "Only the voice owner of the telephone number can assign a Port Out Passcode.";
    public const string InvalidNumbersText = "Input contains invalid Telephone Numbers";
    public const string PasscodeNotFoundText = "Passcode was not found on tn(s)";
    public const string NumbersNotFoundText = "Telephone Numbers cannot be found on accounts";
    public const string PortOutPinMismatchText = "PIN does not match the Passcodes on the telephone numbers being ported out";

    public static string LookupTooLargeText(int max) =>
        $"The count of Telephone numbers in POST body exceeds the maximum size of {max}";
}
