using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Client;

namespace PortOutPasscode.Batching
{
    /// <summary>How one order's submission ended, from the run's point of view.</summary>
    public enum SubmissionOutcome
    {
        /// <summary>The API took the order (its answer may still list per-number errors).</summary>
        Accepted,
        /// <summary>The API refused this order as a whole (for example 5193): its numbers are reported, the run goes on.</summary>
        Rejected,
        /// <summary>The account cannot take any order (401, 403, 5194): the run must stop.</summary>
        AccountFailure,
        /// <summary>The order could not be delivered (network, throttling beyond the cap, an unreadable answer).</summary>
        NotSubmitted,
        /// <summary>The user stopped the run while the order was in flight; whether it was created is unknown.</summary>
        Cancelled,
    }

    public sealed class SubmissionResult
    {
        internal SubmissionResult(TnOptionOrderRequest request, SubmissionOutcome outcome, TnOptionOrder order, Exception failure)
        {
            Request = request;
            Outcome = outcome;
            Order = order;
            Failure = failure;
        }

        public TnOptionOrderRequest Request { get; }
        public SubmissionOutcome Outcome { get; }
        public TnOptionOrder Order { get; }
        public Exception Failure { get; }
    }

    /// <summary>
    /// Sends orders and turns every way a submission can end into a <see cref="SubmissionResult"/>, keeping the
    /// orders still in flight so that a stopped run can say which ones may or may not have been created.
    /// How many run at once is the caller's to decide (-ThrottleLimit).
    /// </summary>
    public sealed class OrderSubmitter
    {
        private readonly Func<TnOptionOrderRequest, CancellationToken, Task<TnOptionOrder>> _create;
        private readonly ConcurrentDictionary<string, TnOptionOrderRequest> _inFlight =
            new ConcurrentDictionary<string, TnOptionOrderRequest>();
        private readonly ConcurrentDictionary<Task<SubmissionResult>, bool> _running =
            new ConcurrentDictionary<Task<SubmissionResult>, bool>();

        public OrderSubmitter(Func<TnOptionOrderRequest, CancellationToken, Task<TnOptionOrder>> create)
        {
            _create = create;
        }

        /// <summary>Orders sent whose answer has not come back yet.</summary>
        public ICollection<TnOptionOrderRequest> InFlight => _inFlight.Values;

        /// <summary>Submissions still running.</summary>
        public ICollection<Task<SubmissionResult>> Running => _running.Keys;

        /// <summary>
        /// Starts sending an order on the thread pool and returns at once; the task never faults, its result says what
        /// happened. Writing an order of 5,000 numbers as XML takes milliseconds: done on the caller's thread (the
        /// pipeline's) it would stop the reading of rows each time an order fills.
        /// </summary>
        public Task<SubmissionResult> Submit(TnOptionOrderRequest request, CancellationToken cancellationToken)
        {
            _inFlight[request.CustomerOrderId] = request;
            // No token for Task.Run itself: a cancelled submission must still end in a result (Cancelled), not a cancelled task.
            var task = Task.Run(() => SubmitAsync(request, cancellationToken));
            _running[task] = true;
            task.ContinueWith(t => _running.TryRemove(t, out _), TaskContinuationOptions.ExecuteSynchronously);
            return task;
        }

        private async Task<SubmissionResult> SubmitAsync(TnOptionOrderRequest request, CancellationToken cancellationToken)
        {
            try
            {
                var order = await _create(request, cancellationToken).ConfigureAwait(false);
                return new SubmissionResult(request, SubmissionOutcome.Accepted, order, null);
            }
            catch (Exception e)
            {
                return new SubmissionResult(request, Classify(e, cancellationToken), null, e);
            }
            finally
            {
                _inFlight.TryRemove(request.CustomerOrderId, out _);
            }
        }

        public static SubmissionOutcome Classify(Exception failure, CancellationToken cancellationToken)
        {
            switch (failure)
            {
                case OperationCanceledException _ when cancellationToken.IsCancellationRequested:
                    return SubmissionOutcome.Cancelled;
                case BandwidthAuthenticationException _:
                case BandwidthFeatureDisabledException _:
                    return SubmissionOutcome.AccountFailure;
                case BandwidthOrderRejectedException _:
                    return SubmissionOutcome.Rejected;
                default:
                    return SubmissionOutcome.NotSubmitted;
            }
        }
    }
}
