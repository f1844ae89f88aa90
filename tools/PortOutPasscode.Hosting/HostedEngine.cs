using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace PortOutPasscode.Hosting;

/// <summary>The PowerShell engine in this process, set up as a user's pwsh session would be.</summary>
public static class HostedEngine
{
    /// <summary>
    /// An open runspace with the default cmdlets; scripts may run on Windows whatever the machine's policy.
    /// With a <paramref name="host"/>, what the runspace shows (Out-Default, prompts) goes to it.
    /// </summary>
    public static Runspace OpenRunspace(PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        var runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return runspace;
    }
}
