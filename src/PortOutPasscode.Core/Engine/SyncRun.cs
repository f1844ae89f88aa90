using System;
using System.Collections.Generic;
using System.Linq;
using PortOutPasscode.Client;
using PortOutPasscode.Contract;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Input;

namespace PortOutPasscode.Engine
{
    internal sealed class SyncSettings
    {
        /// <summary>With <see cref="AllInService"/>: the passcode every in-service number is to carry (checked already).</summary>
        internal string Passcode { get; set; }

        /// <summary>Every in-service number (filtered by <see cref="Query"/>) is to carry <see cref="Passcode"/>.</summary>
        internal bool AllInService { get; set; }

        internal InServiceQuery Query { get; set; } = new InServiceQuery();

        /// <summary>Also take the passcode off protected numbers the desired state does not list.</summary>
        internal bool RemoveUnlisted { get; set; }

        /// <summary>Asked once before any removal: true to go on (ConfirmImpact High, -Force, -WhatIf).</summary>
        internal Func<string, bool> ConfirmRemoval { get; set; } = _ => true;

        /// <summary>True for -WhatIf: the plan is said and the orders shown, nothing sent.</summary>
        internal bool WhatIf { get; set; }

        /// <summary>The settings of the run that makes the changes (batching, waiting, ShouldProcess per order).</summary>
        internal PasscodeRunSettings Run { get; set; } = new PasscodeRunSettings();

        internal int PageSize { get; set; } = 1000;
    }

    /// <summary>
    /// Sync-BwPortOutPasscode: brings Bandwidth to a desired state with the fewest changes. The desired state is read
    /// whole and checked first (a number twice with two passcodes stops everything, naming both rows, before anything is
    /// sent); then the current state is read (look-ups of the numbers, or the protected and in-service lists), and only the
    /// numbers that differ go into one <see cref="PasscodeRun"/>: unprotected and differing ones set, unlisted ones
    /// (with -RemoveUnlisted) removed. Its outcomes are that run's.
    /// </summary>
    internal sealed class SyncRun : IDisposable
    {
        private readonly SyncSettings _settings;
        private readonly BandwidthClient _client;
        private readonly IRunSink _sink;
        private readonly WorkQueue _queue;
        private readonly ActivityScope _log;
        private readonly SeenNumbers _desired = new SeenNumbers();
        private readonly PasscodeTable _passcodes = new PasscodeTable();
        private readonly List<long> _order = new List<long>();
        private readonly RowKeys _rows = new RowKeys();
        private readonly Dictionary<long, object> _originals = new Dictionary<long, object>();
        private readonly List<string> _conflicts = new List<string>();
        private readonly SyncPlan _plan = new SyncPlan();
        private PasscodeRun _run;
        private long _refused;
        private readonly NumberlessRows _numberless = new NumberlessRows();

        internal SyncRun(SyncSettings settings, BandwidthClient client, IRunSink sink, WorkQueue queue, ActivityScope log)
        {
            _settings = settings;
            _client = client;
            _sink = sink;
            _queue = queue;
            _log = log ?? ActivityScope.None;
            settings.Run.WriteSummary = false;
            settings.Run.CommandName = "Sync-BwPortOutPasscode";
        }

        internal SyncPlan Plan => _plan;

        /// <summary>One row of the desired state: checked now, kept compactly until the input ends.</summary>
        internal void Add(InputRow row)
        {
            if (!RowRules.TryNumber(row, out var number, out var failure))
            {
                Refuse(failure, row.Source.TargetOf(row.Position, null, row.Original));
                return;
            }
            if (!RowRules.TryPasscode(row, number, out var passcode, out failure))
            {
                Refuse(failure, row.Source.TargetOf(row.Position, number, row.Original));
                return;
            }
            var key = TelephoneNumbers.ToKey(number);
            var index = _passcodes.IndexOf(passcode);
            if (!_desired.TryAdd(key, index, _rows.KeyOf(row), out var earlier, out var earlierRow))
            {
                if (earlier != index) _conflicts.Add(Messages.DesiredConflict(number, _rows.LabelOf(earlierRow), row.Source.Reference(row.Position)));
                return;
            }
            _order.Add(key);
            if (row.Original != null) _originals[key] = row.Original;
        }

