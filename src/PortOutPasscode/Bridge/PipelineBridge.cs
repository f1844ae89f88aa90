using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace PortOutPasscode.Bridge
{
    /// <summary>
    /// Carries what background work produces (objects, errors, verbose, progress) back to the pipeline
    /// thread, the only thread PowerShell lets a cmdlet write from, and cancels that work on Ctrl+C.
    /// </summary>
    internal sealed class PipelineBridge : IDisposable
    {
        private readonly PSCmdlet _cmdlet;
        private readonly BlockingCollection<Action<PSCmdlet>> _writes = new BlockingCollection<Action<PSCmdlet>>();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        internal PipelineBridge(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        /// <summary>Cancelled when the user stops the pipeline.</summary>
        internal CancellationToken Stopping => _stopping.Token;

        /// <summary>Queues a write; safe from any thread.</summary>
        internal void Post(Action<PSCmdlet> write)
        {
            try
            {
                _writes.Add(write);
            }
            catch (InvalidOperationException)
            {
                // Disposed: the pipeline has ended; nothing is listening any more.
            }
        }

        /// <summary>Called from StopProcessing (another thread).</summary>
        internal void Stop() => _stopping.Cancel();

        /// <summary>Performs every queued write now, on the pipeline thread.</summary>
        internal void Drain()
        {
            while (_writes.TryTake(out var write))
            {
                write(_cmdlet);
            }
        }

        /// <summary>
        /// Blocks the pipeline thread until the task ends, performing queued writes as they arrive;
        /// then rethrows the task's own exception, if any (not an AggregateException).
        /// </summary>
        internal T Run<T>(Task<T> task)
        {
            WaitPumping(task);
            return task.GetAwaiter().GetResult();
        }

        internal void Run(Task task)
        {
            WaitPumping(task);
            task.GetAwaiter().GetResult();
        }

        /// <summary>Pumps writes until any one of the tasks has ended or the timeout passes.</summary>
        internal void WaitAny(Task[] tasks, TimeSpan timeout)
        {
            using (var wake = new CancellationTokenSource(timeout))
            {
                foreach (var task in tasks)
                {
                    task.ContinueWith(_ => SafeCancel(wake), TaskContinuationOptions.ExecuteSynchronously);
                }
                Pump(wake.Token);
            }
        }

        private void WaitPumping(Task task)
        {
            using (var done = new CancellationTokenSource())
            {
                task.ContinueWith(_ => SafeCancel(done), TaskContinuationOptions.ExecuteSynchronously);
                Pump(done.Token);
            }
        }

        private void Pump(CancellationToken until)
        {
            try
            {
                while (!until.IsCancellationRequested)
                {
                    if (_writes.TryTake(out var write, Timeout.Infinite, until))
                    {
                        write(_cmdlet);
                    }
                }
            }
            catch (OperationCanceledException) when (until.IsCancellationRequested)
            {
            }
            Drain();
        }

        private static void SafeCancel(CancellationTokenSource source)
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _writes.CompleteAdding();
            _stopping.Dispose();
        }
    }
}
