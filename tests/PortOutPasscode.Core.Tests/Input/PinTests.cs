using System.Security.Cryptography;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Input;

namespace PortOutPasscode.Core.Tests.Input;

/// <summary>The PIN rules on examples of each weakness, and the generator over many draws, checked by rules written here afresh.</summary>
public class PinTests
{
    [Theory]
    [InlineData("0000", "OneCharacter")]
    [InlineData("AAAAAAAA", "OneCharacter")]
    [InlineData("aAaA", "OneCharacter")]
    [InlineData("1234", "Run")]
    [InlineData("9876", "Run")]
    [InlineData("2468", "Run")]
    [InlineData("7890", "Run")]
    [InlineData("1098", "Run")]
    [InlineData("0123456789", "Run")]
    [InlineData("abcd", "Run")]
    [InlineData("ZYXWV", "Run")]
    [InlineData("1212", "RepeatedPattern")]
    [InlineData("123123", "RepeatedPattern")]
    [InlineData("12121", "RepeatedPattern")]
    [InlineData("6969", "RepeatedPattern")]
    [InlineData("A1A1A1", "RepeatedPattern")]
    [InlineData("1950", "Year")]
    [InlineData("1987", "Year")]
    [InlineData("2000", "Year")]
    [InlineData("2030", "Year")]
    [InlineData("1004", "Common")]
    [InlineData("2580", "Common")]
    [InlineData("0852", "Common")]
    [InlineData("5683", "Common")]
    [InlineData("qwerty", "Common")]
    [InlineData("a1b2c3", "Common")]
    [InlineData("abc", "NotAPasscode")]
    [InlineData("12345678901", "NotAPasscode")]
    [InlineData("ab-cd", "NotAPasscode")]
    [InlineData("unchanged", "NotAPasscode")]
    public void Trivial_PINs_are_named_by_their_weakness(string pin, string expected)
    {
        Assert.Equal(expected, PinRules.WeaknessOf(pin).ToString());
        Assert.True(PinRules.IsTrivial(pin));
    }

    [Theory]
    [InlineData("3971")]
    [InlineData("1949")] // a year, but before the range people pick for themselves
    [InlineData("2031")]
    [InlineData("1235")] // a run that breaks
    [InlineData("1231")] // a pattern that does not repeat in full
    [InlineData("8024")] // steps of 2 do not wrap
    [InlineData("48213975")]
    [InlineData("K7QH2MXP")]
    public void Other_PINs_are_strong(string pin) => Assert.Equal(PinWeakness.None, PinRules.WeaknessOf(pin));

    [Theory]
    [InlineData("8551", "2018551020")]
    [InlineData("10209374", "2018551020")] // the last four
    [InlineData("7312018", "2018551020")] // the area code with the country code 1 before it
    [InlineData("X5510Y", "2018551020")]
    public void A_PIN_holding_four_characters_in_a_row_of_a_protected_number_is_refused(string pin, string number)
    {
        var parts = PinRules.PartsOf(new[] { "3035550000", number });
        Assert.Equal(PinWeakness.PartOfNumber, PinRules.WeaknessOf(pin, parts));
        Assert.Equal(PinWeakness.None, PinRules.WeaknessOf(pin, PinRules.PartsOf(new[] { "3035550000" })));
    }

    [Fact]
    public void Three_characters_of_a_number_are_not_a_part_of_it() =>
        Assert.Equal(PinWeakness.None, PinRules.WeaknessOf("8554937", PinRules.PartsOf(new[] { "2018551020" })));

    public static TheoryData<int, bool> Kinds()
    {
        var data = new TheoryData<int, bool>();
        foreach (var length in new[] { 4, 6, 8, 10 })
        {
            data.Add(length, false);
            data.Add(length, true);
        }
        return data;
    }

    /// <summary>8 kinds × 12,500: 100,000 PINs in all, asked 500 at a time (there are fewer than 12,500 strong 4-digit PINs).</summary>
    private const int DrawsPerKind = 12_500;

