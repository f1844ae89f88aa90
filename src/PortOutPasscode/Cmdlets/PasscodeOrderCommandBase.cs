using System;
using System.Management.Automation;
using PortOutPasscode.Batching;
using PortOutPasscode.Runs;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// What Set- and Remove-BwPortOutPasscode share: numbers from the pipeline or from CSV files, batching,
    /// throttling and -Wait. The work itself is a <see cref="PasscodeOrderRun"/>.
    /// </summary>
    public abstract class PasscodeOrderCommandBase : NumberInputCmdlet, IDisposable
    {
        private PasscodeOrderRun _run;

        [Parameter]
        [ValidateRange(1, 5000)]
        public int BatchSize { get; set; } = 1000;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CustomerOrderId { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 3600;

        internal abstract PasscodeChange Change { get; }

        /// <summary>The action -WhatIf and -Confirm name.</summary>
        protected abstract string ActionName { get; }

        /// <summary>The passcode given for every row (Set's -Passcode), or null.</summary>
        protected virtual string PasscodeForEveryRow => null;

        /// <summary>The passcode bound from the current pipeline row, or null.</summary>
        protected virtual string PasscodeOfCurrentRow => null;

        protected virtual bool ShouldSubmit(string target) => ShouldProcess(target, ActionName);

        protected override void BeginProcessing()
        {
            var baseId = CustomerOrderId ?? CustomerOrderIds.NewBase();
            if (!CustomerOrderIds.IsValidBase(baseId, out var problem))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem), "InvalidCustomerOrderId", ErrorCategory.InvalidArgument, CustomerOrderId));
            }
            _run = new PasscodeOrderRun(this, new PasscodeOrderSettings
            {
                Change = Change,
                Connection = ResolveConnection(),
                BatchSize = BatchSize,
                ThrottleLimit = ThrottleLimit,
                CustomerOrderIdBase = baseId,
                Wait = Wait,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                ShouldSubmit = ShouldSubmit,
            });
        }

        protected override void ProcessRecord() =>
            ReadRows(row => _run.Add(this, row), PasscodeForEveryRow, PasscodeOfCurrentRow);

        protected override void EndProcessing() => _run.Complete(this);

        protected override void StopProcessing() => _run?.Stop();

        public void Dispose() => _run?.Dispose();
    }
}
