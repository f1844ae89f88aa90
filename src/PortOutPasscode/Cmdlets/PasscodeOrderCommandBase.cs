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
    public abstract class PasscodeOrderCommandBase : BwApiCmdlet, IDisposable
    {
        protected const string FromNumbers = "TelephoneNumber";
        protected const string FromFiles = "Path";

        private PasscodeOrderRun _run;
        private long _row;

        /// <summary>The numbers, as text in any common format.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromNumbers, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Tn", "Number", "PhoneNumber", "FullNumber")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] TelephoneNumber { get; set; }

        /// <summary>CSV files of numbers, read as a stream.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FromFiles)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

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

        protected override void ProcessRecord()
        {
            if (ParameterSetName == FromFiles)
            {
                NumberInput.Read(this, Path, row => _run.Add(this,
                    new InputRow(row.Source, row.Position, row.TelephoneNumber, PasscodeForEveryRow ?? row.Passcode)));
                return;
            }
            var passcode = PasscodeForEveryRow ?? PasscodeOfCurrentRow;
            if (TelephoneNumber == null || TelephoneNumber.Length == 0)
            {
                _run.Add(this, new InputRow(InputSource.Pipeline, ++_row, null, passcode));
                return;
            }
            foreach (var number in TelephoneNumber)
            {
                _run.Add(this, new InputRow(InputSource.Pipeline, ++_row, number, passcode));
            }
        }

        protected override void EndProcessing() => _run.Complete(this);

        protected override void StopProcessing() => _run?.Stop();

        public void Dispose() => _run?.Dispose();
    }
}
