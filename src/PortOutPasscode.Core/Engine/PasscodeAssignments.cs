using System;
using System.Collections.Generic;
using System.Linq;
using PortOutPasscode.Input;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// Set-BwPortOutPasscode -NewPasscodePer: one fresh PIN per distinct value of a row property, drawn by
    /// <see cref="PinGenerator"/> when the value first appears, and what became of the value's numbers. The PIN lives in
    /// the batcher's passcode table only (one passcode index per value, so <see cref="SeenNumbers"/> keeps the value of
    /// every number in the index it keeps anyway); this table adds one entry per value and, per number sent, 8 bytes.
    /// A PIN avoids every number of its value that is known before the first order carrying it leaves: a later number it
    /// holds a part of makes it drawn again while no order has carried it, and cannot change it after (sorting the input
    /// by the property keeps a value's numbers together).
    /// </summary>
    internal sealed class PasscodeAssignments : IDisposable
    {
        /// <summary>Draws for a PIN no other value of the run has, before concluding the length leaves too few.</summary>
        private const int MaxDistinctDraws = 1000;

        private readonly OrderBatcher _batcher;
        private readonly int _length;
        private readonly bool _alphanumeric;
        private readonly PinGenerator _generator;
        private readonly Dictionary<string, Assignment> _byValue = new Dictionary<string, Assignment>(StringComparer.Ordinal);
        // By passcode index too: every value, and only a value, makes a passcode of the batcher's, in this order.
        private readonly List<Assignment> _inOrder = new List<Assignment>();

        /// <param name="random">The PINs' random bytes: the system's cryptographic generator unless a test scripts them.</param>
        internal PasscodeAssignments(string property, int length, bool alphanumeric, OrderBatcher batcher, System.Security.Cryptography.RandomNumberGenerator random = null)
        {
            _generator = new PinGenerator(random);
            Property = property;
            _length = length;
            _alphanumeric = alphanumeric;
            _batcher = batcher;
        }

        /// <summary>The row property, as given to -NewPasscodePer.</summary>
        internal string Property { get; }

        /// <summary>
        /// The PIN for a row whose number is valid: its value's, made now for a new value (or drawn again while no order
        /// carried it, when it holds a part of this number). False with the failure for a row that brings a passcode of its
        /// own, has no value, or whose value no strong PIN of this length can serve.
        /// </summary>
        internal bool TryPasscode(InputRow row, string number, out string passcode, out InputRowException failure)
        {
            passcode = null;
            failure = null;
            if (HasOwnPasscode(row.Passcode))
            {
                failure = new InputRowException(InputRowProblem.PasscodeWithNewPasscodePer, row.Label, number,
                    Messages.PasscodeWithNewPasscodePer(row.Label, number, Property));
                return false;
            }
            var value = row.PasscodeGroup?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                failure = new InputRowException(InputRowProblem.NewPasscodePerValueMissing, row.Label, number,
                    Messages.NewPasscodePerValueMissing(row.Label, number, Property));
                return false;
            }
            try
            {
                var isNew = _batcher.PasscodeIndexOf(number) < 0;
                if (!_byValue.TryGetValue(value, out var assignment))
                {
                    assignment = new Assignment(value, _batcher.IndexOf(Draw(new[] { number })));
                    if (assignment.Index != _inOrder.Count) throw new InvalidOperationException("A passcode of the run is not a value's PIN.");
                    _byValue.Add(value, assignment);
                    _inOrder.Add(assignment);
                }
                else if (isNew && !_batcher.HasHandedOut(assignment.Index)
                    && PinRules.WeaknessOf(_batcher.PasscodeAt(assignment.Index), PinRules.PartsOf(new[] { number })) == PinWeakness.PartOfNumber)
                {
                    // Every number of the value so far is in the order being filled: the new PIN avoids all of them.
                    _batcher.ReplacePasscode(assignment.Index, Draw(_batcher.PendingOf(assignment.Index).Concat(new[] { number })));
                }
                passcode = _batcher.PasscodeAt(assignment.Index);
                return true;
            }
            catch (InvalidOperationException)
            {
                failure = new InputRowException(InputRowProblem.NoStrongPinLeft, row.Label, number,
                    Messages.NoStrongPinForValue(row.Label, number, Property, value, _length, _alphanumeric));
                return false;
            }
        }

        /// <summary>The value whose PIN a passcode index is; null for none.</summary>
        internal string ValueOf(int passcodeIndex) => At(passcodeIndex)?.Value;

        private Assignment At(int passcodeIndex) => passcodeIndex >= 0 && passcodeIndex < _inOrder.Count ? _inOrder[passcodeIndex] : null;

        /// <summary>The value of a number that was queued; null for none.</summary>
        internal string ValueOfNumber(string number) => ValueOf(_batcher.PasscodeIndexOf(number));

        /// <summary>One number's final (or last known) outcome in the order that carried it (orderId null when none was made).</summary>
        internal void Count(string number, TnOutcomeKind outcome, string orderId)
        {
            if (!TelephoneNumbers.TryNormalize(number, out var tenDigits, out _)) return;
            var assignment = At(_batcher.PasscodeIndexOf(tenDigits));
            if (assignment == null) return;
            assignment.Add(TelephoneNumbers.ToKey(tenDigits), orderId);
            switch (outcome)
            {
                case TnOutcomeKind.Failed:
                    assignment.Failed++;
                    break;
                case TnOutcomeKind.Pending:
                    assignment.Pending++;
                    break;
                default:
                    assignment.Protected++;
                    break;
            }
        }

        /// <summary>One object per value with a number sent, in the order the values first appeared.</summary>
        internal IEnumerable<PortOutPasscodeAssignment> Results() =>
            _inOrder.Where(a => a.Numbers != null).Select(a => new PortOutPasscodeAssignment
            {
                NewPasscodePer = Property,
                Value = a.Value,
                Passcode = SecureText.From(_batcher.PasscodeAt(a.Index)),
                TelephoneNumbers = a.Numbers.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                OrderIds = a.OrderIds?.ToArray() ?? Array.Empty<string>(),
                Protected = a.Protected,
                Failed = a.Failed,
                Pending = a.Pending,
            });

        /// <summary>A strong PIN avoiding the numbers' parts that no other value of the run has.</summary>
        private string Draw(IEnumerable<string> numbers)
        {
            var list = numbers as IReadOnlyCollection<string> ?? numbers.ToList();
            for (var i = 0; i < MaxDistinctDraws; i++)
            {
                var pin = _generator.Generate(1, _length, _alphanumeric, list)[0];
                if (!_batcher.Uses(pin)) return pin;
            }
            throw new InvalidOperationException("Too few distinct PINs of this length are left.");
        }

        /// <summary>A passcode the row brings itself: any text or SecureString that is not empty, or a value of another type.</summary>
        private static bool HasOwnPasscode(object passcode) =>
            passcode != null && (!RowRules.TryReadPasscode(passcode, out var text) || !string.IsNullOrEmpty(text));

        public void Dispose() => _generator.Dispose();

        private sealed class Assignment
        {
            internal Assignment(string value, int index)
            {
                Value = value;
                Index = index;
            }

            internal string Value { get; }
            internal int Index { get; }

            // Made when the first number is sent: a value refused or held back by -WhatIf costs only its entry.
            internal List<long> Numbers { get; private set; }
            internal List<string> OrderIds { get; private set; }
            internal long Protected { get; set; }
            internal long Failed { get; set; }
            internal long Pending { get; set; }

            internal void Add(long number, string orderId)
            {
                (Numbers = Numbers ?? new List<long>()).Add(number);
                if (orderId == null) return;
                OrderIds = OrderIds ?? new List<string>();
                // An order's numbers arrive together, so the last id is the only one that can repeat.
                if (OrderIds.Count == 0 || OrderIds[OrderIds.Count - 1] != orderId) OrderIds.Add(orderId);
            }
        }
    }
}
