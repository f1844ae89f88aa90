using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using PortOutPasscode.Client;

namespace PortOutPasscode.Session
{
    /// <summary>
    /// One client per connection for the life of the process: its HTTP connections, and for OAuth its token,
    /// are reused by every cmdlet call instead of being rebuilt each time.
    /// </summary>
    internal static class ClientCache
    {
        private static readonly ConcurrentDictionary<System.Guid, BandwidthClient> Clients =
            new ConcurrentDictionary<System.Guid, BandwidthClient>();

        internal static BandwidthClient For(BwConnection connection, PSCmdlet cmdlet) =>
            Clients.GetOrAdd(connection.Id, _ => BandwidthClient.Create(connection, OptionsFor(connection, cmdlet)));

        internal static void Forget(BwConnection connection)
        {
            if (Clients.TryRemove(connection.Id, out var client))
            {
                client.Dispose();
            }
        }

        private static BandwidthClientOptions OptionsFor(BwConnection connection, PSCmdlet cmdlet)
        {
            var versionTable = cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable;
            var options = new BandwidthClientOptions
            {
                PowerShellEdition = versionTable?["PSEdition"]?.ToString() ?? "Desktop",
                PowerShellVersion = versionTable?["PSVersion"]?.ToString() ?? "unknown",
            };
            if (connection.MaximumRetryCount is int retries) options.MaxRetries = retries;
            if (connection.RequestTimeout is System.TimeSpan timeout) options.RequestTimeout = timeout;
            return options;
        }
    }
}
