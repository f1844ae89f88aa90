using System;
using System.Management.Automation;
using PortOutPasscode.Runs;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// The two ways numbers reach a cmdlet, shared by Set, Remove and Get-BwPortOutPasscode so that all three
    /// bind the same CSV columns and name rows the same way in their errors.
    /// </summary>
    public abstract class NumberInputCmdlet : BwApiCmdlet
    {
        protected const string FromNumbers = "TelephoneNumber";
        protected const string FromFiles = "Path";

        private long _row;

        /// <summary>The numbers, as text in any common format.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromNumbers, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Tn", "Number", "PhoneNumber", "FullNumber")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] TelephoneNumber { get; set; }

        /// <summary>CSV files of numbers, read as a stream.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FromFiles)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>
        /// Hands every row of the current pipeline record (or of the -Path files) to <paramref name="add"/>, numbered.
        /// A record with no number still counts as a row, so that its error names it.
        /// </summary>
        /// <param name="passcodeForEveryRow">A passcode that overrides every row's own (Set's -Passcode).</param>
        /// <param name="passcodeOfCurrentRow">The passcode bound from the current pipeline record.</param>
        internal void ReadRows(Action<InputRow> add, string passcodeForEveryRow = null, string passcodeOfCurrentRow = null)
        {
            if (ParameterSetName == FromFiles)
            {
                NumberInput.Read(this, Path, row => add(passcodeForEveryRow == null
                    ? row
                    : new InputRow(row.Source, row.Position, row.TelephoneNumber, passcodeForEveryRow)));
                return;
            }
            var passcode = passcodeForEveryRow ?? passcodeOfCurrentRow;
            var numbers = TelephoneNumber == null || TelephoneNumber.Length == 0 ? new string[] { null } : TelephoneNumber;
            foreach (var number in numbers)
            {
                add(new InputRow(InputSource.Pipeline, ++_row, number, passcode));
            }
        }
    }
}
