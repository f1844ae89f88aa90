namespace PortOutPasscode
{
    /// <summary>
    /// A row of a -Path file that an error is about: <c>$failed.TargetObject | Export-Csv retry.csv</c> writes the numbers
    /// to run again (TelephoneNumber binds by name), with where each came from. Never a passcode.
    /// </summary>
    public sealed class InputRowReference
    {
        public InputRowReference(string telephoneNumber, string path, long line)
        {
            TelephoneNumber = telephoneNumber;
            Path = path;
            Line = line;
        }

        /// <summary>Ten digits when the row's number was valid; else null (the cell is not repeated: it may be a passcode).</summary>
        public string TelephoneNumber { get; }
        public string Path { get; }
        public long Line { get; }

        public override string ToString() => $"line {Line} of {System.IO.Path.GetFileName(Path)}";
    }
}
