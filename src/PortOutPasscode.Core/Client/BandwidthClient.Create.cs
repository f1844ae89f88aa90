using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using PortOutPasscode.Contract;
using PortOutPasscode.Input;

namespace PortOutPasscode.Client
{
    // Creating an order exactly once. A POST whose answer is lost (timeout, dropped connection, 5xx) may or may not have
    // created the order, so it is never resent blindly: the next attempt first asks the list for the order's CustomerOrderId
    // (and asks again a little later, for a list that shows new orders late), and adopts an order only when it is provably
    // this attempt's: same numbers in the same passcode groups, created after our first POST by the server's own clock. Only
    // when there is none is the order sent again. A 429 was refused before anything happened: it is simply sent again.
    internal sealed partial class BandwidthClient
    {
        /// <summary>Candidates fetched in full while looking for a lost order; the id is unique, so more would mean the filter was ignored.</summary>
        private const int MaxCandidates = 10;

        /// <summary>An order created this long before our first POST (by the server's clock, Date headers' whole seconds) may still be ours.</summary>
        private static readonly TimeSpan CreateDateTolerance = TimeSpan.FromSeconds(2);

        private static readonly ResiliencePropertyKey<string> OperationKey = new ResiliencePropertyKey<string>("PortOutPasscode.Operation");

        /// <summary>
        /// Creates a TN option order and returns the API's answer (RECEIVED, usually). When the request has no CustomerOrderId
        /// one is generated and written to <paramref name="request"/>; the returned order always carries it. The whole create,
        /// every retry and look-up included, takes at most what the connection's settings promise
        /// (<see cref="BandwidthClientOptions.CreateBudget"/>).
        /// </summary>
        internal async Task<TnOptionOrder> CreateOrderAsync(TnOptionOrderRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.CustomerOrderId))
            {
                request.CustomerOrderId = Engine.CustomerOrderIds.NewSingle(DateTime.UtcNow);
            }
            var customerOrderId = request.CustomerOrderId;
            if (customerOrderId.Length > ApiLimits.MaxCustomerOrderIdLength)
            {
                throw new ArgumentException(Messages.CustomerOrderIdTooLong(customerOrderId), nameof(request));
            }
            var body = Serialize(stream => TnOptionXml.WriteOrderRequest(request, stream, _connection.ToWire), BytesPerNumber * request.NumberCount + 1024);
            var passcodes = request.Groups.Select(g => g.PortOutPasscode).Where(Passcodes.IsSecret).ToList();
            var numbers = request.Numbers.Distinct(StringComparer.Ordinal).ToArray();
            var what = Messages.CreatingOrder(customerOrderId);
            var unknownOutcome = Messages.CreateOutcomeUnknown(customerOrderId);

