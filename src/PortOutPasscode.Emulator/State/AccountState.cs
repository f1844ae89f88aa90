using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.State;

/// <summary>One configured account: fixed inventory and feature switch, resettable passcodes.</summary>
internal sealed class AccountState
{
    public AccountState(string id, bool featureOn, NumberInventory inventory, IReadOnlyDictionary<long, string> seedPasscodes)
    {
        Id = id;
        FeatureOn = featureOn;
        Inventory = inventory;
        SeedPasscodes = seedPasscodes;
        Passcodes.ResetTo(seedPasscodes);
    }

    public string Id { get; }

    public bool FeatureOn { get; }

    public NumberInventory Inventory { get; }

    public IReadOnlyDictionary<long, string> SeedPasscodes { get; }

    public PasscodeBook Passcodes { get; } = new();

    public void Reset() => Passcodes.ResetTo(SeedPasscodes);
}
