using System;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Bridge;
using PortOutPasscode.Engine;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// Test-BwPortOutProtection: which numbers can be ported away without a PIN, right now. Without input, every in-service
    /// number of the account (narrowed by the in-service filters); with numbers, those. The work is the engine's
    /// <see cref="ProtectionAudit"/>.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BwPortOutProtection", DefaultParameterSetName = EveryInServiceNumber)]
    [OutputType(typeof(ProtectionStatus))]
    [OutputType(typeof(bool))]
    public sealed class TestBwPortOutProtectionCommand : NumberInputCmdlet
    {
        private const string EveryInServiceNumber = "InService";

        private ProtectionAudit _audit;
        private object _passcodeForEveryRow;

        /// <summary>The passcode every number should carry; or per row, from a Passcode property or column. Compared, never output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PortOutPasscode", "Pin")]
        [AllowNull]
        [AllowEmptyString]
        public object Passcode { get; set; }

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

        /// <summary>Only the verdict: $true when every number in scope is protected (as desired), else $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            var settings = new ProtectionAuditSettings
            {
                Quiet = Quiet,
                Query = InServiceScope.Query(this, AreaCode, NpaNxx, State, Lata, RateCenter,
                    bound.ContainsKey(nameof(InServiceSince)) ? InServiceSince : (DateTime?)null,
                    bound.ContainsKey(nameof(InServiceUntil)) ? InServiceUntil : (DateTime?)null),
            };
            if (bound.ContainsKey(nameof(Passcode)))
            {
                // On the command line it is the desired passcode of every number, checked once, here.
                _passcodeForEveryRow = Passcode;
                settings.Passcode = InServiceScope.Passcode(this, Passcode);
            }
            _audit = new ProtectionAudit(settings, Run.Client, new CmdletSink(this), Run.Queue, Run.Log);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != EveryInServiceNumber) Run.Pump(() => ReadRows(_passcodeForEveryRow, Passcode));
        }

        protected override void EndInput() =>
            Run.Pump(() => _audit.Complete(ParameterSetName != EveryInServiceNumber, ResolveConnection().AccountId));

        internal override void OnRow(InputRow row) => _audit.Add(row);

        internal override void OnRowWithoutNumber(InputRow row, IEnumerable<string> properties) => _audit.AddRowWithoutNumberProperty(row, properties);
    }
}
