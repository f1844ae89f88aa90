using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;

namespace PortOutPasscode.Input
{
    /// <summary>One data row of a numbers file: where it is, and its raw number and passcode text.</summary>
    public sealed class CsvNumberRow
    {
        public CsvNumberRow(long line, string telephoneNumber, string passcode)
        {
            Line = line;
            TelephoneNumber = telephoneNumber;
            Passcode = passcode;
        }

        /// <summary>The line of the file the row starts on (the header is line 1), as an editor shows it.</summary>
        public long Line { get; }
        public string TelephoneNumber { get; }
        public string Passcode { get; }
    }

    /// <summary>The file cannot be read as a numbers file at all (as opposed to one bad row in it).</summary>
    public sealed class NumberFileException : Exception
    {
        public NumberFileException(string message, Exception inner = null) : base(message, inner) { }
    }

    /// <summary>
    /// Streams a CSV of telephone numbers (and optionally passcodes) row by row with CsvHelper, so a file of a
    /// million rows is never held in memory. A header row names the columns with the same names the cmdlets
    /// bind from the pipeline; a one-column file with no header is a plain list of numbers.
    /// </summary>
    public static class NumberCsvReader
    {
        public static readonly string[] NumberColumns = { "TelephoneNumber", "Tn", "Number", "PhoneNumber", "FullNumber" };
        public static readonly string[] PasscodeColumns = { "Passcode", "PortOutPasscode", "Pin" };

        /// <summary>
        /// The rows of the file. Throws <see cref="NumberFileException"/> (before the first row) when the file is
        /// empty or has no number column; a short row yields null fields, which the caller reports for that row.
        /// </summary>
        public static IEnumerable<CsvNumberRow> Read(string path)
        {
            // detectEncodingFromByteOrderMarks: a UTF-8/UTF-16 BOM from Excel or Windows PowerShell is not part of the first header.
            using (var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                foreach (var row in Read(reader, Path.GetFileName(path))) yield return row;
            }
        }

        public static IEnumerable<CsvNumberRow> Read(TextReader text, string fileName)
        {
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = false,
                MissingFieldFound = null,
                BadDataFound = null,
                DetectDelimiter = true,
                DetectDelimiterValues = new[] { ",", ";", "\t" },
                TrimOptions = TrimOptions.Trim,
                IgnoreBlankLines = true,
            };
            using (var csv = new CsvReader(text, configuration))
            {
                if (!csv.Read())
                {
                    throw new NumberFileException($"{fileName} is empty: it has no header and no numbers.");
                }
                var first = csv.Parser.Record ?? Array.Empty<string>();
                var numberColumn = FindColumn(first, NumberColumns);
                var passcodeColumn = FindColumn(first, PasscodeColumns);
                var hasHeader = numberColumn >= 0 || passcodeColumn >= 0;
                if (!hasHeader)
                {
                    if (first.Length != 1)
                    {
                        throw new NumberFileException(
                            $"{fileName} has no column for the telephone number: its first line must be a header naming one of {string.Join(", ", NumberColumns)} (and optionally {string.Join(", ", PasscodeColumns)}), or the file must have a single column of numbers with no header.");
                    }
                    numberColumn = 0;
                    yield return new CsvNumberRow(StartLine(csv.Parser), first[0], null);
                }
                else if (numberColumn < 0)
                {
                    throw new NumberFileException(
                        $"{fileName} has no column for the telephone number; name one of its header's columns {string.Join(", ", NumberColumns)}.");
                }

                while (csv.Read())
                {
                    var record = csv.Parser.Record;
                    yield return new CsvNumberRow(
                        StartLine(csv.Parser),
                        Field(record, numberColumn),
                        passcodeColumn >= 0 ? Field(record, passcodeColumn) : null);
                }
            }
        }

        /// <summary>
        /// The line the current row starts on. RawRow is the line it ends on, which differs when a quoted field holds a
        /// line break, and an editor shows the row where it starts.
        /// </summary>
        private static long StartLine(IParser parser)
        {
            var raw = parser.RawRecord ?? string.Empty;
            var end = raw.Length;
            while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) end--;
            var breaks = 0;
            for (var i = 0; i < end; i++)
            {
                if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 >= end || raw[i + 1] != '\n'))) breaks++;
            }
            return parser.RawRow - breaks;
        }

        /// <summary>The index of the first header cell that is one of the names (any case), or -1.</summary>
        private static int FindColumn(string[] header, string[] names)
        {
            for (var i = 0; i < header.Length; i++)
            {
                var name = header[i]?.Trim().Trim('"');
                if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))) return i;
            }
            return -1;
        }

        private static string Field(string[] record, int index) =>
            record != null && index < record.Length ? record[index] : null;
    }
}
