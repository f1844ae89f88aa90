namespace PortOutPasscode.Runs
{
    /// <summary>
    /// One number as it reached a cmdlet, with where it came from so that an error can name the row:
    /// "row 12" of the pipeline, or "line 12 of tns.csv".
    /// </summary>
    internal readonly struct InputRow
    {
        internal InputRow(InputSource source, long position, string telephoneNumber, string passcode)
        {
            Source = source;
            Position = position;
            TelephoneNumber = telephoneNumber;
            Passcode = passcode;
        }

        internal InputSource Source { get; }
        internal long Position { get; }
        internal string TelephoneNumber { get; }
        /// <summary>The row's passcode text; null when the row gave none.</summary>
        internal string Passcode { get; }

        /// <summary>"Row 12" or "Line 12 of tns.csv", to start a message with.</summary>
        internal string Label
        {
            get
            {
                var reference = Source.Reference(Position);
                return char.ToUpperInvariant(reference[0]) + reference.Substring(1);
            }
        }
    }

    /// <summary>The pipeline, or one file given to -Path.</summary>
    internal sealed class InputSource
    {
        private readonly string _fileName;

        private InputSource(string fileName)
        {
            _fileName = fileName;
        }

        internal static InputSource Pipeline { get; } = new InputSource(null);

        internal static InputSource File(string path) => new InputSource(System.IO.Path.GetFileName(path));

        /// <summary>"row 12" or "line 12 of tns.csv".</summary>
        internal string Reference(long position) =>
            _fileName == null ? $"row {position}" : $"line {position} of {_fileName}";
    }
}
