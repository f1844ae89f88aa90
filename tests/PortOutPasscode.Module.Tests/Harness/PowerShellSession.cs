using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PortOutPasscode.Hosting;

namespace PortOutPasscode.Module.Tests.Harness;

/// <summary>
/// A fresh PowerShell runspace with the built module imported, as a user's session would have it.
/// Scripts run as real pipelines; every stream is collected into a <see cref="ScriptResult"/>.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    /// <summary>With a <paramref name="host"/>, what the module writes to the host itself (not to a stream) reaches it.</summary>
    public PowerShellSession(bool importModule = true, System.Management.Automation.Host.PSHost? host = null)
    {
        _runspace = HostedEngine.OpenRunspace(host);
        if (importModule)
        {
            Run("Import-Module $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest).AssertNoErrors();
        }
    }

    /// <summary>Sets a variable the next scripts can use ($name).</summary>
    public PowerShellSession Set(string name, object? value)
    {
        _runspace.SessionStateProxy.SetVariable(name, value);
        return this;
    }

    /// <summary>
    /// Wraps a test script so that a statement-terminating error (a cmdlet's ThrowTerminatingError) ends the
    /// script and reaches the caller, as it would end a runbook: PowerShell would otherwise write it to the
    /// error stream and go on with the next statement.
    /// </summary>
    internal static string EndOnTerminatingError(string script) => "try {\n" + script + "\n} catch { throw }";

    /// <summary>Runs a script; values after the script are passed as $args.</summary>
    public ScriptResult Run(string script, params object?[] args) => RunWithInput(script, null, args);

    /// <summary>Runs a script with objects piped into it (reachable as $input).</summary>
    public ScriptResult RunWithInput(string script, IEnumerable? input, params object?[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(EndOnTerminatingError(script));
        foreach (var arg in args) shell.AddArgument(arg);
        return Invoke(shell, input);
    }

    /// <summary>Starts a script without waiting, for tests that stop a pipeline mid-run.</summary>
    public RunningScript Start(string script, IEnumerable? input = null, params object?[] args)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(EndOnTerminatingError(script));
        foreach (var arg in args) shell.AddArgument(arg);
        return new RunningScript(shell, input);
    }

    internal static ScriptResult Invoke(PowerShell shell, IEnumerable? input)
    {
        var result = new ScriptResult();
        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) => result.Output.Add(output[e.Index]);
        Subscribe(shell.Streams, result);
        try
        {
            var inputCollection = input == null ? null : ToInput(input);
            shell.Invoke(inputCollection, output);
        }
        catch (RuntimeException e)
        {
            result.TerminatingError = e.ErrorRecord;
        }
        return result;
    }

    internal static PSDataCollection<object> ToInput(IEnumerable input)
    {
        var collection = new PSDataCollection<object>();
        foreach (var item in input) collection.Add(item);
        collection.Complete();
        return collection;
    }

    internal static void Subscribe(PSDataStreams streams, ScriptResult result)
    {
        streams.Error.DataAdded += (_, e) => result.Errors.Add(streams.Error[e.Index]);
        streams.Warning.DataAdded += (_, e) => result.Warnings.Add(streams.Warning[e.Index]);
        streams.Verbose.DataAdded += (_, e) => result.Verbose.Add(streams.Verbose[e.Index]);
        streams.Debug.DataAdded += (_, e) => result.Debug.Add(streams.Debug[e.Index]);
        streams.Progress.DataAdded += (_, e) => result.Progress.Add(streams.Progress[e.Index]);
        streams.Information.DataAdded += (_, e) => result.Information.Add(streams.Information[e.Index]);
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>A pipeline started in the background; Stop() is what Ctrl+C does.</summary>
public sealed class RunningScript : IDisposable
{
    private readonly PowerShell _shell;
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly IAsyncResult _pending;

    public ScriptResult Result { get; } = new();

    internal RunningScript(PowerShell shell, IEnumerable? input)
    {
        _shell = shell;
        _output.DataAdded += (_, e) => { lock (Result) Result.Output.Add(_output[e.Index]); };
        PowerShellSession.Subscribe(shell.Streams, Result);
        var inputCollection = input == null ? new PSDataCollection<object>() : PowerShellSession.ToInput(input);
        if (input == null) inputCollection.Complete();
        _pending = shell.BeginInvoke(inputCollection, _output);
    }

    public bool IsCompleted => _pending.IsCompleted;

    /// <summary>Stops the pipeline as Ctrl+C would, and waits for it to end.</summary>
    public void Stop() => _shell.Stop();

    public ScriptResult Wait()
    {
        try
        {
            _shell.EndInvoke(_pending);
        }
        catch (RuntimeException e)
        {
            Result.TerminatingError = e.ErrorRecord;
        }
        return Result;
    }

    public void Dispose() => _shell.Dispose();
}
