namespace PortOutPasscode.Emulator.Domain;

/// <summary>Where an area code is: state, LATA and rate center (Bandwidth's spellings, e.g. CARY in LATA 426).</summary>
internal sealed record AreaCodeInfo(int AreaCode, string State, int Lata, string RateCenter);

/// <summary>
/// The emulator's small, fixed numbering plan: state, LATA and rate center by area code, and an in-service date by
/// number, so the in-service filters have something to match. Numbers of other area codes have no state, LATA or rate
/// center (those filters never match them).
/// </summary>
internal static class NumberPlan
{
    public static readonly IReadOnlyList<AreaCodeInfo> AreaCodes = new AreaCodeInfo[]
    {
        new(201, "NJ", 224, "JERSEYCITY"),
        new(202, "DC", 236, "WASHINGTON"),
        new(303, "CO", 656, "DENVER"),
        new(312, "IL", 358, "CHICAGO"),
        new(404, "GA", 438, "ATLANTA"),
        new(512, "TX", 558, "AUSTIN"),
        new(804, "VA", 248, "RICHMOND"),
        new(919, "NC", 426, "CARY"),
        new(972, "TX", 552, "PLANO"),
    };

    /// <summary>The first in-service date; a number went into service this many days later: the number modulo 1000.</summary>
    public static readonly DateTimeOffset FirstInServiceDay = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset InServiceSince(long number) => FirstInServiceDay.AddDays(number % 1000);

    /// <summary>Every number of the area codes that pass the test, as ranges.</summary>
    public static NumberRangeSet NumbersOf(Func<AreaCodeInfo, bool> matches) =>
        new(AreaCodes.Where(matches).Select(a => AreaCodeRange(a.AreaCode)));

    public static NumberRange AreaCodeRange(int areaCode) => new(areaCode * 10_000_000L, areaCode * 10_000_000L + 9_999_999);
}
