using System;
using System.Management.Automation;
using PortOutPasscode.Client;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Session;

namespace PortOutPasscode.Bridge
{
    /// <summary>
    /// One cmdlet invocation's link to the engine: the bridge to the pipeline thread, and the client's log
    /// lines routed to this invocation's Verbose and Debug streams.
    /// </summary>
    internal sealed class CmdletRun : IDisposable, IActivitySink
    {
        private readonly PSCmdlet _cmdlet;
        private readonly IDisposable _logAttachment;

        internal CmdletRun(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            Bridge = new PipelineBridge(cmdlet);
            _logAttachment = ActivityLog.Attach(this);
        }

        internal PipelineBridge Bridge { get; }

        internal BandwidthClient Client(BwConnection connection) => ClientCache.For(connection, _cmdlet);

        void IActivitySink.Verbose(string message) => Bridge.Post(c => c.WriteVerbose(message));

        void IActivitySink.Debug(string message) => Bridge.Post(c => c.WriteDebug(message));

        public void Dispose()
        {
            _logAttachment.Dispose();
            Bridge.Dispose();
        }
    }
}
