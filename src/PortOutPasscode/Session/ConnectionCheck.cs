using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Client;

namespace PortOutPasscode.Session
{
    /// <summary>Connect-BwAccount's one cheap authenticated request, so bad credentials fail at connect time, not mid-run.</summary>
    internal static class ConnectionCheck
    {
        internal static void Verify(PSCmdlet cmdlet, BwConnection connection)
        {
            cmdlet.WriteVerbose($"Checking the credentials with one request to {connection.BaseUri}.");
            using (var run = new CmdletRun(cmdlet))
            {
                try
                {
                    run.Bridge.Run(run.Client(connection).VerifyCredentialsAsync(run.Bridge.Stopping));
                }
                catch (BandwidthException e)
                {
                    ClientCache.Forget(connection);
                    cmdlet.ThrowTerminatingError(BandwidthErrors.Record(e, "ConnectionCheckFailed", connection));
                }
            }
        }
    }
}
