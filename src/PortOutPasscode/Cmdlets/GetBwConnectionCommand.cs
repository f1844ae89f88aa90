using System.Management.Automation;
using PortOutPasscode.Session;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Get-BwConnection: the connection Connect-BwAccount stored in this session; nothing when there is none (as Get-AzContext).</summary>
    [Cmdlet(VerbsCommon.Get, "BwConnection")]
    [OutputType(typeof(BwConnection))]
    public sealed class GetBwConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Current;
            if (connection == null)
            {
                WriteVerbose("Not connected to Bandwidth in this session. Run Connect-BwAccount.");
                return;
            }
            WriteObject(connection);
        }
    }
}
