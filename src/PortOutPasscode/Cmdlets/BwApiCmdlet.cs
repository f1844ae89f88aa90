using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Client;
using PortOutPasscode.Bridge;
using PortOutPasscode.Session;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// What every cmdlet that talks to Bandwidth shares: the -Connection parameter and its resolution, the invocation's
    /// link to the engine, Ctrl+C, and the one way a failure is reported (<see cref="ErrorBoundary"/>).
    /// </summary>
    public abstract class BwApiCmdlet : PSCmdlet, IDisposable
    {
        private CmdletRun _run;

        /// <summary>The account to use instead of the one Connect-BwAccount stored in this session.</summary>
        [Parameter]
        [ValidateNotNull]
        public BwConnection Connection { get; set; }

        /// <summary>This invocation's link to the engine, made on first use (after -Connection is bound).</summary>
        internal CmdletRun Run => _run ?? (_run = new CmdletRun(this, ResolveConnection()));

        /// <summary>-Connection, else the session's connection, else a terminating error that says what to do.</summary>
        protected BwConnection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Current;
            if (connection == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSInvalidOperationException(
                        "Not connected to Bandwidth. Run Connect-BwAccount first (or set BW_ACCOUNT_ID with BW_CLIENT_ID/BW_CLIENT_SECRET and run Connect-BwAccount with no parameters), or pass -Connection."),
                    "NotConnected",
                    ErrorCategory.AuthenticationError,
                    null));
            }
            return connection;
        }

        /// <summary>A failure: a terminating error when it is account-wide (nothing else could succeed), else a non-terminating one.</summary>
        internal void Report(Exception failure, object target)
        {
            var record = ErrorBoundary.Record(failure, target);
            if (ErrorBoundary.IsAccountWide(failure)) ThrowTerminatingError(record);
            WriteError(record);
        }

        /// <summary>
        /// Reads one thing per id (an order, its history, a port-out, a subscription) and writes it; a failure is reported
        /// for its id and the next id goes on, unless it is account-wide.
        /// </summary>
        internal void WriteEach<T>(IEnumerable<string> ids, Func<BandwidthClient, string, CancellationToken, Task<T>> read, bool enumerateCollection = false)
        {
            foreach (var id in ids)
            {
                try
                {
                    WriteObject(Run.Call((client, stop) => read(client, id, stop)), enumerateCollection);
                }
                catch (Exception e) when (e is BandwidthException || e is ArgumentException)
                {
                    Report(e, id);
                }
            }
        }

        protected override void StopProcessing() => _run?.Queue.Stop();

        /// <summary>Ends what the cmdlet started (a run, a wait) before the link to the engine goes.</summary>
        protected virtual void DisposeWork()
        {
        }

        public void Dispose()
        {
            DisposeWork();
            _run?.Dispose();
        }
    }
}
