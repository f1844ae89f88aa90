using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;

namespace PortOutPasscode.Emulator.Admin;

/// <summary>A port-out request as a winning carrier sends it: the number and the PIN its customer gave.</summary>
public sealed class PortOutRequest
{
    public string? TelephoneNumber { get; set; }
    public string? Pin { get; set; }

    /// <summary>Optional: the losing account; by default the first configured account that has the number.</summary>
    public string? AccountId { get; set; }
}

/// <summary>
/// Bandwidth's check on a port-out: a number without a passcode ports with any PIN; a protected number only with
/// its passcode (compared exactly), otherwise 7610. Nothing on the account changes: the answer is recorded only.
/// </summary>
internal sealed class PortOutSimulator
{
    private readonly EmulatorState _state;

    public PortOutSimulator(EmulatorState state) => _state = state;

    public (int Status, object Body) Submit(PortOutRequest request)
    {
        if (!TelephoneNumbers.TryNormalize(request.TelephoneNumber, out var number))
        {
            return (400, new { error = $"telephoneNumber '{request.TelephoneNumber}' is not a 10-digit NANP number." });
        }
        var text = TelephoneNumbers.Format(number);
        AccountState? account;
        if (!string.IsNullOrWhiteSpace(request.AccountId))
        {
            account = _state.FindAccount(request.AccountId.Trim());
            if (account == null || !account.Inventory.Owns(number)) account = null;
        }
        else
        {
            account = _state.FindOwner(number);
        }
        if (account == null)
        {
            _state.PortOuts.Add(new PortOutAttempt(text, null, "NOT_FOUND", null, _state.Now));
            return (404, new
            {
                status = "NOT_FOUND",
                telephoneNumber = text,
                description = $"{text} is not a number of {(string.IsNullOrWhiteSpace(request.AccountId) ? "any account of this emulator" : "account " + request.AccountId)}.",
            });
        }

        var isProtected = account.Passcodes.TryGet(number, out var passcode);
        if (!isProtected || string.Equals(request.Pin, passcode, StringComparison.Ordinal))
        {
            _state.PortOuts.Add(new PortOutAttempt(text, account.Id, "ACCEPTED", null, _state.Now));
            return (200, new { status = "ACCEPTED", telephoneNumber = text, accountId = account.Id, passcodeProtected = isProtected });
        }
        _state.PortOuts.Add(new PortOutAttempt(text, account.Id, "REJECTED", ErrorCodes.PortOutPinMismatch, _state.Now));
        return (409, new
        {
            status = "REJECTED",
            telephoneNumber = text,
            accountId = account.Id,
            errorCode = ErrorCodes.PortOutPinMismatch,
            description = ErrorCodes.PortOutPinMismatchText,
        });
    }
}
