using System;

namespace PortOutPasscode
{
    /// <summary>What is wrong with an input row that was refused before anything was sent for it.</summary>
    public enum InputRowProblem
    {
        InvalidTelephoneNumber,
        NoTelephoneNumber,
        PasscodeMissing,
        InvalidPasscode,
        PasscodeIsTheNumber,
        PasscodeConflict,

        /// <summary>With -NewPasscodePer: the row's value of that property is empty or missing.</summary>
        NewPasscodePerValueMissing,

        /// <summary>With -NewPasscodePer: the row brings a passcode of its own as well.</summary>
        PasscodeWithNewPasscodePer,

        /// <summary>With -NewPasscodePer: no strong PIN of that length avoids every number of the row's value.</summary>
        NoStrongPinLeft,
    }

    /// <summary>An input row refused before anything was sent for it: the message names the row and what to do.</summary>
    public class InputRowException : ArgumentException
    {
        public InputRowException(InputRowProblem problem, string row, string telephoneNumber, string message)
            : base(message)
        {
            Problem = problem;
            Row = row;
            TelephoneNumber = telephoneNumber;
        }

        public InputRowProblem Problem { get; }

        /// <summary>"Row 12" or "Line 12 of tns.csv".</summary>
        public string Row { get; }

        /// <summary>The number as normalised, when the row had a valid one.</summary>
        public string TelephoneNumber { get; }
    }

    /// <summary>A -Path file cannot be read as a numbers file at all (as opposed to one bad row in it).</summary>
    public sealed class NumberFileException : Exception
    {
        public NumberFileException(string message, Exception inner = null) : base(message, inner) { }
    }
}
