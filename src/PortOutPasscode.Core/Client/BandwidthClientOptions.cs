using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Client
{
    /// <summary>How patient and how talkative a <see cref="BandwidthClient"/> is.</summary>
    internal sealed class BandwidthClientOptions
    {
        /// <summary>Retries after the first attempt for 429, 5xx and network failures (0 turns retrying off).</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The first backoff delay; each retry doubles it, with jitter.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest wait before a retry, for the backoff and for a Retry-After the API asks for.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long one attempt may take, answer body included.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// At most this many requests a second for the whole connection, shared by every order and poll in flight; null: no
        /// limit of the client's own (Bandwidth still answers 429 when it wants fewer, and every request then waits for its reset).
        /// </summary>
        public double? MaxRequestsPerSecond { get; set; }

        /// <summary>
        /// When a create's answer was lost and the order list does not show it yet, how long to wait before each further
        /// look, for a list that shows new orders late; only then is the order sent again.
        /// </summary>
        public TimeSpan[] LostOrderLookAgain { get; set; } = { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5) };

        /// <summary>
        /// The most one create may take, every retry and look-up included: what the settings promise, (MaxRetries + 1)
        /// attempts of RequestTimeout and MaxRetries waits of MaxRetryDelay. A server that accepts connections and never
        /// answers ends an order in this time, not in nested retries of retries.
        /// </summary>
        public TimeSpan CreateBudget =>
            TimeSpan.FromTicks(RequestTimeout.Ticks * (MaxRetries + 1) + MaxRetryDelay.Ticks * MaxRetries);

        /// <summary>Larger answers are refused with a <see cref="BandwidthProtocolException"/>.</summary>
        public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>Where request, retry and token lines go (never with a secret, token, passcode or body). Null: nowhere.</summary>
        public ILoggerFactory LoggerFactory { get; set; }

        /// <summary>For the User-Agent: PortOutPasscode/&lt;version&gt; PowerShell/&lt;edition&gt;/&lt;version&gt;.</summary>
        public string PowerShellEdition { get; set; } = "unknown";

        public string PowerShellVersion { get; set; } = "unknown";

        /// <summary>The clock for backoff, Retry-After and token expiry (tests replace it).</summary>
        internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>The innermost handler that does the I/O (tests replace it); null: HttpClientHandler with the connection's proxy.</summary>
        internal Func<HttpMessageHandler> PrimaryHandlerFactory { get; set; }

        internal BandwidthClientOptions Validated()
        {
            if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be 0 or more.");
            RequirePositive(RetryBaseDelay, nameof(RetryBaseDelay));
            RequirePositive(MaxRetryDelay, nameof(MaxRetryDelay));
            RequirePositive(RequestTimeout, nameof(RequestTimeout));
            if (MaxRequestsPerSecond is double rate && !(rate > 0)) throw new ArgumentOutOfRangeException(nameof(MaxRequestsPerSecond), rate, "MaxRequestsPerSecond must be positive.");
            if (MaxResponseBytes <= 0) throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "MaxResponseBytes must be positive.");
            return this;
        }

        private static void RequirePositive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, name + " must be positive.");
        }
    }
}
