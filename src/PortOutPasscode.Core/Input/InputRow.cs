namespace PortOutPasscode.Input
{
    /// <summary>
    /// One number as it reached a cmdlet, with where it came from so that an error can name the row ("row 12" of the
    /// pipeline, or "line 12 of tns.csv") and hand the row back as the user gave it.
    /// </summary>
    internal readonly struct InputRow
    {
        internal InputRow(InputSource source, long position, string telephoneNumber, object passcode, object original, string passcodeGroup = null)
        {
            Source = source;
            Position = position;
            TelephoneNumber = telephoneNumber;
            Passcode = passcode;
            Original = original;
            PasscodeGroup = passcodeGroup;
        }

        internal InputSource Source { get; }
        internal long Position { get; }

        /// <summary>The number as written (any format); null when the row gave none.</summary>
        internal string TelephoneNumber { get; }

        /// <summary>The row's passcode: text, a SecureString, or null when the row gave none.</summary>
        internal object Passcode { get; }

        /// <summary>The pipeline object as the user gave it (null for file rows): an error's TargetObject, to feed back.</summary>
        internal object Original { get; }

        /// <summary>With -NewPasscodePer: the row's value of that property (its PIN is the value's); null otherwise.</summary>
        internal string PasscodeGroup { get; }

        /// <summary>"Row 12" or "Line 12 of tns.csv", to start a message with.</summary>
        internal string Label => Source.Label(Position);

        internal InputRow WithPasscode(object passcode) => new InputRow(Source, Position, TelephoneNumber, passcode, Original, PasscodeGroup);
    }

    /// <summary>The pipeline, or one file given to -Path.</summary>
    internal sealed class InputSource
    {
        private InputSource(string path, string name)
        {
            Path = path;
            FileName = path == null ? null : System.IO.Path.GetFileName(path);
            _name = name;
        }

        private readonly string _name;

        internal static InputSource Pipeline { get; } = new InputSource(null, null);

        internal static InputSource File(string path) => new InputSource(path, null);

        /// <summary>Numbers the module found itself (a Sync's in-service list): "number 12 of the in-service list".</summary>
        internal static InputSource Named(string name) => new InputSource(null, name);

        /// <summary>The file's full path; null for the pipeline.</summary>
        internal string Path { get; }

        internal string FileName { get; }

        /// <summary>"row 12" or "line 12 of tns.csv".</summary>
        internal string Reference(long position) =>
            _name != null ? $"number {position} of {_name}" : FileName == null ? $"row {position}" : $"line {position} of {FileName}";

        /// <summary>"Row 12" or "Line 12 of tns.csv".</summary>
        internal string Label(long position)
        {
            var reference = Reference(position);
            return char.ToUpperInvariant(reference[0]) + reference.Substring(1);
        }

        /// <summary>What an error's TargetObject is for a row of this source: the object given, or where the row is in the file.</summary>
        internal object TargetOf(long position, string number, object original) =>
            Path == null ? original : new InputRowReference(number, Path, position);
    }
}
