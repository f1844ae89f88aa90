using PortOutPasscode.Input;
using Xunit;

namespace PortOutPasscode.Core.Tests.Input
{
    public class TelephoneNumbersTests
    {
        [Theory]
        [InlineData("2018551020", "2018551020")]
        [InlineData("+1 (201) 855-1020", "2018551020")]
        [InlineData("12018551020", "2018551020")]
        [InlineData("201.855.1020", "2018551020")]
        [InlineData(" 201 855 1020 ", "2018551020")]
        [InlineData("1-201-855-1020", "2018551020")]
        [InlineData("+12018551020", "2018551020")]
        public void Common_formats_become_ten_digits(string text, string expected)
        {
            Assert.True(TelephoneNumbers.TryNormalize(text, out var number, out var problem), problem);
            Assert.Equal(expected, number);
        }

        [Theory]
        [InlineData(null, "empty")]
        [InlineData("", "empty")]
        [InlineData("   ", "empty")]
        [InlineData("201855102", "9 digits")]
        [InlineData("201855102011", "more than 11 digits")]
        [InlineData("22018551020", "country code 1")]
        [InlineData("0018551020", "area code cannot start with 0")]
        [InlineData("1018551020", "area code cannot start with 1")]
        [InlineData("2010551020", "exchange")]
        [InlineData("4115551020", "N11")]
        [InlineData("1-800-FLOWERS", "letters")]
        [InlineData("201855102O", "letters")]
        [InlineData("٢٠١٨٥٥١٠٢٠", "non-ASCII digit")]
        [InlineData("+44 20 7946 0958", "more than 11 digits")]
        [InlineData("+44 20 7946 095", "country code 1")]
        [InlineData("+2018551020", "country code")]
        [InlineData("201-855-1020 x12", "letters")]
        [InlineData("201/855/1020", "character '/'")]
        public void Anything_that_is_not_a_NANP_number_is_refused_with_a_reason(string text, string reason)
        {
            Assert.False(TelephoneNumbers.TryNormalize(text!, out var number, out var problem));
            Assert.Null(number);
            Assert.Contains(reason, problem);
        }
    }

    public class PasscodesTests
    {
        [Theory]
        [InlineData("a1b2")]
        [InlineData("a1b2c3")]
        [InlineData("ABCDEFGHIJ")]
        [InlineData("0000")]
        public void Four_to_ten_ASCII_letters_or_digits_are_valid(string passcode)
        {
            Assert.True(Passcodes.TryValidate(passcode, out var problem), problem);
        }

        [Theory]
        [InlineData(null, "no passcode")]
        [InlineData("", "no passcode")]
        [InlineData("a1b", "3 characters")]
        [InlineData("a1b2c3d4e5f", "11 characters")]
        [InlineData("a1b2 c3", "not a letter or a digit")]
        [InlineData("a1-b2", "not a letter or a digit")]
        [InlineData("pässwort", "non-ASCII")]
        [InlineData("systemDefault", "reserved word")]
        [InlineData("SYSTEMDEFAULT", "reserved word")]
        [InlineData("unchanged", "reserved word")]
        public void Bad_passcodes_are_refused_without_repeating_them(string passcode, string reason)
        {
            Assert.False(Passcodes.TryValidate(passcode!, out var problem));
            Assert.Contains(reason, problem);
            if (!string.IsNullOrEmpty(passcode) && reason != "reserved word")
            {
                Assert.DoesNotContain(passcode, problem);
            }
        }
    }
}
