using System;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// What Set- and Remove-BwPortOutPasscode share: numbers from the pipeline or from CSV files, batching, throttling and
    /// waiting. The work itself is the engine's <see cref="PasscodeRun"/>; this class only binds parameters and hands rows on.
    /// </summary>
    public abstract class PasscodeOrderCommandBase : NumberInputCmdlet
    {
        private PasscodeRun _run;
        private CmdletSink _sink;

        [Parameter]
        [ValidateRange(1, Contract.ApiLimits.MaxNumbersPerOrder)]
        public int BatchSize { get; set; } = 1000;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CustomerOrderId { get; set; }

        /// <summary>Return as soon as Bandwidth accepts each order, without waiting for the numbers' outcomes.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        /// <summary>Kept so that scripts written for 0.1 still run: waiting is the default now.</summary>
        [Parameter(DontShow = true)]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long to follow each order, from the moment Bandwidth accepted it.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        /// <summary>A file every number's outcome is appended to, one JSON line each; wins over Connect-BwAccount -AuditLogPath.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string AuditLogPath { get; set; }

        internal abstract PasscodeChange Change { get; }

        /// <summary>The action -WhatIf and -Confirm name.</summary>
        protected abstract string ActionName { get; }

        /// <summary>The passcode given for every row (Set's -Passcode), or null.</summary>
        protected virtual object PasscodeForEveryRow => null;

        /// <summary>The passcode bound from the current pipeline row, or null.</summary>
        protected virtual object PasscodeOfCurrentRow => null;

        protected virtual bool ShouldSubmit(string target) => ShouldProcess(target, ActionName);

        protected override void BeginProcessing()
        {
            if (CustomerOrderId != null && !CustomerOrderIds.IsValidBase(CustomerOrderId, out var problem))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem), "InvalidCustomerOrderId", ErrorCategory.InvalidArgument, CustomerOrderId));
            }
            _sink = new CmdletSink(this);
            var settings = new PasscodeRunSettings
            {
                Change = Change,
                CommandName = MyInvocation.MyCommand.Name,
                BatchSize = BatchSize,
                ThrottleLimit = ThrottleLimit,
                CustomerOrderIdBase = CustomerOrderId,
                Wait = !NoWait,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                ShouldSubmit = ShouldSubmit,
                FractionRead = FractionRead,
                Audit = OpenAudit(),
            };
            Configure(settings);
            Start(settings, _sink);
        }

        /// <summary>What a command adds to the run settings of its own parameters (Set's -NewPasscodePer).</summary>
        internal virtual void Configure(PasscodeRunSettings settings)
        {
        }

        /// <summary>
        /// -AuditLogPath, else the connection's (Connect-BwAccount -AuditLogPath), opened before anything is sent: a file
        /// that cannot be written ends the command here. -WhatIf changes nothing, so it records nothing (and creates no file).
        /// </summary>
        private AuditTrail OpenAudit()
        {
            var connection = ResolveConnection();
            var path = AuditLogPath ?? connection.AuditLogPath;
            if (path == null || IsWhatIf()) return null;
            try
            {
                return AuditTrail.Open(AuditLogPath != null ? AuditLogFile.Resolve(this, path) : path,
                    connection.AccountId, connection.UserName, MyInvocation.MyCommand.Name);
            }
            catch (AuditLogException e)
            {
                ThrowTerminatingError(ErrorBoundary.Record(e, path));
                return null;
            }
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)) return bound is SwitchParameter whatIf && whatIf.IsPresent;
            return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
        }

        /// <summary>Starts the engine's work with the run settings the parameters give (Sync wraps them in its own).</summary>
        internal virtual void Start(PasscodeRunSettings settings, CmdletSink sink) =>
            _run = new PasscodeRun(settings, Run.Client, sink, Run.Queue, Run.Log);

        /// <summary>The input has ended: the engine finishes.</summary>
        internal virtual void Finish() => _run.Complete();

        protected override void ProcessRecord() => Pump(() => ReadRows(PasscodeForEveryRow, PasscodeOfCurrentRow));

        protected override void EndInput() => Pump(Finish);

        internal override void OnRow(InputRow row) => _run.Add(row);

        internal override void OnRowWithoutNumber(InputRow row, IEnumerable<string> properties) => _run.AddRowWithoutNumberProperty(row, properties);

        /// <summary>
        /// Engine work; a halted run ends the cmdlet with one terminating error that accounts for everything, and so does a
        /// failure of a request the run cannot go on without (Sync's look-ups), through the one error boundary.
        /// </summary>
        internal void Pump(Action work)
        {
            try
            {
                Run.Pump(work);
            }
            catch (RunHaltedException halted)
            {
                ThrowTerminatingError(ErrorBoundary.Record(halted, ResolveConnection().AccountId));
            }
            catch (BandwidthException failure)
            {
                ThrowTerminatingError(ErrorBoundary.Record(failure, ResolveConnection().AccountId));
            }
        }

        protected override void DisposeWork() => _run?.Dispose();
    }
}
