using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using PortOutPasscode.Emulator.Api;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Notifications;

/// <summary>
/// Tells subscriptions about order changes. Port-out changes are published as they happen; TN option orders are
/// watched (a sweep every few milliseconds of real time) until their status, a function of the clock, is final.
/// Callbacks are POSTed by one background sender, each bounded by callbackTimeoutMs and never retried, from a bounded
/// queue: a dead callback URL costs one attempt per event, not a storm. E-mails are only recorded.
/// </summary>
internal sealed class NotificationCenter : IAsyncDisposable
{
    public const int QueueLimit = 10_000;
    public const int LogLimit = 10_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(20);

    private readonly EmulatorState _state;
    private readonly object _gate = new();
    private readonly List<StoredOrder> _watched = new();
    private readonly List<NotificationRecord> _log = new();
    private readonly Channel<(int RecordId, Subscription Subscription, byte[] Body)> _queue =
        Channel.CreateBounded<(int, Subscription, byte[])>(new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false, // a redirect could lead off this machine
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sender;
    private Task? _sweeper;
    private int _nextId;

    public NotificationCenter(EmulatorState state) => _state = state;

    public void Start()
    {
        _sender = Task.Run(SendLoopAsync);
        _sweeper = Task.Run(SweepLoopAsync);
    }

    /// <summary>Watches a new TN option order until it is final.</summary>
    public void Track(StoredOrder order)
    {
        lock (_gate) _watched.Add(order);
    }

    /// <summary>Publishes the final state of every watched order that has reached it.</summary>
    public void Sweep()
    {
        var now = _state.Now;
        List<StoredOrder>? final = null;
        lock (_gate)
        {
            for (var i = _watched.Count - 1; i >= 0; i--)
            {
                if (!_watched[i].StatusAt(now).IsFinal()) continue;
                (final ??= new()).Add(_watched[i]);
                _watched.RemoveAt(i);
            }
        }
        if (final == null || !_state.Subscriptions.Any) return;
        foreach (var order in final.OrderBy(o => o.FinalAt)) Publish(TnOptionEvent(order));
    }

    /// <summary>Records a notification for every live subscription that wants the event, and queues the callbacks.</summary>
    public void Publish(OrderEvent change)
    {
        var now = _state.Now;
        foreach (var subscription in _state.Subscriptions.Of(change.AccountId))
        {
            if (!subscription.IsLive(now) || !subscription.Wants(change.AccountId, change.OrderType, change.OrderId)) continue;
            var callback = subscription.Callback;
            var wire = new WireFormat(callback?.E164Numbers == true ? ApiVersion.V2 : ApiVersion.V1, _state.Settings.ClockOffset);
            var body = ResponseXml.Notification(subscription, change, wire);
            var delivery = callback != null ? "pending" : subscription.Email!.Digest == "DAILY" ? "digest" : "emailed";
            var record = Add(new NotificationRecord(0, subscription.Id, change.AccountId, change.OrderType, change.OrderId, change.Status,
                callback != null ? "callback" : "email", callback?.Url.OriginalString ?? subscription.Email!.Address, subscription.Email?.Digest,
                now, delivery, null, null, null, Encoding.UTF8.GetString(body)));
            if (callback != null && !_queue.Writer.TryWrite((record.Id, subscription, body)))
            {
                Update(record.Id, r => r with { Delivery = "failed", Error = $"not sent: more than {QueueLimit} callbacks were waiting" });
            }
        }
    }

    public NotificationRecord[] Snapshot()
    {
        lock (_gate) return _log.ToArray();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _watched.Clear();
            _log.Clear();
        }
    }

    private static OrderEvent TnOptionEvent(StoredOrder order)
    {
        var failed = order.Problems.Where(p => p.Code != null).Select(p => p.TelephoneNumber).Distinct(StringComparer.Ordinal).Count();
        var message = order.FinalStatus == OrderStatus.COMPLETE
            ? null
            : $"{failed} of {order.CountOfTns} telephone numbers failed: see the order's ErrorList.";
        return new OrderEvent(order.AccountId, "tnoptions", order.OrderId, order.CustomerOrderId, order.FinalStatus.ToString(), message,
            Array.Empty<long>(), order.FinalAt);
    }

    private NotificationRecord Add(NotificationRecord record)
    {
        lock (_gate)
        {
            record = record with { Id = ++_nextId };
            _log.Add(record);
            if (_log.Count > LogLimit) _log.RemoveAt(0);
            return record;
        }
    }

    private void Update(int id, Func<NotificationRecord, NotificationRecord> change)
    {
        lock (_gate)
        {
            var index = _log.FindIndex(r => r.Id == id);
            if (index >= 0) _log[index] = change(_log[index]);
        }
    }

    private async Task SweepLoopAsync()
    {
        using var timer = new PeriodicTimer(SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token)) Sweep();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var (id, subscription, body) in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                await SendAsync(id, subscription, body);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(int id, Subscription subscription, byte[] body)
    {
        var callback = subscription.Callback!;
        var timeout = TimeSpan.FromMilliseconds(_state.Settings.CallbackTimeoutMs);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        string lastStatus;
        try
        {
            if (!SubscriptionReader.IsLoopback(callback.Url)) throw new InvalidOperationException("the callback URL is not on this machine");
            using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ApiResult.XmlContentType);
            if (callback.Username != null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(callback.Username + ":" + callback.Password)));
            }
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            attempt.CancelAfter(timeout);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            status = (int)response.StatusCode;
            lastStatus = $"{status} {response.ReasonPhrase}".Trim();
            if (!response.IsSuccessStatusCode) error = "the callback answered " + lastStatus;
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            error = $"timed out after {timeout.TotalMilliseconds:0} ms";
            lastStatus = error;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            error = e.Message;
            lastStatus = e.Message;
        }
        // The subscription may have been updated (replaced) since: the status belongs to the current one.
        if (_state.Subscriptions.Find(subscription.AccountId, subscription.Id) is { } current) current.LastCallbackStatus = lastStatus;
        var elapsed = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
        Update(id, r => r with { Delivery = error == null ? "delivered" : "failed", HttpStatus = status, Error = error, DurationMs = elapsed });
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        foreach (var task in new[] { _sender, _sweeper })
        {
            if (task != null) await task.ConfigureAwait(false);
        }
        _http.Dispose();
        _stopping.Dispose();
    }
}
