using System.Globalization;
using System.Text.Json;
using PortOutPasscode.Emulator.Api;

namespace PortOutPasscode.Emulator.Faults;

/// <summary>A fault as the admin API receives it (POST /_emulator/faults).</summary>
public sealed class FaultSpec
{
    /// <summary>create, get, list, history, passcodes, lookup, token, or * (default) for every API endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>throttle, status, latency, dropBefore, dropAfterStore, truncate.</summary>
    public string? Kind { get; set; }

    /// <summary>For kind status: the HTTP status to answer (default 503).</summary>
    public int? Status { get; set; }

    /// <summary>For kind throttle: "2" (seconds, the default is "1"), "date" (an HTTP-date 1 s ahead) or "date:5".</summary>
    public JsonElement? RetryAfter { get; set; }

    /// <summary>
    /// For kind throttle: Bandwidth's form, X-RateLimit-Reset (epoch seconds of the reset, this many seconds ahead) and an
    /// empty body; no Retry-After unless retryAfter is given too.
    /// </summary>
    public int? RateLimitReset { get; set; }

    /// <summary>For kind latency: the delay (default 500 ms).</summary>
    public int? LatencyMs { get; set; }

    /// <summary>How many requests it hits before it is spent; unlimited when absent.</summary>
    public int? Count { get; set; }

    /// <summary>Hits one matching request in N (the Nth, 2Nth…); every one when absent.</summary>
    public int? Every { get; set; }
}

/// <summary>A switched-on fault with its counters. Thread-safe: counters move with Interlocked.</summary>
internal sealed class ActiveFault
{
    public const int MaxLatencyMs = 120_000;
    public const int MaxRetryAfterSeconds = 86_400;

    private long _seen;
    private long _hits;

    private ActiveFault(int id, ApiEndpoint? endpoint, FaultKind kind)
    {
        Id = id;
        Endpoint = endpoint;
        Kind = kind;
    }

    public int Id { get; }

    /// <summary>Null: every API endpoint.</summary>
    public ApiEndpoint? Endpoint { get; }

    public FaultKind Kind { get; }

    public int Status { get; private init; }

    /// <summary>Whether a throttle answer carries Retry-After (always, unless only rateLimitReset was asked for).</summary>
    public bool SendsRetryAfter { get; private init; }

    public int RetryAfterSeconds { get; private init; }

    /// <summary>X-RateLimit-Reset this many seconds ahead, with an empty body; null: not sent.</summary>
    public int? RateLimitResetSeconds { get; private init; }

    public bool RetryAfterAsDate { get; private init; }

    public int LatencyMs { get; private init; }

    public int? Count { get; private init; }

    public int Every { get; private init; } = 1;

    public long Hits => Count is int count ? Math.Min(Interlocked.Read(ref _hits), count) : Interlocked.Read(ref _hits);

    public bool IsSpent => Count is int count && Interlocked.Read(ref _hits) >= count;

    public bool Applies(ApiEndpoint endpoint) => Endpoint == null || Endpoint == endpoint;

    /// <summary>Counts a matching request; true when this one is hit.</summary>
    public bool TryHit()
    {
        if (IsSpent) return false;
        var seen = Interlocked.Increment(ref _seen);
        if (seen % Every != 0) return false;
        var hits = Interlocked.Increment(ref _hits);
        return Count is not int count || hits <= count;
    }

    /// <summary>The Retry-After header value, computed when the answer goes out.</summary>
    public string RetryAfterValue(DateTimeOffset now)
    {
        if (!RetryAfterAsDate) return RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        // HTTP-dates have whole seconds: round up so the client never waits less than asked.
        var at = now.AddSeconds(RetryAfterSeconds);
        var whole = new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (whole < at) whole = whole.AddSeconds(1);
        return whole.ToString("r", CultureInfo.InvariantCulture);
    }

    /// <summary>The X-RateLimit-Reset header value: epoch seconds of the reset, rounded up so the client never waits less than asked.</summary>
    public string RateLimitResetValue(DateTimeOffset now)
    {
        var at = now.AddSeconds(RateLimitResetSeconds ?? 0);
        var seconds = at.ToUnixTimeSeconds();
        if (at > DateTimeOffset.FromUnixTimeSeconds(seconds)) seconds++;
        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    public static ActiveFault Create(int id, FaultSpec spec)
    {
        ApiEndpoint? endpoint = null;
        var endpointName = string.IsNullOrWhiteSpace(spec.Endpoint) ? "*" : spec.Endpoint.Trim();
        if (endpointName != "*")
        {
            if (!ApiEndpoints.ByName.TryGetValue(endpointName, out var named))
            {
                throw new EmulatorConfigurationException(
                    $"endpoint '{spec.Endpoint}' is not one of {string.Join(", ", ApiEndpoints.ByName.Keys)} or *.");
            }
            endpoint = named;
        }
        if (spec.Kind == null || !FaultKinds.ByName.TryGetValue(spec.Kind.Trim(), out var kind))
        {
            throw new EmulatorConfigurationException($"kind '{spec.Kind}' is not one of {string.Join(", ", FaultKinds.ByName.Keys)}.");
        }
        if (spec.Count is < 1) throw new EmulatorConfigurationException("count must be at least 1 (leave it out for no limit).");
        if (spec.Every is < 1) throw new EmulatorConfigurationException("every must be at least 1.");

        var status = kind == FaultKind.Throttle ? 429 : spec.Status ?? 503;
        if (status is < 400 or > 599) throw new EmulatorConfigurationException($"status must be 400 to 599 (it is {status}).");
        var latency = spec.LatencyMs ?? (kind == FaultKind.Latency ? 500 : 0);
        if (latency is < 0 or > MaxLatencyMs) throw new EmulatorConfigurationException($"latencyMs must be 0 to {MaxLatencyMs}.");
        var (seconds, asDate) = ParseRetryAfter(spec.RetryAfter);
        if (spec.RateLimitReset is < 0 or > MaxRetryAfterSeconds)
        {
            throw new EmulatorConfigurationException($"rateLimitReset must be 0 to {MaxRetryAfterSeconds} seconds ahead.");
        }
        var retryAfterGiven = spec.RetryAfter is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

        return new ActiveFault(id, endpoint, kind)
        {
            Status = status,
            SendsRetryAfter = retryAfterGiven || spec.RateLimitReset == null,
            RetryAfterSeconds = seconds,
            RetryAfterAsDate = asDate,
            RateLimitResetSeconds = spec.RateLimitReset,
            LatencyMs = latency,
            Count = spec.Count,
            Every = spec.Every ?? 1,
        };
    }

    private static (int Seconds, bool AsDate) ParseRetryAfter(JsonElement? value)
    {
        if (value == null || value.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return (1, false);
        string text;
        if (value.Value.ValueKind == JsonValueKind.Number) text = value.Value.GetRawText();
        else if (value.Value.ValueKind == JsonValueKind.String) text = value.Value.GetString()!.Trim();
        else throw new EmulatorConfigurationException("retryAfter must be seconds (\"2\"), \"date\" or \"date:N\".");

        var asDate = false;
        if (text.StartsWith("date", StringComparison.OrdinalIgnoreCase))
        {
            asDate = true;
            text = text.Length == 4 ? "1" : text[4] == ':' ? text[5..] : "x";
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxRetryAfterSeconds)
        {
            throw new EmulatorConfigurationException("retryAfter must be seconds (\"2\"), \"date\" or \"date:N\".");
        }
        return (seconds, asDate);
    }
}
