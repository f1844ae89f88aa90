namespace PortOutPasscode.Emulator.Domain;

internal enum NumberStanding
{
    NotOnAccount,
    OnNet,
    OffNet,
    NotVoiceOwner,
}

/// <summary>Which numbers an account owns and how: ranges only, so a million numbers cost a few bytes.</summary>
internal sealed class NumberInventory
{
    public NumberInventory(NumberRangeSet onNet, NumberRangeSet offNet, NumberRangeSet notVoiceOwner)
    {
        OnNet = onNet;
        OffNet = offNet;
        NotVoiceOwner = notVoiceOwner;
    }

    public NumberRangeSet OnNet { get; }
    public NumberRangeSet OffNet { get; }
    public NumberRangeSet NotVoiceOwner { get; }

    /// <summary>The more restrictive standing wins where configured ranges overlap.</summary>
    public NumberStanding Classify(long number)
    {
        if (OffNet.Contains(number)) return NumberStanding.OffNet;
        if (NotVoiceOwner.Contains(number)) return NumberStanding.NotVoiceOwner;
        if (OnNet.Contains(number)) return NumberStanding.OnNet;
        return NumberStanding.NotOnAccount;
    }

    public bool Owns(long number) => Classify(number) != NumberStanding.NotOnAccount;
}
