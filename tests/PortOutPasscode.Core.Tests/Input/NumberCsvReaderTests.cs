using System.IO;
using System.Linq;
using PortOutPasscode.Input;
using Xunit;

namespace PortOutPasscode.Core.Tests.Input
{
    public class NumberCsvReaderTests
    {
        private static CsvNumberRow[] Read(string text) => NumberCsvReader.Read(new StringReader(text), "tns.csv").ToArray();

        [Fact]
        public void Header_names_the_columns_in_any_order_and_case()
        {
            var rows = Read("pin,Notes,PhoneNumber\r\na1b2,\"first, quoted\",201-855-1020\r\nc3d4,,2018551021\r\n");
            Assert.Equal(2, rows.Length);
            Assert.Equal(("201-855-1020", "a1b2", 2L), (rows[0].TelephoneNumber, rows[0].Passcode, rows[0].Line));
            Assert.Equal(("2018551021", "c3d4", 3L), (rows[1].TelephoneNumber, rows[1].Passcode, rows[1].Line));
        }

        [Fact]
        public void A_single_column_without_header_is_a_list_of_numbers()
        {
            var rows = Read("2018551020\n2018551021\n");
            Assert.Equal(new[] { "2018551020", "2018551021" }, rows.Select(r => r.TelephoneNumber));
            Assert.All(rows, r => Assert.Null(r.Passcode));
            Assert.Equal(new[] { 1L, 2L }, rows.Select(r => r.Line));
        }

        [Fact]
        public void A_byte_order_mark_is_not_part_of_the_first_header()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "TelephoneNumber,Passcode\r\n2018551020,a1b2\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                var row = Assert.Single(NumberCsvReader.Read(path));
                Assert.Equal(("2018551020", "a1b2"), (row.TelephoneNumber, row.Passcode));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_short_row_gives_null_fields_for_the_caller_to_report()
        {
            var rows = Read("Tn,Passcode\n2018551020\n");
            Assert.Equal("2018551020", rows[0].TelephoneNumber);
            Assert.Null(rows[0].Passcode);
        }

        [Fact]
        public void Semicolon_separated_files_from_European_Excel_are_read()
        {
            var row = Assert.Single(Read("Number;Pin\n2018551020;a1b2\n"));
            Assert.Equal(("2018551020", "a1b2"), (row.TelephoneNumber, row.Passcode));
        }

        [Fact]
        public void Fully_empty_rows_are_skipped_and_counted_and_the_other_rows_keep_their_lines()
        {
            var progress = new ReadProgress();
            var rows = NumberCsvReader.Read(new StringReader(",,,\r\nSite,Number,Pin,Notes\r\nA,2018551020,a1b2,\r\n,,,\r\n , ,\t, \r\nB,,c3d4,\r\n,,,\r\nC,2018551021,,\r\n,,,\r\n"),
                "tns.csv", progress: progress).ToArray();

            Assert.Equal(new[] { ("2018551020", 3L), ("", 6L), ("2018551021", 8L) }, rows.Select(r => (r.TelephoneNumber, r.Line)));
            Assert.Equal("c3d4", rows[1].Passcode); // a row with any cell filled is a row, reported by the caller
            Assert.Equal(5, progress.BlankRows);
        }

        [Fact]
        public void A_file_of_only_empty_rows_is_an_empty_file()
        {
            var error = Assert.Throws<NumberFileException>(() => Read(",,\r\n , \r\n,,,\r\n"));
            Assert.Contains("tns.csv is empty", error.Message);
        }

        [Fact]
        public void An_empty_file_is_one_clear_error()
        {
            var error = Assert.Throws<NumberFileException>(() => Read(""));
            Assert.Contains("tns.csv is empty", error.Message);
        }

        [Fact]
        public void A_header_without_a_number_column_is_one_clear_error()
        {
            var error = Assert.Throws<NumberFileException>(() => Read("Passcode,Notes\na1b2,x\n"));
            Assert.Contains("no column for the telephone number", error.Message);
            Assert.Contains("TelephoneNumber", error.Message);
        }

        [Fact]
        public void Several_columns_without_a_known_header_is_one_clear_error()
        {
            var error = Assert.Throws<NumberFileException>(() => Read("2018551020,a1b2\n"));
            Assert.Contains("header", error.Message);
        }
    }
}
