using System.Management.Automation;
using System.Text;
using PortOutPasscode.Module.Tests.Harness;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// One bad row between two good ones, for every kind of bad input we know of: exactly one error that names the row
/// (or the file), nothing sent for it, and the good rows around it stored.
/// </summary>
public class BadInputTests : IClassFixture<EmulatorFixture>
{
    private const string GoodPasscode = "Good1234";
    private static readonly string[] GoodNumbers = { "2012000001", "2012000003" };

    private readonly EmulatorFixture _fixture;

    public BadInputTests(EmulatorFixture fixture) => _fixture = fixture;

    /// <summary>Kind → (the bad row, its ErrorId, the number it is about; the error's TargetObject is the row itself).</summary>
    private static readonly Dictionary<string, (object? Row, string ErrorId, object? Target)> PipelineRows = new()
    {
        ["empty number"] = (Row(("TelephoneNumber", ""), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", ""),
        ["whitespace number"] = (Row(("TelephoneNumber", "   "), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "   "),
        ["letters"] = (Row(("TelephoneNumber", "201-CALL-NOW"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "201-CALL-NOW"),
        ["extension"] = (Row(("TelephoneNumber", "201-200-0002 x12"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "201-200-0002 x12"),
        ["too short"] = (Row(("TelephoneNumber", "201200002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "201200002"),
        ["too long"] = (Row(("TelephoneNumber", "201200000200"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "201200000200"),
        ["non-NANP"] = (Row(("TelephoneNumber", "+44 20 7946 0958"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "+44 20 7946 0958"),
        ["11 digits without country code 1"] = (Row(("TelephoneNumber", "22012000002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "22012000002"),
        ["plus without country code"] = (Row(("TelephoneNumber", "+2012000002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "+2012000002"),
        ["area code starting with 0"] = (Row(("TelephoneNumber", "0122000002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "0122000002"),
        ["area code starting with 1"] = (Row(("TelephoneNumber", "1122000002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "1122000002"),
        ["N11 area code"] = (Row(("TelephoneNumber", "4112000002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "4112000002"),
        ["exchange starting with 1"] = (Row(("TelephoneNumber", "2011000002"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "2011000002"),
        ["Arabic-Indic digits"] = (Row(("TelephoneNumber", "٢٠١٢٠٠٠٠٠٢"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "٢٠١٢٠٠٠٠٠٢"),
        ["full-width digits"] = (Row(("TelephoneNumber", "２０１２０００００２"), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", "２０１２０００００２"),
        ["null number"] = (Row(("TelephoneNumber", null), ("Passcode", GoodPasscode)), "InvalidTelephoneNumber", null),
        ["null row"] = (null, "InvalidTelephoneNumber", null),
        ["number in the passcode column"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "2012000002")), "PasscodeIsTheNumber", "2012000002"),
        ["passcode too short"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "Ab1")), "InvalidPasscode", "2012000002"),
        ["passcode too long"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "Ab12345678X")), "InvalidPasscode", "2012000002"),
        ["passcode non-ASCII"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "Pässw0rd")), "InvalidPasscode", "2012000002"),
        ["passcode with punctuation"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "ab-cd!12")), "InvalidPasscode", "2012000002"),
        ["passcode with a space"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "ab cd12")), "InvalidPasscode", "2012000002"),
        ["reserved word systemDefault"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "systemDefault")), "InvalidPasscode", "2012000002"),
        ["reserved word unchanged"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "UNCHANGED")), "InvalidPasscode", "2012000002"),
        ["empty passcode"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", "")), "PasscodeMissing", "2012000002"),
        ["null passcode"] = (Row(("TelephoneNumber", "2012000002"), ("Passcode", null)), "PasscodeMissing", "2012000002"),
        ["no passcode property"] = (Row(("TelephoneNumber", "2012000002")), "PasscodeMissing", "2012000002"),
        ["no number property"] = (Row(("Phone", "2012000002"), ("Passcode", "Secret99")), "NoTelephoneNumber", null),
        ["same number again with another passcode"] = (Row(("TelephoneNumber", "201-200-0001"), ("Passcode", "Other123")), "PasscodeConflict", "2012000001"),
    };

    public static IEnumerable<object[]> PipelineKinds => PipelineRows.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(PipelineKinds))]
    public void A_bad_pipeline_row_is_one_error_naming_it_and_the_rows_around_it_go_through(string kind)
    {
        var (bad, errorId, target) = PipelineRows[kind];
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = new[] { Row(("TelephoneNumber", GoodNumbers[0]), ("Passcode", GoodPasscode)), bad, Row(("TelephoneNumber", GoodNumbers[1]), ("Passcode", GoodPasscode)) };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode -Verbose", rows);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal(errorId, ScriptResult.ErrorId(error));
        Assert.Same(bad, error.TargetObject); // the row as given, to feed back: $failed.TargetObject | Export-Csv retry.csv
        // The exception says which number, once it is one (a refused number cell is not repeated: it may be a passcode).
        var aboutNumber = errorId is "InvalidTelephoneNumber" or "NoTelephoneNumber" ? null : target;
        Assert.Equal(aboutNumber, PSObject.AsPSObject(error.Exception).Properties["TelephoneNumber"].Value);
        Assert.StartsWith("Row 2", error.Exception.Message);
        AssertOnlyTheGoodNumbersWereSent(emulator, GoodNumbers);
        SecretScan.AssertClean(result, GoodPasscode, "Secret99", "Other123", "Ab12345678X", "Pässw0rd", "ab-cd!12", "ab cd12");
    }

    /// <summary>Kind → (file text, or null for no file; the ErrorId; what the message must say).</summary>
    private static readonly Dictionary<string, (string? Text, string ErrorId, string Says)> Files = new()
    {
        ["bad number on a CRLF line"] = ("TelephoneNumber,Passcode\r\n2012000011,Good1234\r\n20120000X,Good1234\r\n2012000013,Good1234\r\n", "InvalidTelephoneNumber", "Line 3 of bad.csv"),
        ["bad number after a blank line"] = ("TelephoneNumber,Passcode\n2012000011,Good1234\n\n20120000X,Good1234\n2012000013,Good1234\n", "InvalidTelephoneNumber", "Line 4 of bad.csv"),
        ["with a UTF-8 BOM"] = ("\uFEFFTelephoneNumber,Passcode\r\n2012000011,Good1234\r\n20120000X,Good1234\r\n2012000013,Good1234\r\n", "InvalidTelephoneNumber", "Line 3 of bad.csv"),
        ["quoted fields, a comma inside one"] = ("\"TelephoneNumber\",\"Passcode\"\n\"201-200-0011\",\"Good1234\"\n\"201,200,0012\",\"Good1234\"\n\"2012000013\",\"Good1234\"\n", "InvalidTelephoneNumber", "Line 3 of bad.csv"),
        ["quoted field over two lines"] = ("TelephoneNumber,Passcode\n2012000011,Good1234\n\"2012000012\n\",Good1234\n2012000013,Good1234\n", "InvalidTelephoneNumber", "Line 3 of bad.csv"),
        ["short row without its passcode"] = ("TelephoneNumber,Passcode\n2012000011,Good1234\n2012000012\n2012000013,Good1234\n", "PasscodeMissing", "Line 3 of bad.csv"),
        ["semicolons and a bad passcode"] = ("Tn;Pin\n2012000011;Good1234\n2012000012;no\n2012000013;Good1234\n", "InvalidPasscode", "Line 3 of bad.csv"),
        ["no number column"] = ("Name,Passcode\nAlice,Good1234\n", "InvalidNumberFile", "bad.csv has no column for the telephone number"),
        ["several columns and no header"] = ("2012000012,Good1234\n", "InvalidNumberFile", "bad.csv has no column for the telephone number"),
        ["empty file"] = ("", "InvalidNumberFile", "bad.csv is empty"),
        ["a file that does not exist"] = (null, "PathNotFound", "bad.csv"),
    };

    public static IEnumerable<object[]> FileKinds => Files.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void A_bad_file_or_row_in_it_is_one_error_naming_it_and_the_good_rows_go_through(string kind)
    {
        var (text, errorId, says) = Files[kind];
        var emulator = _fixture.Emulator;
        var folder = Directory.CreateTempSubdirectory("pop-bad-input-");
        try
        {
            var good = Path.Combine(folder.FullName, "good.csv");
            File.WriteAllText(good, "TelephoneNumber,Passcode\n2012000001,Good1234\n2012000003,Good1234\n");
            var bad = Path.Combine(folder.FullName, "bad.csv");
            if (text != null) File.WriteAllText(bad, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            using var session = new PowerShellSession();
            session.Run(Connect(emulator)).AssertNoErrors();

            var result = session.Run("Set-BwPortOutPasscode -Path $args[0], $args[1], $args[2] -Verbose", good, bad, good);

            var error = Assert.Single(result.AllErrors);
            Assert.Equal(errorId, ScriptResult.ErrorId(error));
            Assert.Contains(says, error.Exception.Message);
            var expected = GoodNumbers.ToList();
            // The bad file's own good rows go through too.
            if (text != null && text.Contains("0011")) expected.AddRange(new[] { "2012000011", "2012000013" });
            AssertOnlyTheGoodNumbersWereSent(emulator, expected);
            SecretScan.AssertClean(result, GoodPasscode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertOnlyTheGoodNumbersWereSent(EmulatorProcess emulator, IEnumerable<string> good)
    {
        var sent = emulator.Orders().SelectMany(o => o.TelephoneNumbers).OrderBy(n => n).ToList();
        Assert.Equal(good.OrderBy(n => n), sent);
    }
}
