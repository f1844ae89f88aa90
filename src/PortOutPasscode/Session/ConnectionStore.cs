using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace PortOutPasscode.Session
{
    /// <summary>
    /// The connection Connect-BwAccount stored, one per runspace: parallel runspaces in one process
    /// (runbooks, ForEach-Object -Parallel, tests) never see each other's account.
    /// </summary>
    internal static class ConnectionStore
    {
        private sealed class Slot
        {
            internal BwConnection Connection;
        }

        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        internal static BwConnection Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && Slots.TryGetValue(runspace, out var slot) ? slot.Connection : null;
            }
            set
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace == null) return;
                Slots.GetValue(runspace, _ => new Slot()).Connection = value;
            }
        }
    }
}
