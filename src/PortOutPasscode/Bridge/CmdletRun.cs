using System;
using System.Management.Automation;
using PortOutPasscode.Client;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using PortOutPasscode.Session;

namespace PortOutPasscode.Bridge
{
    /// <summary>
    /// One cmdlet invocation's link to the engine: the work queue its pipeline thread pumps, the hearer of its calls' log
    /// lines (scoped to each call, so two cmdlets of one pipeline each hear only their own requests), and its lease on the
    /// connection's shared client.
    /// </summary>
    internal sealed class CmdletRun : IDisposable, IActivitySink
    {
        private readonly ClientCache.Lease _lease;

        internal CmdletRun(PSCmdlet cmdlet, BwConnection connection)
        {
            Cmdlet = cmdlet;
            Queue = new WorkQueue();
            Log = new ActivityScope(this);
            _lease = connection == null ? null : ClientCache.Acquire(connection, cmdlet);
        }

        internal PSCmdlet Cmdlet { get; }

        internal WorkQueue Queue { get; }

        internal ActivityScope Log { get; }

        internal BandwidthClient Client => _lease.Client;

        /// <summary>Runs one client call to its end on the pipeline thread (its log lines written meanwhile); Ctrl+C stops it.</summary>
        internal T Call<T>(Func<BandwidthClient, System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call)
        {
            try
            {
                return Queue.Run(Log.Start(() => call(Client, Queue.Stopping)));
            }
            catch (OperationCanceledException) when (Queue.IsStopping)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Runs engine work on the pipeline thread; Ctrl+C (the queue stopping) becomes PowerShell's own stop.</summary>
        internal void Pump(Action work)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (Queue.IsStopping)
            {
                throw new PipelineStoppedException();
            }
        }

        // Log lines arrive on any thread: queued for the pipeline thread, the only one a cmdlet may write from.
        void IActivitySink.Verbose(string message) => Queue.Post(() => Cmdlet.WriteVerbose(message));

        void IActivitySink.Debug(string message) => Queue.Post(() => Cmdlet.WriteDebug(message));

        public void Dispose()
        {
            Queue.Dispose();
            _lease?.Dispose();
        }
    }
}
