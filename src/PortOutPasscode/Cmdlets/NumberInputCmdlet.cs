using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// The three ways numbers reach a cmdlet, shared by Set, Remove, Get-BwPortOutPasscode and Test-BwPortOutProtection so
    /// that all of them take the same columns, by the same rule, and name rows the same way in their errors: -TelephoneNumber,
    /// objects or strings from the pipeline (the object itself is kept, to hand back in an error), and -Path files streamed
    /// row by row.
    /// </summary>
    /// <remarks>
    /// Set, Remove and Sync name <see cref="FromNumbers"/> their default parameter set: with -TelephoneNumber (or a number by
    /// position) alone on the command line the binder settles on it, where a pipeline default would ask for InputObject;
    /// piped input still finds the pipeline set. Get and Test default to their set without input, which has no
    /// -TelephoneNumber, so the binder never falls to the pipeline set there either.
    /// </remarks>
    public abstract class NumberInputCmdlet : BwApiCmdlet
    {
        protected const string FromNumbers = "TelephoneNumber";
        protected const string FromPipeline = "InputObject";
        protected const string FromFiles = "Path";

        private readonly List<ReadProgress> _files = new List<ReadProgress>();
        private long _row;
        private long _blankRows;
        private bool _saidTwoNumberColumns;

        /// <summary>The numbers, as text in any common format.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromNumbers)]
        [Parameter(ParameterSetName = FromPipeline, ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Tn", "Number", "PhoneNumber", "FullNumber")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] TelephoneNumber { get; set; }

        /// <summary>Numbers, or rows with a number property (Import-Csv, Test-BwPortOutProtection), from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FromPipeline, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>CSV files of numbers, read as a stream.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FromFiles)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>How far through its -Path files the cmdlet is (0–1); null for pipeline input.</summary>
        internal double? FractionRead()
        {
            if (_files.Count == 0) return null;
            var total = Path?.Length ?? _files.Count;
            return (_files.Count - 1 + (_files[_files.Count - 1].Fraction ?? 0)) / Math.Max(1, total);
        }

        /// <summary>A row property (pipeline) or column (-Path) each row's <see cref="InputRow.PasscodeGroup"/> is read from; null for none.</summary>
        internal virtual string PasscodeGroupProperty => null;

        /// <summary>The input has ended (EndProcessing, after what the input itself had to say).</summary>
        protected abstract void EndInput();

        protected sealed override void EndProcessing()
        {
            if (_blankRows > 0) WriteVerbose(Messages.BlankPipelineRowsSkipped(_blankRows));
            EndInput();
        }

        /// <summary>Takes one row that has a number cell.</summary>
        internal abstract void OnRow(InputRow row);

        /// <summary>Takes a pipeline object that has no number property at all.</summary>
        internal abstract void OnRowWithoutNumber(InputRow row, IEnumerable<string> properties);

        /// <summary>A row or file header that has more than one number column (the first by the rule was used): said once.</summary>
        private void OnTwoNumberColumns(string where, string used)
        {
            if (_saidTwoNumberColumns) return;
            _saidTwoNumberColumns = true;
            WriteWarning(Messages.TwoNumberColumns(where, used));
        }

        /// <summary>
        /// Hands every row of the current pipeline record (or of the -Path files) on, numbered.
        /// <paramref name="passcodeForEveryRow"/> overrides every row's own (Set's -Passcode); <paramref name="passcodeOfCurrentRow"/>
        /// is the one bound from the current pipeline record.
        /// </summary>
        internal void ReadRows(object passcodeForEveryRow = null, object passcodeOfCurrentRow = null)
        {
            if (ParameterSetName == FromFiles)
            {
                ReadFiles(passcodeForEveryRow);
                return;
            }
            var passcode = Unwrap(passcodeForEveryRow ?? passcodeOfCurrentRow);
            if (ParameterSetName == FromNumbers)
            {
                foreach (var number in TelephoneNumber == null || TelephoneNumber.Length == 0 ? new string[] { null } : TelephoneNumber)
                {
                    OnRow(new InputRow(InputSource.Pipeline, ++_row, number, passcode, number));
                }
                return;
            }

            var original = InputObject;
            var value = original?.BaseObject;
            var group = GroupOf(original);
            if (!HasNumber(TelephoneNumber) && IsBlank(original))
            {
                // Import-Csv makes one of these from each spacer row of a spreadsheet: not input, so not an error.
                _row++;
                _blankRows++;
            }
            else if (TelephoneNumber != null)
            {
                NoteTwoNumberProperties(original);
                foreach (var number in TelephoneNumber.Length == 0 ? new string[] { null } : TelephoneNumber)
                {
                    OnRow(new InputRow(InputSource.Pipeline, ++_row, number, passcode, original, group));
                }
            }
            else if (value == null || value is string || value.GetType().IsPrimitive)
            {
                OnRow(new InputRow(InputSource.Pipeline, ++_row, value?.ToString(), passcode, value));
            }
            else if (Columns.Number.Any(name => original.Properties[name] != null))
            {
                OnRow(new InputRow(InputSource.Pipeline, ++_row, null, passcode, original, group)); // a number column left empty
            }
            else
            {
                OnRowWithoutNumber(new InputRow(InputSource.Pipeline, ++_row, null, passcode, original, group),
                    original.Properties.Select(p => p.Name).ToList());
            }
        }

        /// <summary>The row's <see cref="PasscodeGroupProperty"/> as text (property names match in any case); null when it has none.</summary>
        private string GroupOf(PSObject row)
        {
            var name = PasscodeGroupProperty;
            if (name == null || row == null || row.BaseObject is string) return null;
            var cell = row.Properties[name]?.Value;
            return (cell is PSObject wrapped ? wrapped.BaseObject : cell)?.ToString();
        }

        /// <summary>
        /// A number was bound from the row: it is not blank, and the look at every property is spared (enumerating a
        /// PSObject's properties cost more than the rest of reading a row, on every row of a 100,000-row Import-Csv).
        /// </summary>
        private static bool HasNumber(string[] bound)
        {
            if (bound == null) return false;
            foreach (var number in bound)
            {
                if (!string.IsNullOrWhiteSpace(number)) return true;
            }
            return false;
        }

        /// <summary>A row object (Import-Csv's, [pscustomobject]) with properties that are all null or blank.</summary>
        private static bool IsBlank(PSObject row)
        {
            if (row == null || !(row.BaseObject is PSCustomObject)) return false;
            var any = false;
            foreach (var property in row.Properties)
            {
                any = true;
                var value = property.Value is PSObject wrapped ? wrapped.BaseObject : property.Value;
                if (value != null && !(value is string text && string.IsNullOrWhiteSpace(text))) return false;
            }
            return any;
        }

        /// <summary>Same rule as the binder's (the parameter name, then its aliases in order), and a warning when a row has two.</summary>
        private void NoteTwoNumberProperties(PSObject row)
        {
            if (_saidTwoNumberColumns || row == null || row.BaseObject is string) return;
            // Each full look asks the row for five property names, and a name a row lacks is PowerShell's slow member
            // lookup: on every row it was a third of reading one. So every name on the first 1,000 rows, then one name a
            // row in turn: a row that has it holding another number than the one bound has two number columns, and is
            // looked at whole. A stretch of such rows anywhere in the input is found within five of its rows.
            if (_row >= FullyCheckedRows && !HoldsAnotherNumber(row, Columns.Number[(int)(_row % Columns.Number.Length)])) return;
            string used = null;
            var found = 0;
            foreach (var name in Columns.Number)
            {
                if (row.Properties[name] == null) continue;
                used = used ?? name;
                found++;
            }
            if (found > 1) OnTwoNumberColumns("Row " + (_row + 1), used);
        }

        private const long FullyCheckedRows = 1000;

        private bool HoldsAnotherNumber(PSObject row, string name)
        {
            var cell = row.Properties[name]?.Value;
            var text = (cell is PSObject wrapped ? wrapped.BaseObject : cell)?.ToString();
            return !string.IsNullOrWhiteSpace(text) && (TelephoneNumber == null || Array.IndexOf(TelephoneNumber, text) < 0);
        }

        /// <summary>Text or a SecureString, as bound (a PSObject wrapper removed).</summary>
        private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private void ReadFiles(object passcodeForEveryRow)
        {
            var passcode = Unwrap(passcodeForEveryRow);
            foreach (var file in Resolve(Path))
            {
                var source = InputSource.File(file);
                var progress = new ReadProgress();
                _files.Add(progress);
                try
                {
                    var fileName = System.IO.Path.GetFileName(file);
                    foreach (var row in NumberCsvReader.Read(file, progress, used => OnTwoNumberColumns("The header of " + fileName, used), PasscodeGroupProperty))
                    {
                        OnRow(new InputRow(source, row.Line, row.TelephoneNumber, passcode ?? row.Passcode, null, row.Group));
                    }
                    if (progress.BlankRows > 0) WriteVerbose(Messages.BlankFileRowsSkipped(fileName, progress.BlankRows));
                }
                catch (Exception e) when (e is NumberFileException || e is IOException || e is UnauthorizedAccessException)
                {
                    WriteError(ErrorBoundary.Record(e, file));
                }
            }
        }

        private Collection<string> Resolve(string[] paths)
        {
            var files = new Collection<string>();
            foreach (var path in paths)
            {
                try
                {
                    foreach (var resolved in GetResolvedProviderPathFromPSPath(path, out var provider))
                    {
                        if (provider.Name != "FileSystem")
                        {
                            WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path; -Path takes CSV files."),
                                "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                            continue;
                        }
                        files.Add(resolved);
                    }
                }
                catch (ItemNotFoundException e)
                {
                    WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find the file '{path}'. Nothing was read from it. ({e.Message})", e),
                        "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }
            }
            return files;
        }
    }
}
