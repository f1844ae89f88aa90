using System;
using System.Management.Automation;
using PortOutPasscode.Bridge;

namespace PortOutPasscode.Runs
{
    /// <summary>How every cmdlet that outputs orders reports them: the order, and one error per number its ErrorList names.</summary>
    internal static class OrderReport
    {
        internal const string NumberFailedErrorId = "TelephoneNumberFailed";

        /// <summary>Writes the order and its per-number errors; returns how many numbers failed.</summary>
        internal static int Write(PSCmdlet cmdlet, TnOptionOrder order)
        {
            var failed = 0;
            foreach (var error in order.Errors ?? Array.Empty<TnOptionError>())
            {
                foreach (var number in error.TelephoneNumbers ?? Array.Empty<string>())
                {
                    failed++;
                    cmdlet.WriteError(new ErrorRecord(
                        new InvalidOperationException($"{number}: Bandwidth error {error.Code}: {error.Description} (order {order.OrderId}, {order.CustomerOrderId}). {AdviceFor(error.Code)}"),
                        NumberFailedErrorId, BandwidthErrors.CategoryOfCode(error.Code), number));
                }
            }
            cmdlet.WriteObject(order);
            return failed;
        }

        private static string AdviceFor(string code)
        {
            switch (code)
            {
                case "5076": return "The number is not on this account; check the account id and the number.";
                case "5196": return "Only numbers on Bandwidth's network (on-net) can have a passcode.";
                case "5197": return "Only the number's voice owner can assign its passcode.";
                case "5195": return "That passcode is already set on the number; nothing needed changing.";
                default: return "Nothing was changed for this number.";
            }
        }
    }
}