            var firstSentAt = _options.TimeProvider.GetUtcNow();
            var attempts = 0;
            var previousWasRefusal = false;
            using (var outOfBudget = _options.TimeProvider.CreateCancellationTokenSource(_options.CreateBudget))
            using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, outOfBudget.Token))
            {
                var context = ResilienceContextPool.Shared.Get(budget.Token);
                context.Properties.Set(OperationKey, $"POST {AccountPath}/tnoptions (CustomerOrderId {customerOrderId})");
                Outcome<CreateAttempt> outcome;
                try
                {
                    outcome = await _createRetry.Value.ExecuteOutcomeAsync(async (ctx, state) =>
                    {
                        try
                        {
                            if (++attempts > 1 && !previousWasRefusal)
                            {
                                var existing = await FindCreatedOrderAsync(request, firstSentAt, ctx.CancellationToken).ConfigureAwait(false);
                                if (existing != null)
                                {
                                    Logger.LogInformation("The answer to TN option order {CustomerOrderId} was lost, but the order exists as {OrderId}: adopted, not sent again.",
                                        customerOrderId, existing.OrderId);
                                    return Outcome.FromResult(new CreateAttempt(existing));
                                }
                                Logger.LogInformation("TN option order {CustomerOrderId} was not created by the attempt whose answer was lost: sending it again.", customerOrderId);
                            }
                            previousWasRefusal = false;
                            var response = await SendAsync(HttpMethod.Post, AccountPath + "/tnoptions", body, false, ctx.CancellationToken).ConfigureAwait(false);
                            if (!response.IsSuccessStatusCode)
                            {
                                previousWasRefusal = (int)response.StatusCode == 429;
                                return Outcome.FromResult(new CreateAttempt(response));
                            }
                            // Read inside the attempt: a cut-off answer means the order exists, and the next attempt adopts it.
                            using (response)
                            {
                                return Outcome.FromResult(new CreateAttempt(TnOptionXml.ReadOrder(await BodyAsync(response).ConfigureAwait(false))));
                            }
                        }
                        catch (Exception e)
                        {
                            return Outcome.FromException<CreateAttempt>(e);
                        }
                    }, context, this).ConfigureAwait(false);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }

                var outOfTime = budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                if (outOfTime && outcome.Exception != null)
                {
                    throw new BandwidthTransportException(Messages.CreateBudgetSpent(customerOrderId, _options), outcome.Exception);
                }
                if (outcome.Exception is BandwidthProtocolException unreadable && !cancellationToken.IsCancellationRequested)
                {
                    // Every answer was unreadable: the order may exist, so say how to find out before sending it again.
                    throw ApiErrors.Explain(unreadable, _connection, unknownOutcome);
                }
                if (outcome.Exception != null)
                {
                    var failure = outcome.Exception is BandwidthException || cancellationToken.IsCancellationRequested
                        ? outcome.Exception
                        : ApiErrors.FromTransport(outcome.Exception, _connection, _options, unknownOutcome);
                    if (failure == outcome.Exception) ExceptionDispatchInfo.Capture(failure).Throw();
                    throw failure;
                }

                using (var attempt = outcome.Result)
                {
                    var order = attempt.Order;
                    if (order == null)
                    {
                        var response = attempt.Response;
                        throw ApiErrors.FromStatus(response, _connection,
                            RetryPolicy.IsTransient(response.StatusCode) && (int)response.StatusCode != 429 ? unknownOutcome : what,
                            passcodes.Concat(KnownTokens),
                            (error, status, detail) => new BandwidthOrderRejectedException(
                                Messages.OrderRejected(customerOrderId, detail, numbers.Length),
                                status, error.ErrorCode, error.Description,
                                error.TelephoneNumbers.Length > 0 ? error.TelephoneNumbers.Select(Wire.ToTenDigits).ToArray() : numbers,
                                customerOrderId),
                            collection: true, options: _options);
                    }
                    if (order.CustomerOrderId == null) order.CustomerOrderId = customerOrderId; // the 201 does not always echo it
                    Finish(order, passcodes);
                    return order;
                }
            }
        }

        /// <summary>
        /// The order a lost POST created, or null. Asked by CustomerOrderId, and asked again after each of
        /// <see cref="BandwidthClientOptions.LostOrderLookAgain"/> when the list shows nothing yet; each look is one attempt
        /// (its retries are the create's own). A candidate is adopted only when it is provably ours.
        /// </summary>
        private async Task<TnOptionOrder> FindCreatedOrderAsync(TnOptionOrderRequest request, DateTimeOffset firstSentAt, CancellationToken cancellationToken)
        {
            var delays = new[] { TimeSpan.Zero }.Concat(_options.LostOrderLookAgain);
            foreach (var delay in delays)
            {
                if (delay > TimeSpan.Zero) await _options.TimeProvider.Delay(delay, cancellationToken).ConfigureAwait(false);
                var summaries = await ListCoreAsync(new OrderQuery { CustomerOrderId = request.CustomerOrderId }, false,
                    TnOptionXml.ReadOrderSummaries, retry: false, cancellationToken).ConfigureAwait(false);
                var candidates = summaries.Items.Where(s => s.OrderId != null).Take(MaxCandidates).ToList();
                if (candidates.Count == 0) continue;

                // Our first POST as the server's clock saw it: a server whose clock runs minutes behind ours still dates our order after it.
                var sentByServerClock = _serverClock.ToServerTime(firstSentAt) - CreateDateTolerance;
                TnOptionOrder newest = null;
                foreach (var summary in candidates)
                {
                    TnOptionOrder order;
                    try
                    {
                        order = await GetOrderCoreAsync(summary.OrderId, Messages.ReadingOrder(summary.OrderId), retry: false, cancellationToken).ConfigureAwait(false);
                    }
                    catch (BandwidthNotFoundException)
                    {
                        continue;
                    }
                    if (IsThisAttempts(order, request, sentByServerClock) && (newest == null || order.OrderCreateDate > newest.OrderCreateDate))
                    {
                        newest = order;
                    }
                }
                if (newest != null) return newest;
                // Orders by that name exist but none is ours (an earlier run used the id): ours may still show up late.
            }
            return null;
        }

        /// <summary>
        /// Same CustomerOrderId (when the full order says), created after our first POST, and the same numbers in the same
        /// passcode groups (passcodes compared by digest where the order echoes them). Anything else is another order.
        /// </summary>
        private static bool IsThisAttempts(TnOptionOrder order, TnOptionOrderRequest request, DateTimeOffset notBefore)
        {
            if (order.CustomerOrderId != null && !string.Equals(order.CustomerOrderId, request.CustomerOrderId, StringComparison.Ordinal)) return false;
            if (order.OrderCreateDate == null || new DateTimeOffset(order.OrderCreateDate.Value, TimeSpan.Zero) < notBefore) return false;
            var sent = request.Groups.ToDictionary(g => GroupKey(g.TelephoneNumbers), g => g.PortOutPasscode, StringComparer.Ordinal);
            if (order.Groups.Length != sent.Count) return false;
            foreach (var group in order.Groups)
            {
                if (!sent.TryGetValue(GroupKey(group.TelephoneNumbers), out var passcode)) return false;
                if (group.PasscodeDigest != null && group.PasscodeDigest != PasscodeDigest.Of(passcode)) return false;
                if (group.PasscodeDigest == null && group.PortOutPasscode != null && group.PortOutPasscode != TnOptionGroup.HiddenPasscode
                    && !string.Equals(group.PortOutPasscode, passcode, StringComparison.OrdinalIgnoreCase)) return false;
            }
            return true;
        }

        private static string GroupKey(IEnumerable<string> numbers) =>
            string.Join(",", numbers.Select(Wire.ToTenDigits).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal));

        private ResiliencePipeline<CreateAttempt> BuildCreateRetry() =>
            new ResiliencePipelineBuilder<CreateAttempt> { TimeProvider = _options.TimeProvider }
                .AddRetry(RetryPolicy.Options<CreateAttempt>(
                    _options,
                    attempt => attempt.Response,
                    (outcome, context) => outcome.Exception != null
                        ? RetryPolicy.IsTransient(outcome.Exception, context.CancellationToken) || RetryPolicy.IsCutAnswer(outcome.Exception)
                          || IsLookupFailure(outcome.Exception)
                        : outcome.Result.Response != null && RetryPolicy.ShouldRetry(outcome.Result.Response, _options),
                    context => context.Properties.GetValue(OperationKey, "POST tnoptions"),
                    Logger))
                .Build();

        /// <summary>
        /// A look-up for a lost order that itself met a 5xx, a 429 or the network: looking (or sending) again on the next
        /// attempt is safe, since the look-up changes nothing.
        /// </summary>
        private static bool IsLookupFailure(Exception failure) =>
            failure is BandwidthServerException || failure is BandwidthTransportException
            || (failure is BandwidthThrottledException throttled && !throttled.WaitBeyondCap);

        /// <summary>What one create attempt got: the order (from the API's answer, or found by its CustomerOrderId), or the API's refusal.</summary>
        private sealed class CreateAttempt : IDisposable
        {
            internal CreateAttempt(HttpResponseMessage refusal) => Response = refusal;

            internal CreateAttempt(TnOptionOrder order) => Order = order;

            internal HttpResponseMessage Response { get; }
            internal TnOptionOrder Order { get; }

            public void Dispose() => Response?.Dispose();
        }
    }
}
