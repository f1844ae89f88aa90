using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Engine
{
    /// <summary>How one order's submission ended, from the run's point of view.</summary>
    internal enum SubmissionOutcome
    {
        /// <summary>The API took the order (its answer may still list per-number errors).</summary>
        Accepted,
        /// <summary>The API refused this order as a whole (for example 5193): its numbers are reported, the run goes on.</summary>
        Rejected,
        /// <summary>The account cannot take any order (401, 403, 5194, a base address that is not the API's): the run must stop.</summary>
        AccountFailure,
        /// <summary>The order could not be delivered (network, throttling beyond the retries, an unreadable answer).</summary>
        NotSubmitted,
        /// <summary>Bandwidth asked to wait longer than the connection allows: nothing more may be sent for now.</summary>
        ThrottledBeyondCap,
        /// <summary>The user stopped the run while the order was in flight; whether it was created is unknown.</summary>
        Cancelled,
    }

    internal sealed class SubmissionResult
    {
        internal SubmissionResult(TnOptionOrderRequest request, SubmissionOutcome outcome, TnOptionOrder order, Exception failure)
        {
            Request = request;
            Outcome = outcome;
            Order = order;
            Failure = failure;
        }

        internal TnOptionOrderRequest Request { get; }
        internal SubmissionOutcome Outcome { get; }
        internal TnOptionOrder Order { get; }
        internal Exception Failure { get; }
    }

    /// <summary>
    /// Sends orders and turns every way a submission can end into a <see cref="SubmissionResult"/>, keeping the
    /// submissions still running so that a stopped run can let them end before it returns.
    /// How many run at once is the caller's to decide (-ThrottleLimit).
    /// </summary>
    internal sealed class OrderSubmitter
    {
        private readonly Func<TnOptionOrderRequest, CancellationToken, Task<TnOptionOrder>> _create;
        private readonly ConcurrentDictionary<Task<SubmissionResult>, bool> _running =
            new ConcurrentDictionary<Task<SubmissionResult>, bool>();

        internal OrderSubmitter(Func<TnOptionOrderRequest, CancellationToken, Task<TnOptionOrder>> create)
        {
            _create = create;
        }

        /// <summary>Submissions still running.</summary>
        internal ICollection<Task<SubmissionResult>> Running => _running.Keys;

        /// <summary>
        /// Starts sending an order on the thread pool and returns at once; the task never faults, its result says what
        /// happened. Writing an order of 5,000 numbers as XML takes milliseconds: done on the caller's thread (the
        /// pipeline's) it would stop the reading of rows each time an order fills.
        /// </summary>
        internal Task<SubmissionResult> Submit(TnOptionOrderRequest request, CancellationToken cancellationToken)
        {
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
        }

        internal static SubmissionOutcome Classify(Exception failure, CancellationToken cancellationToken)
        {
            switch (failure)
            {
                case OperationCanceledException _ when cancellationToken.IsCancellationRequested:
                    return SubmissionOutcome.Cancelled;
                case BandwidthAuthenticationException _:
                case BandwidthFeatureDisabledException _:
                case BandwidthBaseUriException _: // a 404 on the account's order collection: no order can go anywhere
                    return SubmissionOutcome.AccountFailure;
                case BandwidthOrderRejectedException _:
                    return SubmissionOutcome.Rejected;
                case BandwidthThrottledException throttled when throttled.WaitBeyondCap:
                    return SubmissionOutcome.ThrottledBeyondCap;
                default:
                    return SubmissionOutcome.NotSubmitted;
            }
        }
    }
}
