using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace PortOutPasscode.Input
{
    /// <summary>One data row of a numbers file: where it is, and its raw number and passcode text.</summary>
    internal sealed class CsvNumberRow
    {
        internal CsvNumberRow(long line, string telephoneNumber, string passcode, string group = null)
        {
            Line = line;
            TelephoneNumber = telephoneNumber;
            Passcode = passcode;
            Group = group;
        }

        /// <summary>The line of the file the row starts on (the header is line 1), as an editor shows it.</summary>
        internal long Line { get; }
        internal string TelephoneNumber { get; }
        internal string Passcode { get; }

        /// <summary>The cell of the column asked for by name (-NewPasscodePer), or null.</summary>
        internal string Group { get; }
    }

    /// <summary>How far through a file its reader is, read by the run's progress while the rows stream.</summary>
    internal sealed class ReadProgress
    {
        internal long BytesRead { get; set; }
        internal long Length { get; set; }

        /// <summary>Rows whose every cell is empty (Excel writes them as ",,,"), skipped rather than reported.</summary>
        internal long BlankRows { get; set; }

        internal double? Fraction => Length > 0 ? (double)BytesRead / Length : (double?)null;
    }

    /// <summary>
    /// Streams a CSV of telephone numbers (and optionally passcodes) row by row with CsvHelper, so a file of a million
    /// rows is never held in memory. A header row names the columns with the same names, and the same rule, the cmdlets
    /// use for pipeline objects (<see cref="Columns"/>); a one-column file with no header is a plain list of numbers.
    /// </summary>
    internal static class NumberCsvReader
    {
        /// <summary>
        /// No cell of a numbers file is this long: a quoted field that grows past it is a quote that never closes, which
        /// would otherwise swallow the rest of the file into one cell.
        /// </summary>
        internal const int MaxCellLength = 4096;

        /// <summary>
        /// The rows of the file. Throws <see cref="NumberFileException"/> when the file is empty or has no number column
        /// (before the first row), or when a quote never closes (after the rows before it); a short row yields null fields,
        /// which the caller reports for that row. <paramref name="twoNumberColumns"/> hears the column used when the header
        /// has more than one number column. <paramref name="groupColumn"/>: a column the header must have too (any case),
        /// read into each row's Group.
        /// </summary>
        internal static IEnumerable<CsvNumberRow> Read(string path, ReadProgress progress = null, Action<string> twoNumberColumns = null, string groupColumn = null)
        {
            // detectEncodingFromByteOrderMarks: a UTF-8/UTF-16 BOM from Excel or Windows PowerShell is not part of the first header.
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                if (progress != null) progress.Length = stream.Length;
                foreach (var row in Read(reader, Path.GetFileName(path), twoNumberColumns, groupColumn, progress))
                {
                    if (progress != null) progress.BytesRead = stream.Position;
                    yield return row;
                }
                if (progress != null) progress.BytesRead = progress.Length;
            }
        }

        /// <summary>
        /// The rows of a file's text. Rows whose every cell is empty are skipped (an export's spacer rows are not input), and
        /// counted in <paramref name="progress"/> when one is given.
        /// </summary>
        internal static IEnumerable<CsvNumberRow> Read(TextReader text, string fileName, Action<string> twoNumberColumns = null, string groupColumn = null,
            ReadProgress progress = null)
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
                MaxFieldSize = MaxCellLength,
            };
            using (var csv = new CsvReader(text, configuration))
            {
                long lastLine;
                bool read;
                while ((read = ReadRow(csv, fileName, csv.Parser.RawRow)) && IsBlank(csv.Parser.Record))
                {
                    if (progress != null) progress.BlankRows++;
                }
                if (!read)
                {
                    throw new NumberFileException(Messages.EmptyNumberFile(fileName));
                }
                var first = csv.Parser.Record ?? Array.Empty<string>();
                var numberColumn = Columns.Pick(first, Columns.Number, out var otherNumberColumns);
                var passcodeColumn = Columns.Pick(first, Columns.Passcode, out _);
                var hasHeader = numberColumn >= 0 || passcodeColumn >= 0;
                var groupIndex = groupColumn == null ? -1 : Columns.Pick(first, new[] { groupColumn }, out _);
                if (groupColumn != null && (!hasHeader || groupIndex < 0))
                {
                    throw new NumberFileException(Messages.NoNewPasscodePerColumn(fileName, groupColumn));
                }
                if (!hasHeader)
                {
                    if (first.Length != 1)
                    {
                        throw new NumberFileException(Messages.NoNumberColumnNoHeader(fileName));
                    }
                    numberColumn = 0;
                    lastLine = StartLine(csv.Parser);
                    yield return new CsvNumberRow(lastLine, first[0], null);
                }
                else if (numberColumn < 0)
                {
                    throw new NumberFileException(Messages.NoNumberColumn(fileName));
                }
                else
                {
                    lastLine = StartLine(csv.Parser);
                    if (otherNumberColumns > 0) twoNumberColumns?.Invoke(first[numberColumn].Trim().Trim('"'));
                }

                var parser = csv.Parser;
                var linesBefore = parser.RawRow;
                while (ReadRow(csv, fileName, linesBefore))
                {
                    // Only the cells wanted are made into strings (a row's whole record, and its raw text for the line
                    // number, were most of what reading a million rows allocated); the rest only when the number is blank.
                    var number = Field(parser, numberColumn);
                    if (string.IsNullOrWhiteSpace(number) && IsBlank(parser.Record))
                    {
                        if (progress != null) progress.BlankRows++;
                        linesBefore = parser.RawRow;
                        continue;
                    }
                    lastLine = parser.RawRow - linesBefore == 1 ? parser.RawRow : StartLine(parser); // one line: it starts where it ends
                    linesBefore = parser.RawRow;
                    yield return new CsvNumberRow(
                        lastLine,
                        number,
                        passcodeColumn >= 0 ? Field(parser, passcodeColumn) : null,
                        groupIndex >= 0 ? Field(parser, groupIndex) : null);
                }
            }
        }

        /// <summary>The next record; a quote that never closes ends the file with one error naming where it starts.</summary>
        private static bool ReadRow(CsvReader csv, string fileName, long linesRead)
        {
            try
            {
                return csv.Read();
            }
            catch (MaxFieldSizeException e)
            {
                // The runaway field starts on the row after the last one read; nothing of it is repeated. Without a quote
                // in it, it is one cell longer than any number or passcode, not a quote that never closes.
                var quoted = (e.Context?.Parser?.RawRecord ?? "").IndexOf('"') >= 0;
                throw new NumberFileException(quoted
                    ? Messages.UnclosedQuote(fileName, linesRead + 1)
                    : Messages.CellTooLong(fileName, linesRead + 1, MaxCellLength), e);
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

        /// <summary>True for a row whose every cell is empty once trimmed.</summary>
        private static bool IsBlank(string[] record)
        {
            if (record == null) return true;
            foreach (var cell in record)
            {
                if (!string.IsNullOrWhiteSpace(cell)) return false;
            }
            return true;
        }

        private static string Field(IParser parser, int index) => index < parser.Count ? parser[index] : null;
    }
}