        /// <summary>The first such row is reported, the others counted (one closing error names them); each counts as refused.</summary>
        internal void AddRowWithoutNumberProperty(InputRow row, IEnumerable<string> properties)
        {
            var failure = _numberless.Add(row, properties);
            if (failure != null)
            {
                Refuse(failure, row.Original);
                return;
            }
            _refused++;
            _plan.Refused++;
        }

        /// <summary>Plans against what Bandwidth has now, says the plan, then makes the changes (not with -WhatIf).</summary>
        internal void Complete()
        {
            var numberless = _numberless.Closing();
            if (numberless != null) _sink.Failure(numberless, null);
            if (_conflicts.Count > 0)
            {
                // The same error id as Set's conflicting row (PasscodeConflict), for the whole desired state.
                var message = Messages.DesiredStateConflicts(_conflicts);
                throw new RunHaltedException(message, new InputRowException(InputRowProblem.PasscodeConflict, null, null, message));
            }
            if (_settings.RemoveUnlisted && !_settings.AllInService && _order.Count == 0)
            {
                throw new RunHaltedException(Messages.NothingListedToKeep(_plan.Refused), null);
            }
            _run = new PasscodeRun(_settings.Run, _client, _sink, _queue, _log);
            var removals = new List<long>();
            if (_settings.AllInService) PlanAllInService(removals);
            else PlanListed(removals);

            if (removals.Count > 0 && _plan.Refused > 0)
            {
                // A refused row may be a number the user meant to keep: unlisted is not known, so nothing is unprotected.
                _sink.Warning(Messages.RemovalsHeldBack(removals.Count, _plan.Refused));
                _plan.Remove = 0;
                removals.Clear();
            }

            _sink.Verbose(_plan.ToString());
            if (_settings.WhatIf) _sink.Summary(Messages.SyncPlanWhatIf(_plan));
            if (removals.Count > 0 && !_settings.ConfirmRemoval(Messages.RemovalTarget(removals.Count)))
            {
                _plan.Remove = 0;
                removals.Clear();
            }
            var position = 0L;
            foreach (var key in removals)
            {
                var number = key.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _run.AddRemoval(new InputRow(UnlistedSource, ++position, number, null, number));
            }
            _run.Complete();
            if (!_settings.WhatIf) _sink.Summary(Messages.SyncSummary(_plan, _run.Summary.Outcomes()));
        }

        /// <summary>The numbers listed: looked up 2,500 at a time; only those not as desired are sent.</summary>
        private void PlanListed(List<long> removals)
        {
            for (var start = 0; start < _order.Count; start += ApiLimits.MaxLookupNumbers)
            {
                var keys = _order.Skip(start).Take(ApiLimits.MaxLookupNumbers).ToList();
                var numbers = keys.Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                var answers = _queue.Run(_log.Start(() => _client.LookupPasscodesAsync(numbers, _queue.Stopping)));
                for (var i = 0; i < keys.Count; i++)
                {
                    _desired.TryGet(keys[i], out var index);
                    var desired = _passcodes[index];
                    var info = answers[i];
                    var target = TargetOf(keys[i], numbers[i]);
                    if (info.ErrorCode != null)
                    {
                        _plan.NotOnAccount++;
                        _sink.Failure(new TelephoneNumberException(Messages.NotOnAccountForSync(numbers[i], info.ErrorCode, info.ErrorDescription),
                            numbers[i], info.ErrorCode, info.ErrorDescription, null, null), target);
                    }
                    else if (info.HasPasscode && string.Equals(info.Passcode as string, desired, StringComparison.Ordinal))
                    {
                        _plan.Unchanged++;
                    }
                    else
                    {
                        if (info.HasPasscode) _plan.Change++;
                        else _plan.Protect++;
                        Send(keys[i], numbers[i], desired, target);
                    }
                }
                _sink.Progress(new RunProgress { Activity = Messages.SyncActivity, Status = Messages.SyncPlanning(start + keys.Count, _order.Count), PercentComplete = (int)(100L * (start + keys.Count) / Math.Max(1, _order.Count)) });
            }
            if (!_settings.RemoveUnlisted) return;
            AddProtectedNumbersNotIn(_desired, removals);
        }

