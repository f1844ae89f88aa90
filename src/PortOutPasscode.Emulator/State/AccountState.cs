using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>One configured account: fixed inventory and feature switch; passcodes and in-service numbers reset to the configured ones.</summary>
internal sealed class AccountState
{
    private NumberRangeSet _inService;

    public AccountState(AccountSetup setup)
    {
        Setup = setup;
        _inService = setup.InService;
        Passcodes.ResetTo(setup.SeedPasscodes);
    }

    public AccountSetup Setup { get; }

    public string Id => Setup.Id;

    public bool FeatureOn => Setup.FeatureOn;

    public NumberInventory Inventory => Setup.Inventory;

    public PasscodeBook Passcodes { get; } = new();

    /// <summary>The numbers in service now; replaced whole by the admin API, never edited in place.</summary>
    public NumberRangeSet InService
    {
        get => Volatile.Read(ref _inService);
        set => Volatile.Write(ref _inService, value);
    }

    public void Reset()
    {
        Passcodes.ResetTo(Setup.SeedPasscodes);
        InService = Setup.InService;
    }
}
