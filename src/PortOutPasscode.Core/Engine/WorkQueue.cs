using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// The one thread that reports: background work (answers, polls, log lines) posts actions here, and the thread that
    /// owns the run (PowerShell's pipeline thread, the only one a cmdlet may write from) runs them in order while it
    /// waits. So every state change of a run happens on that thread, and no lock guards the run's counters.
    /// </summary>
    internal sealed class WorkQueue : IDisposable
    {
        private readonly BlockingCollection<Action> _actions = new BlockingCollection<Action>();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user stops the run (Ctrl+C).</summary>
        internal CancellationToken Stopping => _stopping.Token;

        internal bool IsStopping => _stopping.IsCancellationRequested;

        /// <summary>Queues an action for the owning thread; safe from any thread, and a no-op once the queue is disposed.</summary>
        internal void Post(Action action)
        {
            try
            {
                _actions.Add(action);
            }
            catch (InvalidOperationException)
            {
                // Disposed: the run has ended and nothing is listening any more.
            }
        }

        /// <summary>Called from another thread when the user stops the run.</summary>
        internal void Stop()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>Runs every action queued so far, without waiting for more.</summary>
        internal void Drain()
        {
            while (_actions.TryTake(out var action))
            {
                action();
            }
        }

        /// <summary>
        /// Runs queued actions as they arrive until <paramref name="done"/> holds. Whatever changes the condition must do so
        /// in a posted action (or post after it), so that the wait wakes to look again. <paramref name="tick"/>, when given,
        /// runs every <paramref name="tickEvery"/> however busy the queue is (progress while waiting: the log lines of each
        /// poll arrive as actions too, and must not hold it back). Throws OperationCanceledException when the run is stopped.
        /// </summary>
        internal void PumpUntil(Func<bool> done, Action tick = null, TimeSpan? tickEvery = null)
        {
            Drain();
            var every = tickEvery ?? TimeSpan.FromSeconds(1);
            var sinceTick = Stopwatch.StartNew();
            while (!done())
            {
                var wait = tick == null ? Timeout.Infinite : (int)Math.Max(0, (every - sinceTick.Elapsed).TotalMilliseconds);
                if (_actions.TryTake(out var action, wait, _stopping.Token))
                {
                    action();
                }
                if (tick != null && sinceTick.Elapsed >= every)
                {
                    tick();
                    sinceTick.Restart();
                }
            }
        }

        /// <summary>Waits for one task, running queued actions meanwhile; returns its result or rethrows its own exception.</summary>
        internal T Run<T>(Task<T> task)
        {
            WaitFor(task);
            return task.GetAwaiter().GetResult();
        }

        internal void Run(Task task)
        {
            WaitFor(task);
            task.GetAwaiter().GetResult();
        }

        private void WaitFor(Task task)
        {
            task.ContinueWith(_ => Post(() => { }), TaskContinuationOptions.ExecuteSynchronously);
            PumpUntil(() => task.IsCompleted);
        }

        public void Dispose()
        {
            _actions.CompleteAdding();
        }
    }
}
