using System;
using System.IO;
using System.Linq;
using System.Net.Http.Headers;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// The one definition of what is worth retrying and how long to wait: exponential backoff with jitter, or the
    /// answer's Retry-After (delta-seconds or HTTP-date), both capped by MaxRetryDelay. Used by the HTTP pipeline and by
    /// the create loop, which must not resend a POST blindly and so retries at a higher level.
    /// </summary>
    internal static class RetryPolicy
    {
        private const string RetryablePropertyKey = "PortOutPasscode.Retryable";
        private const string SingleAttemptPropertyKey = "PortOutPasscode.SingleAttempt";

        /// <summary>Bandwidth's rate-limit answer: the epoch second at which the limit resets.</summary>
        internal const string RateLimitResetHeader = "X-RateLimit-Reset";

        /// <summary>Lets the pipeline retry a POST that changes nothing (a look-up, a token request).</summary>
        internal static void MarkRetryable(HttpRequestMessage request) => Mark(request, RetryablePropertyKey);

        /// <summary>One attempt only: the request is a step of an operation that retries as a whole (a create's look-up).</summary>
        internal static void MarkSingleAttempt(HttpRequestMessage request) => Mark(request, SingleAttemptPropertyKey);

        /// <summary>GETs always; a POST only when marked, since resending a create could make a second order; never one marked single.</summary>
        internal static bool IsRetryable(HttpRequestMessage request) =>
            !IsMarked(request, SingleAttemptPropertyKey)
            && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || IsMarked(request, RetryablePropertyKey));

#if NET5_0_OR_GREATER
        private static void Mark(HttpRequestMessage request, string key) => request.Options.Set(new HttpRequestOptionsKey<bool>(key), true);

        private static bool IsMarked(HttpRequestMessage request, string key) =>
            request.Options.TryGetValue(new HttpRequestOptionsKey<bool>(key), out var marked) && marked;
#else
        private static void Mark(HttpRequestMessage request, string key) => request.Properties[key] = true;

        private static bool IsMarked(HttpRequestMessage request, string key) =>
            request.Properties.TryGetValue(key, out var marked) && marked is bool yes && yes;
#endif

        /// <summary>429 and 5xx; never another 4xx (the same request would be refused again).</summary>
        internal static bool IsTransient(HttpStatusCode status) => (int)status == 429 || (int)status >= 500;

        /// <summary>
        /// A transient answer worth retrying: not a 429 that asks for a longer wait than the connection allows. That one is
        /// reported at once with what the server asked for, rather than shortened into a retry storm.
        /// </summary>
        internal static bool ShouldRetry(HttpResponseMessage response, BandwidthClientOptions options) =>
            IsTransient(response.StatusCode) && !IsWaitBeyondCap(response, options);

        internal static bool IsWaitBeyondCap(HttpResponseMessage response, BandwidthClientOptions options) =>
            (int)response.StatusCode == 429 && RequestedWait(response, options.TimeProvider) is TimeSpan wait && wait > options.MaxRetryDelay;

        /// <summary>The answer was lost on the way: the network failed, the connection dropped, or the attempt timed out.</summary>
        internal static bool IsTransient(Exception exception, System.Threading.CancellationToken callerToken)
        {
            switch (exception)
            {
                case BandwidthException _:
                    return false;
                case TimeoutRejectedException _:
                case HttpRequestException _:
                case IOException _:
                case SocketException _:
                    return true;
                case OperationCanceledException _:
                    // Cancelled by something other than the caller: a dropped connection on some platforms.
                    return !callerToken.IsCancellationRequested;
                default:
                    return false;
            }
        }

        /// <summary>
        /// An answer whose HTTP message was complete but whose XML was not (a body cut off on the way): as lost as a dropped
        /// connection. A DOCTYPE fails the same way and is refused again on every try.
        /// </summary>
        internal static bool IsCutAnswer(Exception exception) =>
            exception is BandwidthProtocolException && exception.InnerException is System.Xml.XmlException;

        /// <summary>Retry options shared by every retrying pipeline; <paramref name="responseOf"/> finds the HTTP answer in an outcome.</summary>
        internal static RetryStrategyOptions<T> Options<T>(
            BandwidthClientOptions options,
            Func<T, HttpResponseMessage> responseOf,
            Func<Outcome<T>, ResilienceContext, bool> shouldRetry,
            Func<ResilienceContext, string> describe,
            ILogger logger)
        {
            var clock = options.TimeProvider;
            return new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(options.MaxRetries > 0 && shouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    RetryAfter(args.Outcome.Result == null ? null : responseOf(args.Outcome.Result), clock, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    var response = args.Outcome.Result == null ? null : responseOf(args.Outcome.Result);
                    var reason = response != null
                        ? "HTTP " + (int)response.StatusCode
                        : args.Outcome.Exception?.GetType().Name + ": " + args.Outcome.Exception?.Message;
                    logger.LogInformation("Retrying {Request} in {DelaySeconds:0.0} s (retry {Retry} of {MaxRetries}) after {Reason}.",
                        describe(args.Context), args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, options.MaxRetries, reason);
                    return default;
                },
            };
        }

        /// <summary>The wait an answer asks for, capped; null when it asks for none (the backoff applies).</summary>
        internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock, TimeSpan cap)
        {
            var wait = RequestedWait(response, clock);
            if (wait == null) return null;
            return wait > cap ? cap : wait;
        }

        /// <summary>
        /// The wait an answer asks for, as the server said it: X-RateLimit-Reset (epoch seconds of the reset, as the Numbers API
        /// sends it, often with an empty body), else Retry-After (seconds or an HTTP-date). Null when it says neither.
        /// </summary>
        internal static TimeSpan? RequestedWait(HttpResponseMessage response, TimeProvider clock)
        {
            if (response == null) return null;
            TimeSpan? wait = null;
            if (response.Headers.TryGetValues(RateLimitResetHeader, out var values)
                && long.TryParse(values.FirstOrDefault()?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch)
                && epoch > 0 && epoch < 253402300799L)
            {
                wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - clock.GetUtcNow();
            }
            else if (response.Headers.RetryAfter is RetryConditionHeaderValue header)
            {
                wait = header.Delta ?? (header.Date.HasValue ? header.Date.Value - clock.GetUtcNow() : TimeSpan.Zero);
            }
            if (wait == null) return null;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }
}
