using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Client
{
    /// <summary>How patient and how talkative a <see cref="BandwidthClient"/> is.</summary>
    public sealed class BandwidthClientOptions
    {
        /// <summary>Retries after the first attempt for 429, 5xx and network failures (0 turns retrying off).</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The first backoff delay; each retry doubles it, with jitter.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest wait before a retry, for the backoff and for a Retry-After the API asks for.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long one attempt may take, answer body included.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

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
            if (MaxResponseBytes <= 0) throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "MaxResponseBytes must be positive.");
            return this;
        }

        private static void RequirePositive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, name + " must be positive.");
        }
    }
}
