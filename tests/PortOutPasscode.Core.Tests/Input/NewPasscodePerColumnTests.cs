using PortOutPasscode.Input;

namespace PortOutPasscode.Core.Tests.Input;

/// <summary>The -NewPasscodePer column of a -Path file: found by name in any case, read per row, required in the header.</summary>
public class NewPasscodePerColumnTests
{
    [Fact]
    public void The_column_is_found_in_any_case_and_read_with_each_row()
    {
        var csv = "TelephoneNumber;BILLINGACCOUNT;Site\n2012000101; acct-1 ;HQ\n2012000102;;HQ\n2012000103\n";

        var rows = NumberCsvReader.Read(new StringReader(csv), "tns.csv", null, "BillingAccount").ToList();

        Assert.Equal(new[] { "acct-1", "", null }, rows.Select(r => r.Group));
        Assert.Equal(new long[] { 2, 3, 4 }, rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("TelephoneNumber,Passcode\n2012000101,a1b2c3\n")]
    [InlineData("2012000101\n2012000102\n")]
    public void A_file_without_the_column_is_refused_before_its_first_row(string csv)
    {
        var failure = Assert.Throws<NumberFileException>(() => NumberCsvReader.Read(new StringReader(csv), "tns.csv", null, "Customer").ToList());

        Assert.Contains("tns.csv has no Customer column", failure.Message);
    }

    [Fact]
    public void Without_a_column_asked_for_rows_carry_none()
    {
        var rows = NumberCsvReader.Read(new StringReader("Tn,Customer\n2012000101,acme\n"), "tns.csv").ToList();

        Assert.Null(Assert.Single(rows).Group);
    }
}
