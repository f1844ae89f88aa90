using System;
using System.Collections.Generic;
using System.Linq;
using PortOutPasscode.Input;

namespace PortOutPasscode.Contract
{
    /// <summary>
    /// What became of each number of an order, read from Bandwidth's answer: the contract's meaning of its ErrorList,
    /// Warnings and codes (5195 "already set" is a success). For an order this module sent, the request
    /// decides which numbers get an outcome (each number sent exactly one, whatever the answer lists or repeats); for an
    /// order read from Bandwidth, the numbers the order lists.
    /// </summary>
    internal static class OrderOutcomes
    {
        internal const string SamePasscodeCode = "5195";
        internal const string PasscodeNotFoundCode = "15619";

        /// <summary>What the order meant to do to a number, from the group it is in.</summary>
        private enum Intent
        {
            SetPasscode,
            RemovePasscode,
            OtherOption,
        }

        /// <summary>
        /// One outcome per number of <paramref name="request"/>. <paramref name="foreign"/> receives numbers the answer
        /// names that were never sent (to be ignored, with a warning).
        /// </summary>
        internal static TnOutcome[] ForRequest(TnOptionOrderRequest request, TnOptionOrder answer, out IReadOnlyList<string> foreign)
        {
            var intents = new Dictionary<string, Intent>(request.NumberCount, StringComparer.Ordinal);
            foreach (var group in request.Groups)
            {
                var intent = IntentOf(group.PortOutPasscode);
                foreach (var number in group.TelephoneNumbers) intents[number] = intent;
            }
            var outcomes = Classify(intents, answer, listedOnly: false, out var others);
            foreign = others;
            return outcomes;
        }

        /// <summary>One outcome per number the order lists (in its groups or its errors).</summary>
        internal static TnOutcome[] ForAnswer(TnOptionOrder answer)
        {
            var intents = new Dictionary<string, Intent>(StringComparer.Ordinal);
            foreach (var group in answer.Groups)
            {
                var intent = IntentOf(group.PortOutPasscode);
                foreach (var number in group.TelephoneNumbers.Select(Wire.ToTenDigits))
                {
                    if (!intents.ContainsKey(number)) intents[number] = intent;
                }
            }
            foreach (var number in answer.Errors.SelectMany(e => e.TelephoneNumbers).Concat(answer.Warnings.Select(w => w.TelephoneNumber)))
            {
                var key = Wire.ToTenDigits(number); // an answer's E.164 (v2) matched to the ten digits the request holds
                if (key != null && !intents.ContainsKey(key)) intents[key] = Intent.OtherOption;
            }
            return Classify(intents, answer, listedOnly: true, out _);
        }

        private static TnOutcome[] Classify(Dictionary<string, Intent> intents, TnOptionOrder answer, bool listedOnly, out IReadOnlyList<string> foreign)
        {
            var final = answer.IsFinal;
            var errors = new Dictionary<string, TnOptionError>(StringComparer.Ordinal);
            TnOptionError orderWide = null;
            var others = new List<string>();
            foreach (var error in answer.Errors)
            {
                if (error.TelephoneNumbers.Length == 0)
                {
                    orderWide = orderWide ?? error;
                    continue;
                }
                foreach (var number in error.TelephoneNumbers)
                {
                    var key = Wire.ToTenDigits(number);
                    if (!intents.ContainsKey(key))
                    {
                        if (!others.Contains(number)) others.Add(number); // said once, however often the answer names it
                    }
                    else if (!errors.ContainsKey(key))
                    {
                        errors.Add(key, error); // one number named many times is still one outcome
                    }
                }
            }
            var warnings = new Dictionary<string, TnOptionWarning>(StringComparer.Ordinal);
            foreach (var warning in answer.Warnings)
            {
                if (warning.TelephoneNumber == null) continue;
                var key = Wire.ToTenDigits(warning.TelephoneNumber);
                if (intents.ContainsKey(key) && !warnings.ContainsKey(key)) warnings.Add(key, warning);
            }
            // Which numbers the answer lists, when that decides (an answer to a request). Sized once: 5,000 numbers an order.
            var listed = listedOnly ? null : new Dictionary<string, bool>(intents.Count, StringComparer.Ordinal);
            if (listed != null)
            {
                foreach (var number in answer.Groups.SelectMany(g => g.TelephoneNumbers)) listed[Wire.ToTenDigits(number)] = true;
            }

            var outcomes = new TnOutcome[intents.Count];
            var i = 0;
            foreach (var pair in intents)
            {
                var outcome = new TnOutcome { TelephoneNumber = pair.Key, OrderId = answer.OrderId, CustomerOrderId = answer.CustomerOrderId };
                if (!final)
                {
                    outcome.Outcome = TnOutcomeKind.Pending;
                }
                else if (errors.TryGetValue(pair.Key, out var error) || (orderWide != null && (error = orderWide) != null))
                {
                    outcome.Code = error.Code;
                    outcome.Description = error.Description;
                    outcome.Outcome = error.Code == SamePasscodeCode && pair.Value == Intent.SetPasscode ? TnOutcomeKind.AlreadyProtected
                        : error.Code == PasscodeNotFoundCode && pair.Value == Intent.RemovePasscode ? TnOutcomeKind.Removed
                        : TnOutcomeKind.Failed;
                }
                else if (warnings.TryGetValue(pair.Key, out var warning))
                {
                    outcome.Description = warning.Description;
                    outcome.Outcome = pair.Value == Intent.SetPasscode && SaysAlreadySet(warning.Description)
                        ? TnOutcomeKind.AlreadyProtected
                        : Success(pair.Value);
                    if (outcome.Outcome == TnOutcomeKind.AlreadyProtected) outcome.Code = SamePasscodeCode;
                }
                else if (listedOnly || listed.ContainsKey(pair.Key) || answer.Groups.Length == 0)
                {
                    // An answer without groups (some 201s) lists nothing either way: its silence is not a failure.
                    outcome.Outcome = Success(pair.Value);
                }
                else
                {
                    outcome.Outcome = TnOutcomeKind.Failed;
                    outcome.Description = Messages.NumberMissingFromAnswer;
                }
                outcomes[i++] = outcome;
            }
            foreign = others;
            return outcomes;
        }

        private static TnOutcomeKind Success(Intent intent) =>
            intent == Intent.SetPasscode ? TnOutcomeKind.Protected
            : intent == Intent.RemovePasscode ? TnOutcomeKind.Removed
            : TnOutcomeKind.Applied;

        private static Intent IntentOf(string portOutPasscode) =>
            portOutPasscode == null ? Intent.OtherOption
            : string.Equals(portOutPasscode, Passcodes.SystemDefault, StringComparison.OrdinalIgnoreCase) ? Intent.RemovePasscode
            : string.Equals(portOutPasscode, Passcodes.Unchanged, StringComparison.OrdinalIgnoreCase) ? Intent.OtherOption
            : Intent.SetPasscode;

        /// <summary>Warnings carry no code: 5195 in warning form is recognised by its text.</summary>
        private static bool SaysAlreadySet(string description) =>
            description != null && (description.IndexOf(SamePasscodeCode, StringComparison.Ordinal) >= 0
                || description.IndexOf("already exists", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
