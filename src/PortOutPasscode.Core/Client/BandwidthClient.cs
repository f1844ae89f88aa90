using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// Talks to the Bandwidth Numbers API for one connection: TN option orders and port-out passcodes. Thread-safe; meant to
    /// be kept for the life of the connection (it pools HTTP connections and, for OAuth2, the token). Every method honours
    /// its CancellationToken and throws <see cref="BandwidthException"/> subtypes for what the API or the network refused.
    /// </summary>
    public sealed partial class BandwidthClient : IDisposable
    {
        /// <summary>The documented limit of one passcode look-up (error 15607 above it).</summary>
        public const int MaxLookupNumbers = 2500;

        private static readonly MediaTypeHeaderValue XmlContentType = MediaTypeHeaderValue.Parse("application/xml; charset=utf-8");

        private readonly BwConnection _connection;
        private readonly BandwidthClientOptions _options;
        private readonly Lazy<HttpPipeline> _http;
        private readonly Lazy<ResiliencePipeline<CreateAttempt>> _createRetry;
        private readonly Lazy<ResiliencePipeline<object>> _readRetry;
        private int _disposed;

        private BandwidthClient(BwConnection connection, BandwidthClientOptions options)
        {
            _connection = connection;
            _options = options;
            _http = new Lazy<HttpPipeline>(() => new HttpPipeline(connection, options), LazyThreadSafetyMode.ExecutionAndPublication);
            _createRetry = new Lazy<ResiliencePipeline<CreateAttempt>>(BuildCreateRetry, LazyThreadSafetyMode.ExecutionAndPublication);
            _readRetry = new Lazy<ResiliencePipeline<object>>(BuildReadRetry, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>A client for <paramref name="connection"/>. Cheap: nothing is built or sent until the first call.</summary>
        public static BandwidthClient Create(BwConnection connection, BandwidthClientOptions options = null)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            return new BandwidthClient(connection, (options ?? new BandwidthClientOptions()).Validated());
        }

        public BwConnection Connection => _connection;

        private ILogger Logger => _http.Value.Logger;

        private string AccountPath => "/accounts/" + Uri.EscapeDataString(_connection.AccountId);

        /// <summary>
        /// One cheap authenticated request (the first passcode of the account). Throws <see cref="BandwidthAuthenticationException"/>
        /// when the credentials are refused (401/403, or the token endpoint refusing an OAuth2 client); any other answer
        /// from the API means the credentials were accepted.
        /// </summary>
        public Task VerifyCredentialsAsync(CancellationToken cancellationToken = default) =>
            RunAsync("checking the credentials", async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, AccountPath + "/tnPortoutPasscodes?page=1&size=1", null, false, cancellationToken).ConfigureAwait(false))
                {
                    var status = (int)response.StatusCode;
                    if (status == 401 || status == 403 || status == 429 || status >= 500)
                    {
                        throw ApiErrors.FromStatus(response, _connection, "checking the credentials", null);
                    }
                    Logger.LogDebug("The credentials were accepted (HTTP {Status}).", status);
                    return true;
                }
            });

        /// <summary>One order, in full.</summary>
        public Task<TnOptionOrder> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
        {
            RequireOrderId(orderId);
            var what = $"reading TN option order '{orderId}'";
            return RunAsync(what, () => GetOrderCoreAsync(orderId, what, cancellationToken));
        }

        /// <summary>Orders matching the query, as summaries (at most 1,000 per answer, the API's limit).</summary>
        public Task<IReadOnlyList<TnOptionOrderSummary>> ListOrderSummariesAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
            RunAsync("listing TN option orders", () =>
                ListCoreAsync(query, false, TnOptionXml.ReadOrderSummaries, cancellationToken));

        /// <summary>Orders matching the query, in full (orderDetails=true).</summary>
        public Task<IReadOnlyList<TnOptionOrder>> ListOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
            RunAsync("listing TN option orders", () =>
                ListCoreAsync(query, true, TnOptionXml.ReadOrders, cancellationToken));

        public Task<IReadOnlyList<OrderHistoryEntry>> GetOrderHistoryAsync(string orderId, CancellationToken cancellationToken = default)
        {
            RequireOrderId(orderId);
            var what = $"reading the history of TN option order '{orderId}'";
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, OrderPath(orderId) + "/history", null, false, cancellationToken).ConfigureAwait(false))
                {
                    EnsureSuccess(response, what);
                    return TnOptionXml.ReadOrderHistory(await BodyAsync(response).ConfigureAwait(false), orderId);
                }
            }, what, cancellationToken));
        }

        /// <summary>One page (1-based) of the account's numbers that carry a passcode.</summary>
        public Task<PasscodePage> GetPasscodePageAsync(int page, int size, CancellationToken cancellationToken = default)
        {
            if (page < 1) throw new ArgumentOutOfRangeException(nameof(page), page, "Pages are numbered from 1.");
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The page size must be at least 1.");
            var what = $"listing the account's port-out passcodes (page {page})";
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                var path = $"{AccountPath}/tnPortoutPasscodes?page={page}&size={size}";
                using (var response = await SendAsync(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return new PasscodePage { Page = page, Size = size }; // past the last page
                    }
                    EnsureSuccess(response, what);
                    var list = TnOptionXml.ReadPasscodes(await BodyAsync(response).ConfigureAwait(false));
                    return new PasscodePage
                    {
                        Page = page,
                        Size = size,
                        Items = list.Items,
                        TotalCount = list.TelephoneNumberCount,
                        HasNextPage = list.TelephoneNumberCount.HasValue
                            ? (long)page * size < list.TelephoneNumberCount.Value
                            : list.Items.Count >= size,
                    };
                }
            }, what, cancellationToken));
        }

        /// <summary>
        /// Whether each number carries a passcode: one answer per asked number, in the asked order. Numbers the API reports
        /// as without passcode (15619) have HasPasscode false; numbers it could not look up carry its ErrorCode.
        /// </summary>
        public Task<IReadOnlyList<PortOutPasscodeInfo>> LookupPasscodesAsync(IReadOnlyList<string> tenDigitNumbers, CancellationToken cancellationToken = default)
        {
            if (tenDigitNumbers == null) throw new ArgumentNullException(nameof(tenDigitNumbers));
            if (tenDigitNumbers.Count > MaxLookupNumbers)
            {
                throw new ArgumentException($"At most {MaxLookupNumbers} numbers can be looked up at once ({tenDigitNumbers.Count} given).", nameof(tenDigitNumbers));
            }
            if (tenDigitNumbers.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("A number to look up is empty.", nameof(tenDigitNumbers));
            }
            if (tenDigitNumbers.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<PortOutPasscodeInfo>>(Array.Empty<PortOutPasscodeInfo>());
            }
            var what = $"looking up the passcodes of {tenDigitNumbers.Count} numbers";
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                var body = Serialize(stream => TnOptionXml.WriteTnList(tenDigitNumbers, stream));
                using (var response = await SendAsync(HttpMethod.Post, AccountPath + "/tnPortoutPasscodes", body, true, cancellationToken).ConfigureAwait(false))
                {
                    EnsureSuccess(response, what);
                    var list = TnOptionXml.ReadPasscodes(await BodyAsync(response).ConfigureAwait(false));
                    return AnswerEach(tenDigitNumbers, list);
                }
            }, what, cancellationToken));
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (_http.IsValueCreated) _http.Value.Dispose();
        }

        private static IReadOnlyList<PortOutPasscodeInfo> AnswerEach(IReadOnlyList<string> asked, PasscodeList list)
        {
            var passcodes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                if (!passcodes.ContainsKey(item.TelephoneNumber)) passcodes[item.TelephoneNumber] = item.Passcode;
            }
            var errors = new Dictionary<string, TnOptionError>(StringComparer.Ordinal);
            foreach (var error in list.Errors)
            {
                foreach (var number in error.TelephoneNumbers)
                {
                    if (!errors.ContainsKey(number)) errors[number] = error;
                }
            }
            return asked.Select(number =>
            {
                var info = new PortOutPasscodeInfo { TelephoneNumber = number };
                if (passcodes.TryGetValue(number, out var passcode) && passcode != null)
                {
                    info.HasPasscode = true;
                    info.Passcode = passcode;
                }
                else if (errors.TryGetValue(number, out var error) && error.Code != PasscodeNotFoundCode)
                {
                    info.ErrorCode = error.Code;
                    info.ErrorDescription = error.Description;
                }
                return info;
            }).ToList();
        }

        private const string PasscodeNotFoundCode = "15619";

        private Task<TnOptionOrder> GetOrderCoreAsync(string orderId, string what, CancellationToken cancellationToken) =>
            ReadAgainIfCut(() => GetOrderOnceAsync(orderId, what, cancellationToken), "GET " + OrderPath(orderId), cancellationToken);

        private async Task<TnOptionOrder> GetOrderOnceAsync(string orderId, string what, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(HttpMethod.Get, OrderPath(orderId), null, false, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new BandwidthNotFoundException(
                        $"TN option order '{orderId}' does not exist on account {_connection.AccountId}. Check the order id, and that the connection is to the account that placed it.");
                }
                EnsureSuccess(response, what);
                return TnOptionXml.ReadOrder(await BodyAsync(response).ConfigureAwait(false));
            }
        }

        private Task<IReadOnlyList<T>> ListCoreAsync<T>(OrderQuery query, bool details, Func<Stream, IReadOnlyList<T>> read, CancellationToken cancellationToken) =>
            ReadAgainIfCut(() => ListOnceAsync(query, details, read, cancellationToken), "GET " + AccountPath + "/tnoptions", cancellationToken);

        private async Task<IReadOnlyList<T>> ListOnceAsync<T>(OrderQuery query, bool details, Func<Stream, IReadOnlyList<T>> read, CancellationToken cancellationToken)
        {
            var parameters = (query ?? new OrderQuery()).ToParameters().ToList();
            if (details) parameters.Add(new KeyValuePair<string, string>("orderDetails", "true"));
            var path = AccountPath + "/tnoptions" + (parameters.Count == 0 ? "" :
                "?" + string.Join("&", parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value))));
            using (var response = await SendAsync(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false))
            {
                // The list answers 404 when nothing matches the query.
                if (response.StatusCode == HttpStatusCode.NotFound) return Array.Empty<T>();
                EnsureSuccess(response, "listing TN option orders");
                return read(await BodyAsync(response).ConfigureAwait(false));
            }
        }

        /// <summary>
        /// Runs a read (request and parse) again when its answer was not well-formed XML: a complete HTTP message whose body
        /// was cut off is as lost as a dropped connection, and asking again changes nothing. Bounded by MaxRetries; an
        /// answer that stays unreadable (or carries a DOCTYPE) is still refused in the end.
        /// </summary>
        private async Task<T> ReadAgainIfCut<T>(Func<Task<T>> read, string description, CancellationToken cancellationToken) where T : class
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(OperationKey, description);
            try
            {
                return (T)await _readRetry.Value.ExecuteAsync(async _ => (object)await read().ConfigureAwait(false), context).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>Built once per client, like the create's: a poll of every open order passes through it.</summary>
        private ResiliencePipeline<object> BuildReadRetry() =>
            new ResiliencePipelineBuilder<object> { TimeProvider = _options.TimeProvider }
                .AddRetry(RetryPolicy.Options<object>(
                    _options,
                    _ => null,
                    (outcome, context) => RetryPolicy.IsCutAnswer(outcome.Exception),
                    context => context.Properties.GetValue(OperationKey, "the read"),
                    Logger))
                .Build();

        /// <summary>Sends one request through the pipeline; raw failures (network, timeout) are left to <see cref="RunAsync{T}"/>.</summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, byte[] xmlBody, bool retryablePost, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(BandwidthClient));
            cancellationToken.ThrowIfCancellationRequested();
            using (var request = new HttpRequestMessage(method, new Uri(_connection.BaseUri + pathAndQuery)))
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
                if (xmlBody != null)
                {
                    request.Content = new ByteArrayContent(xmlBody);
                    request.Content.Headers.ContentType = XmlContentType;
                }
                if (retryablePost) RetryPolicy.MarkRetryable(request);
                return await _http.Value.CreateApiClient()
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Runs one public operation: failures to get an answer become <see cref="BandwidthTransportException"/>.</summary>
        private async Task<T> RunAsync<T>(string what, Func<Task<T>> operation)
        {
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (BandwidthProtocolException e) when (!e.Explained)
            {
                throw ApiErrors.Explain(e, _connection, what);
            }
            catch (Exception e) when (!(e is BandwidthException) && ApiErrors.FromTransport(e, _connection, _options, what) is BandwidthException mapped)
            {
                throw mapped;
            }
        }

        private void EnsureSuccess(HttpResponseMessage response, string what)
        {
            if (!response.IsSuccessStatusCode) throw ApiErrors.FromStatus(response, _connection, what, null);
        }

        private static Task<Stream> BodyAsync(HttpResponseMessage response) =>
            response.Content == null ? Task.FromResult<Stream>(new MemoryStream()) : response.Content.ReadAsStreamAsync();

        private static byte[] Serialize(Action<Stream> write)
        {
            using (var buffer = new MemoryStream())
            {
                write(buffer);
                return buffer.ToArray();
            }
        }

        private string OrderPath(string orderId) => AccountPath + "/tnoptions/" + Uri.EscapeDataString(orderId.Trim());

        private static void RequireOrderId(string orderId)
        {
            if (string.IsNullOrWhiteSpace(orderId)) throw new ArgumentException("The order id is empty.", nameof(orderId));
        }
    }
}
