using System;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Sync-BwPortOutPasscode: brings Bandwidth to a desired state (a CSV of numbers and passcodes, numbers and one
    /// -Passcode, or -AllInService) with the fewest changes. The work is the engine's <see cref="SyncRun"/>; its orders and
    /// outcomes are Set's and Remove's.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "BwPortOutPasscode", DefaultParameterSetName = FromNumbers,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TnOptionOrder))]
    public sealed class SyncBwPortOutPasscodeCommand : PasscodeOrderCommandBase
    {
        private const string EveryInServiceNumber = "AllInService";

        private SyncRun _sync;

        /// <summary>The passcode for every number; or per row, from a Passcode (PortOutPasscode, Pin) property or column.</summary>
        [Parameter(ParameterSetName = FromPipeline, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = FromNumbers)]
        [Parameter(ParameterSetName = FromFiles)]
        [Parameter(Mandatory = true, ParameterSetName = EveryInServiceNumber)]
        [Alias("PortOutPasscode", "Pin")]
        [AllowNull]
        [AllowEmptyString]
        public object Passcode { get; set; }

        /// <summary>The desired state is every in-service number of the account (narrowed by the filters), with -Passcode.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EveryInServiceNumber)]
        public SwitchParameter AllInService { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        [ValidatePattern(InServiceScope.AreaCodePattern)]
        public string AreaCode { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        [ValidatePattern(InServiceScope.NpaNxxPattern)]
        public string NpaNxx { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        [ValidatePattern(InServiceScope.StatePattern)]
        public string State { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        [ValidatePattern(InServiceScope.LataPattern)]
        public string Lata { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        [ValidateNotNullOrEmpty]
        public string RateCenter { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        public DateTime InServiceSince { get; set; }

        [Parameter(ParameterSetName = EveryInServiceNumber)]
        public DateTime InServiceUntil { get; set; }

        /// <summary>Also remove the passcode from protected numbers the desired state does not list (asks first).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>-RemoveUnlisted without asking (still honours -WhatIf and an explicit -Confirm).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override PasscodeChange Change => PasscodeChange.Set;

        protected override string ActionName => "Sync port-out passcodes";

        protected override object PasscodeForEveryRow =>
            MyInvocation.BoundParameters.ContainsKey(nameof(Passcode)) && ParameterSetName != EveryInServiceNumber ? _commandLinePasscode : null;

        protected override object PasscodeOfCurrentRow => Passcode;

        private object _commandLinePasscode;

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Passcode))) _commandLinePasscode = Passcode;
            base.BeginProcessing();
        }

        internal override void Start(PasscodeRunSettings settings, CmdletSink sink)
        {
            var bound = MyInvocation.BoundParameters;
            var everyInService = ParameterSetName == EveryInServiceNumber;
            var query = InServiceScope.Query(this, AreaCode, NpaNxx, State, Lata, RateCenter,
                bound.ContainsKey(nameof(InServiceSince)) ? InServiceSince : (DateTime?)null,
                bound.ContainsKey(nameof(InServiceUntil)) ? InServiceUntil : (DateTime?)null);
            if (everyInService && RemoveUnlisted && !query.IsEmpty)
            {
                // Protected numbers outside the filters are still in service: "unlisted" would take their PIN away.
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    "-RemoveUnlisted with -AllInService and a filter would remove the passcode from in-service numbers outside the filter. Leave out the filter, or give the numbers to keep (a CSV) instead of -AllInService."),
                    "RemoveUnlistedWithFilter", ErrorCategory.InvalidArgument, null));
            }
            _sync = new SyncRun(new SyncSettings
            {
                AllInService = everyInService,
                Passcode = everyInService ? InServiceScope.Passcode(this, Passcode) : null,
                Query = query,
                RemoveUnlisted = RemoveUnlisted,
                WhatIf = bound.ContainsKey("WhatIf") && (SwitchParameter)bound["WhatIf"],
                ConfirmRemoval = ConfirmRemoval,
                Run = settings,
            }, Run.Client, sink, Run.Queue, Run.Log);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != EveryInServiceNumber) base.ProcessRecord();
        }

        internal override void Finish() => _sync.Complete();

        internal override void OnRow(InputRow row) => _sync.Add(row);

        internal override void OnRowWithoutNumber(InputRow row, IEnumerable<string> properties) => _sync.AddRowWithoutNumberProperty(row, properties);

        /// <summary>
        /// Removal is ConfirmImpact High while setting is Medium: asked once for all removals, unless -Force, -WhatIf (which
        /// shows the removal orders and sends nothing), an explicit -Confirm (every order is asked about anyway, or none with
        /// -Confirm:$false), or $ConfirmPreference = 'None'.
        /// </summary>
        private bool ConfirmRemoval(string question)
        {
            var bound = MyInvocation.BoundParameters;
            if (Force || bound.ContainsKey("WhatIf") || bound.ContainsKey("Confirm")) return true;
            var preference = SessionState.PSVariable.GetValue("ConfirmPreference");
            if (preference is ConfirmImpact impact && impact == ConfirmImpact.None) return true;
            return ShouldContinue(question, "Remove port-out passcodes");
        }

        protected override void DisposeWork()
        {
            _sync?.Dispose();
            base.DisposeWork();
        }
    }
}
