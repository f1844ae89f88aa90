using System;
using System.Linq;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    // Creating an order exactly once. A POST whose answer is lost (timeout, dropped connection, 5xx, 429) may or may not
    // have created the order, so it is never resent blindly: the next attempt first asks the list for the order's
    // CustomerOrderId and adopts the order it finds; only when there is none does it send again, with backoff.
    public sealed partial class BandwidthClient
    {
        /// <summary>Orders created this long before our first POST (by the server's clock) are not ours: an earlier run reused the id.</summary>
        private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(10);

        /// <summary>Candidates fetched in full while looking for a lost order; the id is unique, so more would mean the filter was ignored.</summary>
        private const int MaxCandidates = 10;

        private static readonly ResiliencePropertyKey<string> OperationKey = new ResiliencePropertyKey<string>("PortOutPasscode.Operation");

        /// <summary>
        /// Creates a TN option order and returns the API's answer (RECEIVED, usually). When the request has no CustomerOrderId
        /// one is generated and written to <paramref name="request"/>; the returned order always carries it.
        /// </summary>
        public async Task<TnOptionOrder> CreateOrderAsync(TnOptionOrderRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.CustomerOrderId))
            {
                request.CustomerOrderId = NewCustomerOrderId();
            }
            var customerOrderId = request.CustomerOrderId;
            if (customerOrderId.Length > TnOptionOrderRequest.MaxCustomerOrderIdLength)
            {
                throw new ArgumentException(
                    $"The CustomerOrderId '{customerOrderId}' has {customerOrderId.Length} characters; Bandwidth allows at most {TnOptionOrderRequest.MaxCustomerOrderIdLength}.",
                    nameof(request));
            }
            var body = Serialize(stream => TnOptionXml.WriteOrderRequest(request, stream));
            var passcodes = request.Groups.Select(g => g.PortOutPasscode).Where(IsSecretPasscode).ToList();
            var numbers = request.Groups.SelectMany(g => g.TelephoneNumbers ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();
            var what = $"creating TN option order '{customerOrderId}'";
            var unknownOutcome = $"{what}. Whether it was created is not known: Get-BwTnOptionOrder -CustomerOrderId {customerOrderId} tells, before it is sent again";

            var firstSentAt = _options.TimeProvider.GetUtcNow();
            var attempts = 0;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(OperationKey, $"POST {AccountPath}/tnoptions (CustomerOrderId {customerOrderId})");
            Outcome<CreateAttempt> outcome;
            try
            {
                outcome = await _createRetry.Value.ExecuteOutcomeAsync(async (ctx, state) =>
                {
                    try
                    {
                        if (++attempts > 1)
                        {
                            var existing = await FindCreatedOrderAsync(customerOrderId, firstSentAt, ctx.CancellationToken).ConfigureAwait(false);
                            if (existing != null)
                            {
                                Logger.LogInformation("The answer to TN option order {CustomerOrderId} was lost, but the order exists as {OrderId}: adopted, not sent again.",
                                    customerOrderId, existing.OrderId);
                                return Outcome.FromResult(new CreateAttempt(existing));
                            }
                            Logger.LogInformation("TN option order {CustomerOrderId} was not created by the attempt whose answer was lost: sending it again.", customerOrderId);
                        }
                        var response = await SendAsync(HttpMethod.Post, AccountPath + "/tnoptions", body, false, ctx.CancellationToken).ConfigureAwait(false);
                        if (!response.IsSuccessStatusCode)
                        {
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
                        RetryPolicy.IsTransient(response.StatusCode) ? unknownOutcome : what,
                        passcodes,
                        (error, status, detail) => new BandwidthOrderRejectedException(
                            $"Bandwidth rejected TN option order '{customerOrderId}' as a whole ({detail}); none of its {numbers.Length} numbers were changed.",
                            status, error.ErrorCode, error.Description,
                            error.TelephoneNumbers.Length > 0 ? error.TelephoneNumbers : numbers,
                            customerOrderId));
                }
                if (order.CustomerOrderId == null) order.CustomerOrderId = customerOrderId; // the 201 does not always echo it
                return order;
            }
        }

        /// <summary>Letters, digits and dashes, 36 characters: unique enough to find the order again by it.</summary>
        public static string NewCustomerOrderId() => "pop-" + Guid.NewGuid().ToString("N");

        /// <summary>The order a lost POST created, or null: asked by CustomerOrderId, checked in full, never one from before our first POST.</summary>
        private async Task<TnOptionOrder> FindCreatedOrderAsync(string customerOrderId, DateTimeOffset firstSentAt, CancellationToken cancellationToken)
        {
            var summaries = await ListCoreAsync(new OrderQuery { CustomerOrderId = customerOrderId }, false, TnOptionXml.ReadOrderSummaries, cancellationToken)
                .ConfigureAwait(false);
            var earliest = (firstSentAt - ClockSkewAllowance).UtcDateTime;
            foreach (var summary in summaries.Where(s => s.OrderId != null && (s.OrderDate == null || s.OrderDate >= earliest)).Take(MaxCandidates))
            {
                TnOptionOrder order;
                try
                {
                    order = await GetOrderCoreAsync(summary.OrderId, $"reading TN option order '{summary.OrderId}'", cancellationToken).ConfigureAwait(false);
                }
                catch (BandwidthNotFoundException)
                {
                    continue;
                }
                // The full order may not echo the CustomerOrderId; when it does, it must be ours (an ignored filter lists others).
                if (order.CustomerOrderId == null || string.Equals(order.CustomerOrderId, customerOrderId, StringComparison.Ordinal))
                {
                    return order;
                }
            }
            return null;
        }

        private ResiliencePipeline<CreateAttempt> BuildCreateRetry() =>
            new ResiliencePipelineBuilder<CreateAttempt> { TimeProvider = _options.TimeProvider }
                .AddRetry(RetryPolicy.Options<CreateAttempt>(
                    _options,
                    attempt => attempt.Response,
                    (outcome, context) => outcome.Exception != null
                        ? RetryPolicy.IsTransient(outcome.Exception, context.CancellationToken) || RetryPolicy.IsCutAnswer(outcome.Exception)
                        : outcome.Result.Response != null && RetryPolicy.IsTransient(outcome.Result.Response.StatusCode),
                    context => context.Properties.GetValue(OperationKey, "POST tnoptions"),
                    Logger))
                .Build();

        private static bool IsSecretPasscode(string passcode) =>
            !string.IsNullOrEmpty(passcode)
            && !string.Equals(passcode, "unchanged", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(passcode, "systemDefault", StringComparison.OrdinalIgnoreCase);

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
