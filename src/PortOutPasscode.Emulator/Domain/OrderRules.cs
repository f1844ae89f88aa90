namespace PortOutPasscode.Emulator.Domain;

/// <summary>Whole-order validation: any failure refuses the order synchronously and stores nothing.</summary>
internal static class OrderRules
{
    public const int MaxCustomerOrderIdLength = 40;

    /// <summary>How many offending numbers a ResponseStatus lists at most.</summary>
    private const int MaxListedNumbers = 100;

    public static ApiError? Validate(OrderRequest request, int maxNumbers, bool featureOn)
    {
        if (request.CustomerOrderId != null && !IsValidCustomerOrderId(request.CustomerOrderId))
        {
            return new ApiError(400, null,
                $"CustomerOrderId is invalid: use at most {MaxCustomerOrderIdLength} letters, digits, dashes and spaces.");
        }
        if (request.Groups.Count == 0 || request.Groups.Any(g => g.Options.Count == 0))
        {
            return new ApiError(400, ErrorCodes.NoOption, "At least one TN option must be applied to the telephone numbers of every TnOptionGroup.");
        }
        if (request.Groups.Any(g => g.Numbers.Count == 0))
        {
            return new ApiError(400, null, "Every TnOptionGroup must list at least one TelephoneNumber.");
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in request.Groups)
        {
            foreach (var number in group.Numbers) distinct.Add(number);
        }
        if (distinct.Count > maxNumbers)
        {
            return new ApiError(400, ErrorCodes.TooManyNumbers,
                $"The order has {distinct.Count} telephone numbers; at most {maxNumbers} are allowed in one order.");
        }

        foreach (var group in request.Groups.Where(g => g.Passcode != null))
        {
            if (group.PasscodeElements > 1 || Passcodes.Classify(group.Passcode) == PasscodeAction.Invalid)
            {
                return new ApiError(400, ErrorCodes.InvalidPasscode,
                    "Port Out Passcode is invalid: it must be 4 to 10 letters or digits, or 'unchanged' or 'systemDefault'.");
            }
        }

        var duplicates = FindDuplicates(request);
        if (duplicates.Count > 0)
        {
            return new ApiError(400, ErrorCodes.DuplicateNumbers,
                $"Duplicate telephone numbers in the order ({duplicates.Count}): a number may appear once per option.",
                duplicates.Take(MaxListedNumbers).ToList());
        }

        if (!featureOn && request.Groups.Any(g => g.Passcode != null))
        {
            return new ApiError(409, ErrorCodes.FeatureDisabled,
                "The Port-Out Passcode/PIN Protection feature (PortOutPasscodeProtection) is not enabled for the account.");
        }
        return null;
    }

    public static bool IsValidCustomerOrderId(string value) =>
        value.Length is > 0 and <= MaxCustomerOrderIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == ' ');

    /// <summary>
    /// A number may appear in several groups when they set different options (Bandwidth's C# SDK sends it so);
    /// twice in one group, or the same option twice for one number, is a duplicate (5093).
    /// </summary>
    private static List<string> FindDuplicates(OrderRequest request)
    {
        var duplicates = new List<string>();
        var seenByOption = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in request.Groups)
        {
            var inGroup = new HashSet<string>(group.Numbers.Count, StringComparer.Ordinal);
            foreach (var number in group.Numbers)
            {
                if (!inGroup.Add(number)) duplicates.Add(number);
            }
            foreach (var option in group.Options.Select(o => o.Name.LocalName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!seenByOption.TryGetValue(option, out var seen))
                {
                    seenByOption[option] = seen = new HashSet<string>(StringComparer.Ordinal);
                }
                foreach (var number in inGroup)
                {
                    if (!seen.Add(number)) duplicates.Add(number);
                }
            }
        }
        return duplicates.Distinct(StringComparer.Ordinal).ToList();
    }
}
