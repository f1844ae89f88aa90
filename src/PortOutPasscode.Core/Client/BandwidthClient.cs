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
    internal sealed partial class BandwidthClient : IDisposable
    {
        private static readonly MediaTypeHeaderValue XmlContentType = MediaTypeHeaderValue.Parse("application/xml; charset=utf-8");

        private readonly BwConnection _connection;
        private readonly BandwidthClientOptions _options;
        private readonly Lazy<HttpPipeline> _http;
        private readonly Lazy<ResiliencePipeline<CreateAttempt>> _createRetry;
        private readonly Lazy<ResiliencePipeline<object>> _readRetry;
        private readonly ServerClock _serverClock;
        private int _disposed;

        private BandwidthClient(BwConnection connection, BandwidthClientOptions options)
        {
            _connection = connection;
            _options = options;
            _serverClock = new ServerClock(options.TimeProvider);
            _http = new Lazy<HttpPipeline>(() => new HttpPipeline(connection, options), LazyThreadSafetyMode.ExecutionAndPublication);
            _createRetry = new Lazy<ResiliencePipeline<CreateAttempt>>(BuildCreateRetry, LazyThreadSafetyMode.ExecutionAndPublication);
            _readRetry = new Lazy<ResiliencePipeline<object>>(BuildReadRetry, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>A client for <paramref name="connection"/>. Cheap: nothing is built or sent until the first call.</summary>
        internal static BandwidthClient Create(BwConnection connection, BandwidthClientOptions options = null)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            return new BandwidthClient(connection, (options ?? new BandwidthClientOptions()).Validated());
        }

        internal BwConnection Connection => _connection;

        internal BandwidthClientOptions Options => _options;

        internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        private ILogger Logger => _http.Value.Logger;

        /// <summary>Bearer tokens sent lately: hidden, like the credentials, in everything an answer says.</summary>
        private IEnumerable<string> KnownTokens => _http.IsValueCreated ? _http.Value.KnownTokens.ToList() : Enumerable.Empty<string>();

        private string AccountPath => "/accounts/" + Uri.EscapeDataString(_connection.AccountId);

        /// <summary>
        /// One cheap authenticated request (the first passcode of the account). Throws <see cref="BandwidthAuthenticationException"/>
        /// when the credentials are refused (401/403, or the token endpoint refusing an OAuth2 client), and
        /// <see cref="BandwidthBaseUriException"/> when the account's collection is not where the base address says (404).
        /// </summary>
        internal Task VerifyCredentialsAsync(CancellationToken cancellationToken = default) =>
            RunAsync(Messages.CheckingCredentials, async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, AccountPath + "/tnPortoutPasscodes?page=1&size=1", null, false, cancellationToken).ConfigureAwait(false))
                {
                    var status = (int)response.StatusCode;
                    if (status == 401 || status == 403 || status == 404 || status == 429 || status >= 500)
                    {
                        throw ApiErrors.FromStatus(response, _connection, Messages.CheckingCredentials, KnownTokens, collection: true, options: _options);
                    }
                    Logger.LogDebug("The credentials were accepted (HTTP {Status}).", status);
                    return true;
                }
            });

        /// <summary>What the connection's OAuth2 token says of itself (fetching one if needed); nothing for Basic.</summary>
        internal Task<TokenClaims> ReadTokenClaimsAsync(CancellationToken cancellationToken = default) =>
            _connection.AuthenticationKind == BwAuthenticationKind.Basic
                ? Task.FromResult(TokenClaims.None)
                : RunAsync(Messages.CheckingCredentials, async () =>
                    TokenClaims.Read(await _http.Value.Tokens.GetTokenAsync(null, cancellationToken).ConfigureAwait(false)));

        /// <summary>One order, in full.</summary>
        internal Task<TnOptionOrder> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
        {
            RequireOrderId(orderId);
            var what = Messages.ReadingOrder(orderId);
            return RunAsync(what, () => GetOrderCoreAsync(orderId, what, retry: true, cancellationToken));
        }

        /// <summary>Orders matching the query, as summaries (at most 1,000 per answer, the API's limit).</summary>
        internal Task<OrderList<TnOptionOrderSummary>> ListOrderSummariesAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
            RunAsync(Messages.ListingOrders, () => ListCoreAsync(query, false, TnOptionXml.ReadOrderSummaries, retry: true, cancellationToken));

        /// <summary>Orders matching the query, in full (orderDetails=true).</summary>
        internal Task<OrderList<TnOptionOrder>> ListOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
            RunAsync(Messages.ListingOrders, () => ListCoreAsync(query, true, TnOptionXml.ReadOrders, retry: true, cancellationToken));

        internal Task<IReadOnlyList<OrderHistoryEntry>> GetOrderHistoryAsync(string orderId, CancellationToken cancellationToken = default)
        {
            RequireOrderId(orderId);
            var what = Messages.ReadingHistory(orderId);
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, OrderPath(orderId) + "/history", null, false, cancellationToken).ConfigureAwait(false))
                {
                    EnsureSuccess(response, what);
                    return TnOptionXml.ReadOrderHistory(await BodyAsync(response).ConfigureAwait(false), orderId);
                }
            }, what, cancellationToken));
        }

        /// <summary>
        /// One page of the account's numbers that carry a passcode. Pages go by cursor: <paramref name="page"/> is
        /// <see cref="PageCursor.First"/> ("1"), then each answer's next link; no page number is ever computed.
        /// </summary>
        internal Task<Page<PortOutPasscodeInfo>> GetPasscodePageAsync(string page, int size, CancellationToken cancellationToken = default) =>
            GetPageAsync("/tnPortoutPasscodes", page, size, null, TnOptionXml.ReadPasscodePage, Messages.ListingPasscodes, cancellationToken);

        /// <summary>
        /// A page of a cursor-paged collection of the account: 200 with items and links, 204 for "none", and a 404 that is
        /// never read as "no more data" (it means a wrong base address, or filters the API refuses).
        /// </summary>
        internal Task<Page<T>> GetPageAsync<T>(string collection, string page, int size, IEnumerable<KeyValuePair<string, string>> filters,
            Func<Stream, Page<T>> read, string what, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(page)) throw new ArgumentException("The page cursor is empty.", nameof(page));
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The page size must be at least 1.");
            var query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("page", page),
                new KeyValuePair<string, string>("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (filters != null) query.AddRange(filters);
            var path = AccountPath + collection + QueryString(query);
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NoContent) return Page<T>.Empty;
                    EnsureSuccess(response, what, collection: true);
                    return read(await BodyAsync(response).ConfigureAwait(false));
                }
            }, what, cancellationToken));
        }

        /// <summary>
        /// Whether each number carries a passcode: one answer per asked number, in the asked order. Numbers the API reports
        /// as without passcode (15619) have HasPasscode false; numbers it could not look up carry its ErrorCode. The passcode
        /// is text here: the cmdlet decides how it is shown.
        /// </summary>
        internal Task<IReadOnlyList<PortOutPasscodeInfo>> LookupPasscodesAsync(IReadOnlyList<string> tenDigitNumbers, CancellationToken cancellationToken = default)
        {
            if (tenDigitNumbers == null) throw new ArgumentNullException(nameof(tenDigitNumbers));
            if (tenDigitNumbers.Count > ApiLimits.MaxLookupNumbers)
            {
                throw new ArgumentException($"At most {ApiLimits.MaxLookupNumbers} numbers can be looked up at once ({tenDigitNumbers.Count} given).", nameof(tenDigitNumbers));
            }
            if (tenDigitNumbers.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("A number to look up is empty.", nameof(tenDigitNumbers));
            }
            if (tenDigitNumbers.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<PortOutPasscodeInfo>>(Array.Empty<PortOutPasscodeInfo>());
            }
            var what = Messages.LookingUpPasscodes(tenDigitNumbers.Count);
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                var body = Serialize(stream => TnOptionXml.WriteTnList(tenDigitNumbers.Select(_connection.ToWire), stream), BytesPerNumber * tenDigitNumbers.Count + 1024);
                using (var response = await SendAsync(HttpMethod.Post, AccountPath + "/tnPortoutPasscodes", body, true, cancellationToken).ConfigureAwait(false))
                {
                    EnsureSuccess(response, what, collection: true);
                    var list = TnOptionXml.ReadPasscodes(await BodyAsync(response).ConfigureAwait(false));
                    return AnswerEach(tenDigitNumbers, list);
                }
            }, what, cancellationToken));
        }

        /// <summary>
        /// Hides, in what an answer says, every secret it may echo: the connection's credential forms (a server or proxy
        /// echoing the Authorization header), passcodes the order echoes or the caller sent. Echoed passcodes are replaced by
        /// <see cref="TnOptionGroup.HiddenPasscode"/> and kept only as a keyed digest, so no output object holds one.
        /// </summary>
        internal void Scrub(TnOptionOrder order, IEnumerable<string> sentPasscodes = null)
        {
            if (order == null) return;
            var echoed = new List<string>();
            foreach (var group in order.Groups)
            {
                var passcode = group.PortOutPasscode;
                if (passcode == null || passcode == TnOptionGroup.HiddenPasscode || Input.Passcodes.IsReservedWord(passcode)) continue;
                echoed.Add(passcode);
                group.PasscodeDigest = PasscodeDigest.Of(passcode);
                group.PortOutPasscode = TnOptionGroup.HiddenPasscode;
            }
            var secrets = echoed.Concat(sentPasscodes ?? Enumerable.Empty<string>()).Where(Input.Passcodes.IsSecret).Concat(KnownTokens).ToList();
            // An order of 5,000 numbers that are all already protected carries 5,000 errors with one description: masked once.
            var masked = new Dictionary<string, string>(StringComparer.Ordinal);
            string Masked(string description)
            {
                if (description == null) return null;
                if (!masked.TryGetValue(description, out var text)) masked[description] = text = ApiErrors.MaskSecrets(description, _connection, secrets);
                return text;
            }
            foreach (var error in order.Errors) error.Description = Masked(error.Description);
            foreach (var warning in order.Warnings) warning.Description = Masked(warning.Description);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (_http.IsValueCreated) _http.Value.Dispose();
        }

        private IReadOnlyList<PortOutPasscodeInfo> AnswerEach(IReadOnlyList<string> asked, PasscodeList list)
        {
            var passcodes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                var number = Wire.ToTenDigits(item.TelephoneNumber);
                if (!passcodes.ContainsKey(number)) passcodes[number] = item.Passcode as string;
            }
            var errors = new Dictionary<string, TnOptionError>(StringComparer.Ordinal);
            foreach (var error in list.Errors)
            {
                foreach (var number in error.TelephoneNumbers.Select(Wire.ToTenDigits))
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
                else if (errors.TryGetValue(number, out var error) && error.Code != OrderOutcomes.PasscodeNotFoundCode)
                {
                    info.ErrorCode = error.Code;
                    info.ErrorDescription = ApiErrors.MaskSecrets(error.Description, _connection, KnownTokens);
                }
                return info;
            }).ToList();
        }

        private Task<TnOptionOrder> GetOrderCoreAsync(string orderId, string what, bool retry, CancellationToken cancellationToken) =>
            ReadAgainIfCut(() => GetOrderOnceAsync(orderId, what, retry, cancellationToken), "GET " + OrderPath(orderId), cancellationToken);

        private async Task<TnOptionOrder> GetOrderOnceAsync(string orderId, string what, bool retry, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(HttpMethod.Get, OrderPath(orderId), null, false, cancellationToken, retry).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new BandwidthNotFoundException(Messages.OrderNotFound(orderId, _connection.AccountId));
                }
                EnsureSuccess(response, what);
                var order = TnOptionXml.ReadOrder(await BodyAsync(response).ConfigureAwait(false));
                Finish(order);
                return order;
            }
        }

        private Task<OrderList<T>> ListCoreAsync<T>(OrderQuery query, bool details, Func<Stream, OrderList<T>> read, bool retry, CancellationToken cancellationToken) =>
            ReadAgainIfCut(() => ListOnceAsync(query, details, read, retry, cancellationToken), "GET " + AccountPath + "/tnoptions", cancellationToken);

        private async Task<OrderList<T>> ListOnceAsync<T>(OrderQuery query, bool details, Func<Stream, OrderList<T>> read, bool retry, CancellationToken cancellationToken)
        {
            var parameters = (query ?? new OrderQuery()).ToParameters(_connection).ToList();
            if (details) parameters.Add(new KeyValuePair<string, string>("orderDetails", "true"));
            var path = AccountPath + "/tnoptions" + QueryString(parameters);
            using (var response = await SendAsync(HttpMethod.Get, path, null, false, cancellationToken, retry).ConfigureAwait(false))
            {
                // Nothing matching is an empty list (200, or 204); a 404 is a query the API refused or a wrong base address.
                if (response.StatusCode == HttpStatusCode.NoContent) return OrderList<T>.Empty;
                EnsureSuccess(response, Messages.ListingOrders, collection: true);
                var list = read(await BodyAsync(response).ConfigureAwait(false));
                foreach (var order in list.Items.OfType<TnOptionOrder>()) Finish(order);
                return list;
            }
        }

        /// <summary>
        /// An order as read, made ready to show: numbers in the user's ten-digit form (v2 answers are E.164), secrets the
        /// answer echoes hidden, and one outcome per number it lists.
        /// </summary>
        private void Finish(TnOptionOrder order, IEnumerable<string> sentPasscodes = null)
        {
            // In place: the arrays are the answer's own, just read, and an order holds thousands of numbers.
            foreach (var group in order.Groups) ToTenDigitsInPlace(group.TelephoneNumbers);
            foreach (var error in order.Errors) ToTenDigitsInPlace(error.TelephoneNumbers);
            foreach (var warning in order.Warnings) warning.TelephoneNumber = Wire.ToTenDigits(warning.TelephoneNumber);
            Scrub(order, sentPasscodes);
            order.OutcomesOf = OrderOutcomes.ForAnswer;
        }

        private static void ToTenDigitsInPlace(string[] numbers)
        {
            for (var i = 0; i < numbers.Length; i++) numbers[i] = Wire.ToTenDigits(numbers[i]);
        }

        private static string QueryString(IReadOnlyCollection<KeyValuePair<string, string>> parameters) =>
            parameters.Count == 0 ? "" : "?" + string.Join("&", parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));

        /// <summary>
        /// Runs a read (request and parse) again when its answer was not well-formed XML: a complete HTTP message whose body
        /// was cut off is as lost as a dropped connection, and asking again changes nothing. Bounded by MaxRetries; an
        /// answer that stays unreadable (or carries a DOCTYPE) is still refused in the end.
        /// </summary>
        private async Task<T> ReadAgainIfCut<T>(Func<Task<T>> read, string description, CancellationToken cancellationToken)
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

        /// <summary>
        /// Sends one request through the pipeline; raw failures (network, timeout) are left to <see cref="RunAsync{T}"/>.
        /// <paramref name="retry"/> false: one attempt only, for requests that are themselves part of a retried operation.
        /// </summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, ArraySegment<byte>? xmlBody, bool retryablePost,
            CancellationToken cancellationToken, bool retry = true)
        {
            if (IsDisposed) throw new ObjectDisposedException(nameof(BandwidthClient));
            cancellationToken.ThrowIfCancellationRequested();
            using (var request = new HttpRequestMessage(method, new Uri(_connection.BaseUri + pathAndQuery)))
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
                if (xmlBody != null)
                {
                    request.Content = new ByteArrayContent(xmlBody.Value.Array, xmlBody.Value.Offset, xmlBody.Value.Count);
                    request.Content.Headers.ContentType = XmlContentType;
                }
                if (retryablePost) RetryPolicy.MarkRetryable(request);
                if (!retry) RetryPolicy.MarkSingleAttempt(request);
                var response = await _http.Value.CreateApiClient()
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                _serverClock.Observe(response.Headers.Date);
                return response;
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

        private void EnsureSuccess(HttpResponseMessage response, string what, bool collection = false)
        {
            if (!response.IsSuccessStatusCode) throw ApiErrors.FromStatus(response, _connection, what, KnownTokens, collection: collection, options: _options);
        }

        private static Task<Stream> BodyAsync(HttpResponseMessage response) =>
            response.Content == null ? Task.FromResult<Stream>(new MemoryStream()) : response.Content.ReadAsStreamAsync();

        /// <summary>What one number takes in a request body: &lt;TelephoneNumber&gt;+12018551020&lt;/TelephoneNumber&gt;.</summary>
        private const int BytesPerNumber = 48;

        /// <summary>
        /// A request body, written once and sent as often as the retries need. Sized beforehand from
        /// <paramref name="expectedBytes"/> and not copied: an order of 5,000 numbers is a quarter of a megabyte, and a
        /// buffer grown by doubling, then copied, left a megabyte of large-object garbage per order.
        /// </summary>
        private static ArraySegment<byte> Serialize(Action<Stream> write, int expectedBytes = 1024)
        {
            var buffer = new MemoryStream(expectedBytes);
            write(buffer);
            return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        }


        private string OrderPath(string orderId) => AccountPath + "/tnoptions/" + Uri.EscapeDataString(orderId.Trim());

        private static void RequireOrderId(string orderId) => RequireId(orderId, nameof(orderId), Messages.InvalidOrderId);

        /// <summary>
        /// Bandwidth's ids (orders, port-outs, subscriptions) are GUIDs. An id of only dots ("." or "..") would name another
        /// path once the address is normalised, and other characters have no business in one: refused before anything is sent.
        /// </summary>
        private static void RequireId(string id, string parameter, Func<string, string> invalid)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The id is empty.", parameter);
            id = id.Trim();
            var allDots = id.All(c => c == '.');
            var plain = id.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.');
            if (allDots || !plain || id.Length > 64)
            {
                throw new ArgumentException(invalid(Input.RowRules.Echo(id)), parameter);
            }
        }
    }
}
