using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Client;

namespace PortOutPasscode.Session
{
    /// <summary>
    /// One client per connection, shared by every cmdlet call and every runspace that uses the connection: its HTTP
    /// connections, and for OAuth its token, are reused instead of being rebuilt each time. Calls hold a lease while they
    /// run. A connection that Connect-BwAccount replaces or Disconnect-BwAccount forgets gives its client back: disposed at
    /// once when no call is using it, else when the last one ends, so a Disconnect in one runspace never pulls the client
    /// from under a run in another (which gets a fresh client for its next call).
    /// </summary>
    internal static class ClientCache
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<Guid, Entry> Entries = new Dictionary<Guid, Entry>();

        /// <summary>Clients alive now (for tests: a replaced connection must not leave one behind).</summary>
        internal static int Count
        {
            get
            {
                lock (Gate) return Entries.Count;
            }
        }

        internal static Lease Acquire(BwConnection connection, PSCmdlet cmdlet)
        {
            lock (Gate)
            {
                if (!Entries.TryGetValue(connection.Id, out var entry))
                {
                    entry = new Entry(BandwidthClient.Create(connection, OptionsFor(connection, cmdlet)));
                    Entries.Add(connection.Id, entry);
                }
                entry.Leases++;
                return new Lease(entry);
            }
        }

        /// <summary>The connection is no longer any runspace's current one: its client goes once no call uses it.</summary>
        internal static void Retire(BwConnection connection)
        {
            if (connection == null) return;
            Entry retired;
            lock (Gate)
            {
                if (!Entries.TryGetValue(connection.Id, out retired)) return;
                Entries.Remove(connection.Id);
                retired.Retired = true;
                if (retired.Leases > 0) return;
            }
            retired.Client.Dispose();
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
            if (connection.MaximumRetryDelay is TimeSpan delay) options.MaxRetryDelay = delay;
            if (connection.RequestTimeout is TimeSpan timeout) options.RequestTimeout = timeout;
            if (connection.MaximumRequestsPerSecond is double rate) options.MaxRequestsPerSecond = rate;
            return options;
        }

        internal sealed class Entry
        {
            internal Entry(BandwidthClient client) => Client = client;

            internal BandwidthClient Client { get; }
            internal int Leases;
            internal bool Retired;
        }

        /// <summary>A call's hold on a client; disposing it lets a retired client go.</summary>
        internal sealed class Lease : IDisposable
        {
            private Entry _entry;

            internal Lease(Entry entry) => _entry = entry;

            internal BandwidthClient Client => _entry?.Client ?? throw new ObjectDisposedException(nameof(Lease));

            public void Dispose()
            {
                var entry = _entry;
                if (entry == null) return;
                _entry = null;
                bool dispose;
                lock (Gate)
                {
                    entry.Leases--;
                    dispose = entry.Retired && entry.Leases == 0;
                }
                if (dispose) entry.Client.Dispose();
            }
        }
    }
}
