using System.Management.Automation.Runspaces;

namespace PortOutPasscode.Hosting;

/// <summary>The PowerShell engine in this process, set up as a user's pwsh session would be.</summary>
public static class HostedEngine
{
    /// <summary>An open runspace with the default cmdlets; scripts may run on Windows whatever the machine's policy.</summary>
    public static Runspace OpenRunspace()
    {
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        return runspace;
    }
}