    private const int PerCall = 500;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Drawn_PINs_are_never_trivial_pass_the_API_rule_and_use_the_whole_alphabet_in_every_position(int length, bool alphanumeric)
    {
        var alphabet = alphanumeric ? PinGenerator.Alphanumeric : PinGenerator.Digits;
        using var generator = new PinGenerator();

        var pins = new List<string>();
        for (var call = 0; call < DrawsPerKind / PerCall; call++)
        {
            var batch = generator.Generate(PerCall, length, alphanumeric, null);
            Assert.Equal(PerCall, batch.Distinct().Count()); // one call never hands out a PIN twice
            pins.AddRange(batch);
        }

        Assert.Equal(DrawsPerKind, pins.Count);
        var counts = new int[length, alphabet.Length];
        foreach (var pin in pins)
        {
            Assert.True(Passcodes.TryValidate(pin, out var problem), $"{pin}: {problem}");
            Assert.Equal(length, pin.Length);
            Assert.False(Independently.IsTrivial(pin), $"{pin} is trivial");
            for (var i = 0; i < length; i++)
            {
                var index = alphabet.IndexOf(pin[i]);
                Assert.True(index >= 0, $"{pin}: '{pin[i]}' is not in the alphabet");
                counts[i, index]++;
            }
        }
        // Every character in every position, about DrawsPerKind / n times each (the few rejected trivial PINs move that a little).
        // Six standard deviations: over a few hundred cells chance alone crosses that about once in 10^6 runs (at four, one
        // run in fifty failed); the chi-square below catches the subtler biases.
        var expected = (double)DrawsPerKind / alphabet.Length;
        var spread = 6 * Math.Sqrt(expected);
        for (var i = 0; i < length; i++)
        {
            for (var c = 0; c < alphabet.Length; c++)
            {
                Assert.InRange(counts[i, c], (int)(expected - spread), (int)(expected + spread));
            }
        }
        // All positions together, where rejections are negligible: a chi-square far beyond chance (p < 1e-6) means a biased
        // draw, e.g. bytes folded by modulo, which favours the first 256 % n characters.
        if (length >= 6)
        {
            var total = (double)DrawsPerKind * length / alphabet.Length;
            var chiSquare = Enumerable.Range(0, alphabet.Length)
                .Select(c => Enumerable.Range(0, length).Sum(i => counts[i, c]))
                .Sum(observed => (observed - total) * (observed - total) / total);
            var critical = alphanumeric ? 82.5 : 45.9; // 30 and 9 degrees of freedom
            Assert.True(chiSquare < critical, $"chi-square {chiSquare:F1} over {alphabet.Length} characters");
        }
    }

    [Fact]
    public void PINs_for_numbers_hold_no_four_characters_in_a_row_of_any_of_them()
    {
        var numbers = Enumerable.Range(0, 200).Select(i => (2018550000L + i * 37).ToString()).ToArray();
        using var generator = new PinGenerator();

        var pins = generator.Generate(3000, 4, false, numbers);

        var written = numbers.Select(n => "1" + n).ToArray();
        foreach (var pin in pins)
        {
            for (var start = 0; start + 4 <= pin.Length; start++)
            {
                var part = pin.Substring(start, 4);
                Assert.DoesNotContain(written, n => n.Contains(part, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Bytes_that_would_favour_the_first_characters_are_thrown_away_not_folded_in()
    {
        // Every byte value once: 250 of them (25 per digit) are used, the 6 above 249 skipped.
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        using var generator = new PinGenerator(new ScriptedBytes(all));
        var counts = new int[10];
        for (var i = 0; i < 250; i++) counts[generator.NextIndex(10)]++;
        Assert.All(counts, c => Assert.Equal(25, c));

        using var scripted = new PinGenerator(new ScriptedBytes(new byte[] { 255, 250, 7, 249, 13 }));
        Assert.Equal(7, scripted.NextIndex(10));
        Assert.Equal(9, scripted.NextIndex(10));
        Assert.Equal(3, scripted.NextIndex(10));
    }

    [Fact]
    public void Asking_for_more_strong_PINs_than_the_rules_leave_fails_with_what_to_do()
    {
        using var generator = new PinGenerator();

        var e = Assert.Throws<InvalidOperationException>(() => generator.Generate(10_000, 4, false, null));

        Assert.Contains("-Length", e.Message);
        Assert.Contains("4-character digit PIN", e.Message);
    }

    /// <summary>The brief's idea of a trivial PIN, written without PinRules, so the generator is checked against it rather than against itself.</summary>
    private static class Independently
    {
        private static readonly string[] Common = { "0000", "1111", "1234", "1004", "2000", "6969", "2580", "0852", "5683", "1212", "7777" };

        internal static bool IsTrivial(string pin)
        {
            var upper = pin.ToUpperInvariant();
            if (upper.Distinct().Count() == 1) return true;
            if (Common.Contains(upper)) return true;
            if (upper.Length == 4 && int.TryParse(upper, out var year) && year >= 1950 && year <= 2030) return true;
            var steps = upper.Zip(upper.Skip(1), (a, b) => b - a).Distinct().ToList();
            if (steps.Count == 1 && Math.Abs(steps[0]) == 1) return true;
            for (var period = 1; period <= upper.Length / 2; period++)
            {
                if (Enumerable.Range(period, upper.Length - period).All(i => upper[i] == upper[i - period])) return true;
            }
            return false;
        }
    }
}
