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
            var slot = SlotOf(runspace);
            var previous = slot.Connection;
            slot.Connection = connection;
            if (previous != null && previous != connection) ClientCache.Retire(previous);
        }

        /// <summary>
        /// The runspace's slot; its connection's client is given back when the runspace closes, so runspaces that come and
        /// go (ForEach-Object -Parallel, runbook workers) leave no client and no sockets behind.
        /// </summary>
        private static Slot SlotOf(Runspace runspace) =>
            Slots.GetValue(runspace, created =>
            {
                created.StateChanged += OnStateChanged;
                return new Slot();
            });

        private static void OnStateChanged(object sender, RunspaceStateEventArgs e)
        {
            var state = e.RunspaceStateInfo.State;
            if (state != RunspaceState.Closed && state != RunspaceState.Broken) return;
            if (!(sender is Runspace runspace) || !Slots.TryGetValue(runspace, out var slot)) return;
            var connection = slot.Connection;
            slot.Connection = null;
            ClientCache.Retire(connection);
        }

        /// <summary>True the first time in this runspace: the Basic deprecation is said once per session, not per call.</summary>
        internal static bool FirstBasicUse()
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return true;
            var slot = SlotOf(runspace);
            if (slot.WarnedAboutBasic) return false;
            slot.WarnedAboutBasic = true;
            return true;
        }
    }
}
