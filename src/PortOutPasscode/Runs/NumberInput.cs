using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using PortOutPasscode.Input;

namespace PortOutPasscode.Runs
{
    /// <summary>Numbers in for every cmdlet that takes them: -Path files streamed row by row, and each row checked with an error that names it.</summary>
    internal static class NumberInput
    {
        /// <summary>Hands each row of each file to <paramref name="onRow"/>; a file that cannot be read is one error, and the others go on.</summary>
        internal static void Read(PSCmdlet cmdlet, string[] paths, Action<InputRow> onRow)
        {
            foreach (var file in Resolve(cmdlet, paths))
            {
                var source = InputSource.File(file);
                try
                {
                    foreach (var row in NumberCsvReader.Read(file))
                    {
                        onRow(new InputRow(source, row.Line, row.TelephoneNumber, row.Passcode));
                    }
                }
                catch (NumberFileException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "InvalidNumberFile", ErrorCategory.InvalidData, file));
                }
                catch (IOException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "NumberFileUnreadable", ErrorCategory.ReadError, file));
                }
                catch (UnauthorizedAccessException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "NumberFileUnreadable", ErrorCategory.PermissionDenied, file));
                }
            }
        }

        /// <summary>The row's number normalised to ten digits, or false after an error that names the row.</summary>
        internal static bool TryNormalize(PSCmdlet cmdlet, InputRow row, out string number)
        {
            if (TelephoneNumbers.TryNormalize(row.TelephoneNumber, out number, out var problem))
            {
                return true;
            }
            if (IsWholeRowAsText(row.TelephoneNumber))
            {
                // An object without a number property binds by value as its text, every column included: never echo it.
                cmdlet.WriteError(new ErrorRecord(
                    new ArgumentException($"{row.Label} has no telephone number: give it one of the columns {string.Join(", ", NumberCsvReader.NumberColumns)}. Nothing was sent for this row."),
                    "InvalidTelephoneNumber", ErrorCategory.InvalidArgument, null));
                return false;
            }
            cmdlet.WriteError(new ErrorRecord(
                new ArgumentException($"{row.Label}: '{row.TelephoneNumber}' is not a valid North American telephone number: {problem}. Nothing was sent for this row; correct it and run again for it."),
                "InvalidTelephoneNumber", ErrorCategory.InvalidArgument, row.TelephoneNumber));
            return false;
        }

        /// <summary>"@{Phone=…; Passcode=…}": how PowerShell writes an object with properties as text.</summary>
        private static bool IsWholeRowAsText(string text) =>
            text != null && text.StartsWith("@{", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal);

        private static Collection<string> Resolve(PSCmdlet cmdlet, string[] paths)
        {
            var files = new Collection<string>();
            foreach (var path in paths)
            {
                try
                {
                    foreach (var resolved in cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider))
                    {
                        if (provider.Name != "FileSystem")
                        {
                            cmdlet.WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path; -Path takes CSV files."),
                                "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                            continue;
                        }
                        files.Add(resolved);
                    }
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find the file '{path}'. Nothing was read from it. ({e.Message})", e),
                        "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }
            }
            return files;
        }
    }
}
