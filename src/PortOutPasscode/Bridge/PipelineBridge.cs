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
    /// Work reports by posting actions; the pipeline thread runs them in order while it waits.
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

        /// <summary>Queues an action for the pipeline thread; safe from any thread.</summary>
        internal void Post(Action<PSCmdlet> write)
        {
            try
            {
                _writes.Add(write);
            }
            catch (InvalidOperationException)
            {
                // Disposed: the pipeline has ended and nothing is listening any more.
            }
        }

        /// <summary>Called from StopProcessing, on another thread.</summary>
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
            while (_writes.TryTake(out var write))
            {
                write(_cmdlet);
            }
        }

        /// <summary>
        /// Runs queued actions as they arrive until <paramref name="done"/> holds. Whatever changes the condition
        /// must do so in a posted action (or post after it), so that the wait wakes to look again.
        /// Throws PipelineStoppedException when the user stops the pipeline.
        /// </summary>
        internal void PumpUntil(Func<bool> done)
        {
            Drain();
            while (!done())
            {
                try
                {
                    if (_writes.TryTake(out var write, Timeout.Infinite, _stopping.Token))
                    {
                        write(_cmdlet);
                    }
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
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
            task.ContinueWith(_ => Post(_ => { }), TaskContinuationOptions.ExecuteSynchronously);
            PumpUntil(() => task.IsCompleted);
        }

        public void Dispose()
        {
            _writes.CompleteAdding();
        }
    }
}
