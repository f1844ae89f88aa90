using System;
using System.Collections.Generic;
using System.Management.Automation;
using PortOutPasscode.Input;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>Numbers given to a -TelephoneNumber filter parameter: normalised, each once, or one terminating error naming the bad one.</summary>
    internal static class NumberParameters
    {
        internal static IReadOnlyList<string> Normalized(PSCmdlet cmdlet, string parameter, IEnumerable<string> texts)
        {
            var numbers = new List<string>();
            foreach (var text in texts)
            {
                if (TelephoneNumbers.TryNormalize(text, out var number, out var problem))
                {
                    if (!numbers.Contains(number)) numbers.Add(number);
                    continue;
                }
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-{parameter} '{RowRules.Echo(text)}' is not a valid North American telephone number: {problem}."),
                    "InvalidTelephoneNumber", ErrorCategory.InvalidArgument, text));
            }
            return numbers;
        }
    }
}
