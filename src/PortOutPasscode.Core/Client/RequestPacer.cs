using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// The pace of one connection, shared by every order and poll in flight. Three things set it: the connection's own
    /// cap on requests a second (a token bucket, off unless asked for); a 429, after which no request of the connection
    /// goes out before the reset Bandwidth named (X-RateLimit-Reset or Retry-After, within the retry cap) instead of each
    /// order finding out for itself; and repeated 429s, which space requests further apart (doubling, up to 2 s) until the
    /// connection has gone 30 s without one.
    /// </summary>
    internal sealed class RequestPacer : IDisposable
    {
        private static readonly TimeSpan FirstSpacing = TimeSpan.FromMilliseconds(50);
        private static readonly TimeSpan MaxSpacing = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan CalmBeforeEasing = TimeSpan.FromSeconds(30);

        private readonly BandwidthClientOptions _options;
        private readonly ILogger _logger;
        private readonly TokenBucketRateLimiter _bucket;
        private readonly object _gate = new object();
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
        private DateTimeOffset _lastThrottle = DateTimeOffset.MinValue;
        private DateTimeOffset _nextStart = DateTimeOffset.MinValue;
        private TimeSpan _spacing = TimeSpan.Zero;

        internal RequestPacer(BandwidthClientOptions options, ILogger logger)
        {
            _options = options;
            _logger = logger;
            if (options.MaxRequestsPerSecond is double rate)
            {
                // Whole tokens every tenth of a second: smooth enough, and a fraction of a request a second still works.
                var perTenth = Math.Max(1, (int)Math.Round(rate / 10));
                _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perTenth,
                    TokensPerPeriod = perTenth,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(perTenth / rate),
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                });
            }
        }

        /// <summary>The spacing repeated 429s have set between request starts (zero when calm).</summary>
        internal TimeSpan Spacing
        {
            get
            {
                lock (_gate) return _spacing;
            }
        }

        /// <summary>Waits until this request may go out.</summary>
        internal async Task WaitTurnAsync(CancellationToken cancellationToken)
        {
            if (_bucket != null)
            {
                using (var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    if (!lease.IsAcquired) throw new InvalidOperationException("The request rate limiter refused a request.");
                }
            }
            TimeSpan wait;
            lock (_gate)
            {
                var now = _options.TimeProvider.GetUtcNow();
                if (_spacing > TimeSpan.Zero && now - _lastThrottle > CalmBeforeEasing)
                {
                    _spacing = _spacing.Ticks / 2 < FirstSpacing.Ticks ? TimeSpan.Zero : TimeSpan.FromTicks(_spacing.Ticks / 2);
                    _lastThrottle = now;
                }
                var start = Max(now, Max(_pausedUntil, _nextStart));
                _nextStart = start + _spacing;
                wait = start - now;
            }
            if (wait > TimeSpan.Zero) await _options.TimeProvider.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Takes what an answer says about the pace: a 429 pauses the whole connection until its reset, and slows it.</summary>
        internal void Observe(HttpResponseMessage response)
        {
            if ((int)response.StatusCode != 429) return;
            var requested = RetryPolicy.RequestedWait(response, _options.TimeProvider);
            lock (_gate)
            {
                var now = _options.TimeProvider.GetUtcNow();
                if (requested is TimeSpan wait && wait <= _options.MaxRetryDelay)
                {
                    var until = now + wait;
                    if (until > _pausedUntil) _pausedUntil = until;
                }
                _spacing = _spacing == TimeSpan.Zero ? FirstSpacing : TimeSpan.FromTicks(Math.Min(_spacing.Ticks * 2, MaxSpacing.Ticks));
                _lastThrottle = now;
            }
            _logger.LogInformation("Bandwidth is throttling (HTTP 429): every request of this connection waits for the reset, and requests are spaced {SpacingMs} ms apart until 30 s pass without a 429.",
                (long)Spacing.TotalMilliseconds);
        }

        public void Dispose() => _bucket?.Dispose();

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    /// <summary>Each attempt waits for its turn in the connection's pace, and reports what the answer said about it.</summary>
    internal sealed class PacingHandler : DelegatingHandler
    {
        private readonly RequestPacer _pacer;

        internal PacingHandler(RequestPacer pacer) => _pacer = pacer;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _pacer.Observe(response);
            return response;
        }
    }
}
