using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;

namespace PortOutPasscode.Client
{
    // The handlers of the one HTTP pipeline, outermost first:
    // TransportGuard → Resilience (retry + per-attempt timeout) → Pacing → Authentication → RedactingLogging → BoundedResponse → socket.

    /// <summary>Refuses, before a byte leaves, any request that is not https or http to this machine (redirects are off, so this is the last word).</summary>
    internal sealed class TransportGuardHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                TransportSecurity.EnsureAllowed(request.RequestUri, "The request address");
            }
            catch (ArgumentException e)
            {
                throw new BandwidthTransportException("Nothing was sent. " + e.Message, e);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Retries what <see cref="RetryPolicy"/> calls transient, and bounds every attempt by RequestTimeout.</summary>
    internal sealed class ResilienceHandler : DelegatingHandler
    {
        internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey =
            new ResiliencePropertyKey<HttpRequestMessage>("PortOutPasscode.Request");

        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        internal ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) => _pipeline = pipeline;

        internal static ResiliencePipeline<HttpResponseMessage> BuildPipeline(BandwidthClientOptions options, ILogger logger) =>
            new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }
                .AddRetry(RetryPolicy.Options<HttpResponseMessage>(
                    options,
                    response => response,
                    (outcome, context) =>
                    {
                        var request = context.Properties.GetValue(RequestKey, null);
                        if (request == null || !RetryPolicy.IsRetryable(request)) return false;
                        return outcome.Exception != null
                            ? RetryPolicy.IsTransient(outcome.Exception, context.CancellationToken)
                            : RetryPolicy.ShouldRetry(outcome.Result, options);
                    },
                    context => Describe(context.Properties.GetValue(RequestKey, null)),
                    logger))
                .AddTimeout(options.RequestTimeout)
                .Build();

        internal static string Describe(HttpRequestMessage request) =>
            request == null ? "the request" : request.Method + " " + request.RequestUri?.PathAndQuery;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            try
            {
                return await _pipeline.ExecuteAsync(
                    async ctx => await base.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false),
                    context).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    /// <summary>Basic, or a bearer token that is fetched again once when the API answers 401 to it.</summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly BwConnection _connection;
        private readonly OAuthTokenSource _tokens;

        internal AuthenticationHandler(BwConnection connection, OAuthTokenSource tokens)
        {
            _connection = connection;
            _tokens = tokens;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_connection.AuthenticationKind == BwAuthenticationKind.Basic)
            {
                request.Headers.Authorization = BasicAuthorization(_connection);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var token = await _tokens.GetTokenAsync(null, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            // The token was revoked or expired early: one fresh token (shared by every request that saw the same 401), one more try.
            response.Dispose();
            token = await _tokens.GetTokenAsync(token, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        internal static AuthenticationHeaderValue BasicAuthorization(BwConnection connection) =>
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
                System.Text.Encoding.UTF8.GetBytes(connection.UserName + ":" + connection.RevealSecret())));
    }

    /// <summary>One line per attempt: method, path and query, status, elapsed time. Never a header or a body.</summary>
    internal sealed class RedactingLoggingHandler : DelegatingHandler
    {
        private readonly ILogger _logger;
        private readonly TimeProvider _clock;

        internal RedactingLoggingHandler(ILogger logger, TimeProvider clock)
        {
            _logger = logger;
            _clock = clock;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = _clock.GetTimestamp();
            var what = ResilienceHandler.Describe(request);
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                _logger.LogDebug("{Request} answered {Status} in {ElapsedMs} ms.",
                    what, (int)response.StatusCode, (long)_clock.GetElapsedTime(started).TotalMilliseconds);
                return response;
            }
            catch (Exception e)
            {
                _logger.LogDebug("{Request} failed after {ElapsedMs} ms: {Failure}.",
                    what, (long)_clock.GetElapsedTime(started).TotalMilliseconds, e.GetType().Name);
                throw;
            }
        }
    }

    /// <summary>
    /// Reads the whole answer inside the attempt (so a connection dropped mid-body is retried like any other), and refuses
    /// one larger than MaxResponseBytes, by its Content-Length or by counting.
    /// </summary>
    internal sealed class BoundedResponseHandler : DelegatingHandler
    {
        private readonly long _maxBytes;

        internal BoundedResponseHandler(long maxBytes) => _maxBytes = maxBytes;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Content == null) return response;
            try
            {
                var declared = response.Content.Headers.ContentLength;
                if (declared > _maxBytes)
                {
                    throw TooLarge(response, declared.Value);
                }
                // Read straight into a buffer of the declared size, rented: an answer of 5,000 numbers is a few hundred KB,
                // read two or three times per order, and a fresh buffer each time (or one grown by doubling) was most of a
                // large run's large-object garbage. In small steps beyond it: no Content-Length, or more than it said.
                // One byte more than declared: the read that finds the end must not find the buffer full and grow it.
                var body = ArrayPool<byte>.Shared.Rent(declared > 0 && declared < int.MaxValue ? (int)declared.Value + 1 : 0);
                var length = 0;
                try
                {
                    using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                    {
                        while (true)
                        {
                            if (length == body.Length)
                            {
                                // Full (or no length given): the answer may go on, into a buffer twice the size.
                                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(16384, body.Length * 2));
                                Buffer.BlockCopy(body, 0, larger, 0, length);
                                ArrayPool<byte>.Shared.Return(body, clearArray: true);
                                body = larger;
                            }
                            var read = await stream.ReadAsync(body, length, body.Length - length, cancellationToken).ConfigureAwait(false);
                            if (read == 0) break;
                            length += read;
                            if (length > _maxBytes)
                            {
                                throw TooLarge(response, length);
                            }
                        }
                    }
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(body, clearArray: true);
                    throw;
                }
                var buffered = new PooledBody(body, length);
                foreach (var header in response.Content.Headers)
                {
                    // The length is the buffer's own (it differs from the wire's after decompression).
                    if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                response.Content.Dispose();
                response.Content = buffered;
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        private BandwidthProtocolException TooLarge(HttpResponseMessage response, long bytes) =>
            new BandwidthProtocolException(
                $"The Bandwidth API's answer to {ResilienceHandler.Describe(response.RequestMessage)} is larger than MaxResponseBytes ({_maxBytes} bytes; at least {bytes} came). It was refused unread; raise MaxResponseBytes if such answers are expected.",
                (int)response.StatusCode) { Explained = true };
    }

    /// <summary>
    /// An answer's body in a buffer rented from the shared pool, given back when the response is disposed (every answer is
    /// read inside the response's using), and read as ByteArrayContent is.
    /// </summary>
    internal sealed class PooledBody : HttpContent
    {
        private byte[] _buffer;
        private readonly int _length;

        internal PooledBody(byte[] buffer, int length)
        {
            _buffer = buffer;
            _length = length;
        }

        private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBody));

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext context) => stream.WriteAsync(Buffer, 0, _length);

        protected override Task<Stream> CreateContentReadStreamAsync() =>
            Task.FromResult<Stream>(new MemoryStream(Buffer, 0, _length, writable: false));

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer != null) ArrayPool<byte>.Shared.Return(buffer, clearArray: true); // answers may echo passcodes
            base.Dispose(disposing);
        }
    }
}