        /// <summary>Every in-service number to carry the one passcode: the protected list read first, then the in-service list streamed against it.</summary>
        private void PlanAllInService(List<long> removals)
        {
            var desired = _settings.Passcode;
            var inService = _settings.RemoveUnlisted ? new SeenNumbers() : null;
            var position = 0L;
            using (var readAhead = new InServiceReadAhead(_client, _queue, _log, _settings.Query, _settings.PageSize))
            {
                var protectedNumbers = ProtectedNumbers.Read(_client, _queue, _log, _settings.PageSize,
                    walk => _sink.Progress(new RunProgress { Activity = Messages.SyncActivity, Status = Messages.AuditReadingProtected(walk.Items) }));
                readAhead.ForEachPage(page =>
                {
                    foreach (var number in page.Items)
                    {
                        position++;
                        inService?.TryAdd(TelephoneNumbers.ToKey(number), 0, 0, out _, out _);
                        switch (protectedNumbers.StateOf(number, desired))
                        {
                            case ProtectionState.Matches:
                                _plan.Unchanged++;
                                continue;
                            case ProtectionState.Differs:
                                _plan.Change++;
                                break;
                            default:
                                _plan.Protect++;
                                break;
                        }
                        _run.Add(new InputRow(InServiceSource, position, number, desired, number));
                    }
                });
            }
            if (inService == null) return;
            if (inService.Count == 0) throw new RunHaltedException(Messages.NothingListedToKeep(0), null);
            // Unlisted here means protected but not in service: its passcode protects nothing of the account's.
            AddProtectedNumbersNotIn(inService, removals);
        }

        /// <summary>The account's protected numbers that <paramref name="keep"/> does not hold: the removals of -RemoveUnlisted.</summary>
        private void AddProtectedNumbersNotIn(SeenNumbers keep, List<long> removals)
        {
            var walk = new PageWalk(Messages.ListingPasscodes);
            while (walk.Current != null)
            {
                var cursor = walk.Current;
                var page = _queue.Run(_log.Start(() => _client.GetPasscodePageAsync(cursor, _settings.PageSize, _queue.Stopping)));
                foreach (var info in page.Items)
                {
                    if (!TelephoneNumbers.TryNormalize(info.TelephoneNumber, out var number, out _)) continue;
                    var key = TelephoneNumbers.ToKey(number);
                    if (!keep.TryGet(key, out _)) removals.Add(key);
                }
                walk.Advance(page);
            }
            _plan.Remove = removals.Count;
        }

        private void Send(long key, string number, string passcode, object target)
        {
            var rowKey = _desired.RowOf(key);
            _run.Add(new InputRow(_rows.SourceOf(rowKey), RowKeys.PositionOf(rowKey), number, passcode, target));
        }

        private object TargetOf(long key, string number)
        {
            if (_originals.TryGetValue(key, out var original)) return original;
            return _rows.TargetOf(_desired.RowOf(key), number);
        }

        private void Refuse(InputRowException failure, object target)
        {
            _refused++;
            _plan.Refused++;
            _sink.Failure(failure, target);
        }

        private static readonly InputSource InServiceSource = InputSource.Named("the in-service list");
        private static readonly InputSource UnlistedSource = InputSource.Named("the unlisted protected numbers");

        internal void Stop() => _queue.Stop();

        public void Dispose() => _run?.Dispose();
    }

    /// <summary>What a sync does, counted before it does it (the -WhatIf plan) and after.</summary>
    internal sealed class SyncPlan
    {
        internal long Unchanged { get; set; }
        internal long Protect { get; set; }
        internal long Change { get; set; }
        internal long Remove { get; set; }
        internal long NotOnAccount { get; set; }
        internal long Refused { get; set; }

        public override string ToString() => Messages.SyncPlanText(this);
    }
}
