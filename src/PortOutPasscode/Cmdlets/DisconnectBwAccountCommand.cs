using System.Management.Automation;
using PortOutPasscode.Session;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Disconnect-BwAccount: forgets the session's connection; its client (and token) go once no call uses them.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "BwAccount")]
    [OutputType(typeof(void))]
    public sealed class DisconnectBwAccountCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Current;
            if (connection == null)
            {
                WriteVerbose("No Bandwidth connection in this session; nothing to forget.");
                return;
            }
            ConnectionStore.Replace(null);
            WriteVerbose($"Forgot {connection}.");
        }
    }
}
