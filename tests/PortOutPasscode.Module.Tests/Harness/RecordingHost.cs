using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>
/// A host that records what reaches it directly: formatted output (Out-Default) as text, and warning lines written to the
/// host itself (what a stopped run can still say). Its console is 250 columns wide, so no table column is dropped. It
/// cannot prompt.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUI _ui = new();

    public StringBuilder Text => _ui.Text;

    /// <summary>Lines written with WriteWarningLine, in order (read under a lock: a stopped pipeline writes from its own thread).</summary>
    public IReadOnlyList<string> WarningLines
    {
        get
        {
            lock (_ui.Warnings) return _ui.Warnings.ToList();
        }
    }

    public override string Name => "RecordingHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.GetCultureInfo("en-US");
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class RecordingHostUI : PSHostUserInterface
    {
        public StringBuilder Text { get; } = new();
        public List<string> Warnings { get; } = new();
        public override PSHostRawUserInterface RawUI { get; } = new WideRawUI();
        public override void Write(string value) => Text.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Text.Append(value);
        public override void WriteLine(string value) => Text.AppendLine(value);
        public override void WriteErrorLine(string value) => Text.AppendLine(value);
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }

        public override void WriteWarningLine(string message)
        {
            lock (Warnings) Warnings.Add(message);
        }

        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
    }

    private sealed class WideRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override Coordinates WindowPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size BufferSize { get; set; } = new(250, 1000);
        public override Size WindowSize { get; set; } = new(250, 50);
        public override Size MaxWindowSize => new(250, 50);
        public override Size MaxPhysicalWindowSize => new(250, 50);
        public override bool KeyAvailable => false;
        public override string WindowTitle { get; set; } = "";
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void FlushInputBuffer() { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();
    }
}
