using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace PortOutPasscode.Session
{
    /// <summary>
    /// The connection Connect-BwAccount stored, one per runspace: parallel runspaces in one process (runbooks,
    /// ForEach-Object -Parallel, tests) never see each other's account.
    /// </summary>
    internal static class ConnectionStore
    {
        private sealed class Slot
        {
            internal BwConnection Connection;
            internal bool WarnedAboutBasic;
        }

        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        internal static BwConnection Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && Slots.TryGetValue(runspace, out var slot) ? slot.Connection : null;
            }
        }

        /// <summary>Makes <paramref name="connection"/> this runspace's (null: none), and gives the replaced one's client back.</summary>
        internal static void Replace(BwConnection connection)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            var slot = Slots.GetValue(runspace, _ => new Slot());
            var previous = slot.Connection;
            slot.Connection = connection;
            if (previous != null && previous != connection) ClientCache.Retire(previous);
        }

        /// <summary>True the first time in this runspace: the Basic deprecation is said once per session, not per call.</summary>
        internal static bool FirstBasicUse()
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return true;
            var slot = Slots.GetValue(runspace, _ => new Slot());
            if (slot.WarnedAboutBasic) return false;
            slot.WarnedAboutBasic = true;
            return true;
        }
    }
}
