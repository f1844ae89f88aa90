using PortOutPasscode.Emulator.Api;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Domain;

/// <summary>
/// Accepts a validated order: works out each number's outcome and applies the passcodes at once, under the
/// account's passcode lock, so concurrent orders never interleave inside one another. The effects are visible
/// immediately (admin read-backs, look-ups, port-outs); the order's status then moves with time, and its
/// ErrorList/Warnings are shown once it is final.
/// </summary>
internal static class OrderProcessor
{
    public static StoredOrder Accept(AccountState account, string user, OrderRequest request, RuntimeSettings settings, DateTimeOffset now, WireFormat wire)
    {
        var groups = request.Groups.Select(g => Encode(g, wire)).ToArray();
        var problems = new List<NumberProblem>();
        var failed = new HashSet<long>();
        var failedInvalid = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new HashSet<long>();
        var distinctInvalid = new HashSet<string>(StringComparer.Ordinal);

        account.Passcodes.Change(book =>
        {
            foreach (var group in groups)
            {
                var action = group.Passcode == null ? (PasscodeAction?)null : Passcodes.Classify(group.Passcode);
                foreach (var encoded in group.Numbers)
                {
                    if (encoded < 0)
                    {
                        var text = group.NumberText(encoded);
                        distinctInvalid.Add(text);
                        if (failedInvalid.Add(text)) problems.Add(new NumberProblem(ErrorCodes.InvalidNumber, ErrorCodes.InvalidNumberText, text));
                        continue;
                    }
                    distinct.Add(encoded);
                    var standing = account.Inventory.Classify(encoded);
                    if (standing == NumberStanding.NotOnAccount)
                    {
                        if (failed.Add(encoded)) problems.Add(Problem(ErrorCodes.NotOnAccount, ErrorCodes.NotOnAccountText, encoded));
                        continue;
                    }
                    if (action == null) continue; // other options are echoed, not tracked per number

                    if (standing == NumberStanding.OffNet)
                    {
                        failed.Add(encoded);
                        problems.Add(Problem(ErrorCodes.OffNet, ErrorCodes.OffNetText, encoded));
                        continue;
                    }
                    if (standing == NumberStanding.NotVoiceOwner)
                    {
                        failed.Add(encoded);
                        problems.Add(Problem(ErrorCodes.NotVoiceOwner, ErrorCodes.NotVoiceOwnerText, encoded));
                        continue;
                    }
                    switch (action)
                    {
                        case PasscodeAction.Set:
                            if (book.TryGetValue(encoded, out var current) && string.Equals(current, group.Passcode, StringComparison.Ordinal))
                            {
                                if (settings.SamePasscodeIsWarning)
                                {
                                    problems.Add(new NumberProblem(null, ErrorCodes.SamePasscodeText + " (5195)", TelephoneNumbers.Format(encoded)));
                                }
                                else
                                {
                                    failed.Add(encoded);
                                    problems.Add(Problem(ErrorCodes.SamePasscode, ErrorCodes.SamePasscodeText, encoded));
                                }
                            }
                            else
                            {
                                book[encoded] = group.Passcode!;
                            }
                            break;
                        case PasscodeAction.Remove:
                            book.Remove(encoded);
                            break;
                    }
                }
            }
            return 0;
        });

        var total = distinct.Count + distinctInvalid.Count;
        var failures = failed.Count + failedInvalid.Count;
        return new StoredOrder
        {
            OrderId = Guid.NewGuid().ToString(),
            AccountId = account.Id,
            CustomerOrderId = request.CustomerOrderId,
            CreatedBy = user,
            CreatedAt = now,
            ReceivedFor = TimeSpan.FromMilliseconds(settings.ReceivedMs),
            ProcessingFor = TimeSpan.FromMilliseconds(settings.ProcessingMs),
            Groups = groups,
            Problems = problems.ToArray(),
            FinalStatus = failures == 0 ? OrderStatus.COMPLETE : failures >= total ? OrderStatus.FAILED : OrderStatus.PARTIAL,
            CountOfTns = total,
        };
    }

    private static NumberProblem Problem(int code, string description, long number) =>
        new(code, description, TelephoneNumbers.Format(number));

    /// <summary>Numbers to longs; one that is not a number in the request's format is kept as text and encoded as -(index + 1).</summary>
    private static OrderGroup Encode(OrderRequestGroup group, WireFormat wire)
    {
        var numbers = new long[group.Numbers.Count];
        List<string>? invalid = null;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (wire.TryParseNumber(group.Numbers[i], out var number))
            {
                numbers[i] = number;
            }
            else
            {
                invalid ??= new List<string>();
                invalid.Add(group.Numbers[i]);
                numbers[i] = -invalid.Count;
            }
        }
        return new OrderGroup(group.Options.ToArray(), group.Passcode, numbers, invalid?.ToArray() ?? Array.Empty<string>());
    }
}
