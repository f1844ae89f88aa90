using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>
/// The pace of one connection, on its own: the pause a 429 imposes on every request of the connection, the spacing
/// repeated 429s add and take away again, both on the test clock; and the connection's own cap on requests a second.
/// </summary>
public class RequestPacerTests
{
    private static RequestPacer Pacer(TimeProvider clock, double? maxRequestsPerSecond = null, TimeSpan? maxRetryDelay = null) =>
        new(new BandwidthClientOptions
        {
            TimeProvider = clock,
            MaxRequestsPerSecond = maxRequestsPerSecond,
            MaxRetryDelay = maxRetryDelay ?? TimeSpan.FromSeconds(60),
        }.Validated(), NullLogger.Instance);

    private static HttpResponseMessage RateLimitReset(TestClock clock, int secondsAhead)
    {
        var response = new HttpResponseMessage((HttpStatusCode)429);
        var epoch = clock.GetUtcNow().AddSeconds(secondsAhead).ToUnixTimeSeconds();
        response.Headers.TryAddWithoutValidation(RetryPolicy.RateLimitResetHeader, epoch.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private static HttpResponseMessage RetryAfter(int status, int seconds)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    }

    [Fact]
    public async Task A_calm_connection_without_a_cap_never_waits()
    {
        var clock = new TestClock();
        using var pacer = Pacer(clock);

        for (var i = 0; i < 20; i++) await pacer.WaitTurnAsync(CancellationToken.None);
        pacer.Observe(new HttpResponseMessage(HttpStatusCode.OK));
        await pacer.WaitTurnAsync(CancellationToken.None);

        Assert.Empty(clock.TimersAsked);
        Assert.Equal(TimeSpan.Zero, pacer.Spacing);
    }

    [Theory]
    [InlineData("X-RateLimit-Reset")]
    [InlineData("Retry-After")]
    public async Task After_a_429_every_request_of_the_connection_waits_for_the_reset_and_then_they_go_out_spaced(string header)
    {
        var clock = new TestClock { Speedup = 100 }; // starts on a whole second, so the epoch-second reset is exactly 3 s ahead
        using var pacer = Pacer(clock);

        var reset = clock.GetUtcNow().AddSeconds(3);
        pacer.Observe(header == "Retry-After" ? RetryAfter(429, 3) : RateLimitReset(clock, 3));
        // Three requests of three orders in flight at once: none goes before the reset, and they leave 50 ms apart. Each
        // start is when it was asked plus what it waited (a fired timer moves the test clock on, possibly between the asks).
        var asked = new List<DateTimeOffset>();
        var turns = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            asked.Add(clock.GetUtcNow());
            turns.Add(pacer.WaitTurnAsync(CancellationToken.None));
        }
        await Task.WhenAll(turns);

        var starts = asked.Zip(clock.TimersAsked, (at, wait) => at + wait).ToList();
        Assert.Equal(new[] { reset, reset.AddMilliseconds(50), reset.AddMilliseconds(100) }, starts);
        Assert.Equal(TimeSpan.FromMilliseconds(50), pacer.Spacing);
    }

    [Fact]
    public async Task A_reset_later_than_the_retry_cap_pauses_nothing_it_is_reported_by_the_request_instead()
    {
        var clock = new TestClock();
        using var pacer = Pacer(clock, maxRetryDelay: TimeSpan.FromSeconds(60));

        pacer.Observe(RateLimitReset(clock, 3600));
        await pacer.WaitTurnAsync(CancellationToken.None);

        Assert.Empty(clock.TimersAsked); // an hour's pause, shortened or not, would have been asked here
        Assert.Equal(TimeSpan.FromMilliseconds(50), pacer.Spacing); // still, the connection slows down
    }

    [Fact]
    public void Answers_other_than_429_change_nothing_even_with_a_Retry_After()
    {
        using var pacer = Pacer(new TestClock());

        pacer.Observe(RetryAfter(503, 30));
        pacer.Observe(new HttpResponseMessage(HttpStatusCode.OK));

        Assert.Equal(TimeSpan.Zero, pacer.Spacing);
    }

    [Fact]
    public void Repeated_429s_double_the_spacing_up_to_two_seconds()
    {
        using var pacer = Pacer(new TestClock());
        var spacings = new List<double>();

        for (var i = 0; i < 8; i++)
        {
            pacer.Observe(new HttpResponseMessage((HttpStatusCode)429));
            spacings.Add(pacer.Spacing.TotalMilliseconds);
        }

        Assert.Equal(new[] { 50.0, 100, 200, 400, 800, 1600, 2000, 2000 }, spacings);
    }

    [Fact]
    public async Task Spaced_requests_wait_the_spacing_between_starts_and_the_spacing_halves_after_each_30_s_without_a_429()
    {
        var clock = new TestClock();
        using var pacer = Pacer(clock);
        for (var i = 0; i < 3; i++) pacer.Observe(new HttpResponseMessage((HttpStatusCode)429)); // 50, 100, 200 ms

        await pacer.WaitTurnAsync(CancellationToken.None);
        await pacer.WaitTurnAsync(CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(200) }, clock.TimersAsked); // the second start waits for the first + 200 ms

        var eased = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(31));
            await pacer.WaitTurnAsync(CancellationToken.None);
            eased.Add(pacer.Spacing.TotalMilliseconds);
        }
        Assert.Equal(new[] { 100.0, 50, 0 }, eased);

        // A new 429 starts again from the first spacing.
        pacer.Observe(new HttpResponseMessage((HttpStatusCode)429));
        Assert.Equal(TimeSpan.FromMilliseconds(50), pacer.Spacing);
    }

    [Fact]
    public async Task Cancelling_ends_a_wait_for_the_reset_at_once()
    {
        var clock = new TestClock { Speedup = 1 }; // a real 30 s: only the cancellation can end it in time
        using var pacer = Pacer(clock);
        pacer.Observe(RetryAfter(429, 30));
        using var cancel = new CancellationTokenSource();

        var waiting = pacer.WaitTurnAsync(cancel.Token);
        cancel.CancelAfter(50);
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"The wait ended after {stopwatch.Elapsed}.");
    }

    // The cap is System.Threading.RateLimiting's token bucket, which replenishes on its own timer in real time (it takes no
    // TimeProvider): measured in real time here, with lower bounds only, which a loaded machine can only make safer.

    [Theory]
    [InlineData(20.0, 22, 0.8)]  // 2 tokens every 100 ms: 2 at once, the other 20 over 10 periods (1 s)
    [InlineData(2.0, 3, 0.8)]    // less than one request a tenth of a second: 1 token every 500 ms (1 s for the other 2)
    public async Task The_connections_own_cap_spreads_requests_in_flight_at_once_over_time(double perSecond, int requests, double atLeastSeconds)
    {
        using var pacer = Pacer(TimeProvider.System, maxRequestsPerSecond: perSecond);
        var stopwatch = Stopwatch.StartNew();

        // Every order and poll of the connection shares the one cap: all of them at once.
        await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => pacer.WaitTurnAsync(CancellationToken.None)));

        Assert.True(stopwatch.Elapsed.TotalSeconds >= atLeastSeconds,
            $"{requests} requests at {perSecond}/s went out in {stopwatch.Elapsed.TotalSeconds:0.000} s.");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"{requests} requests at {perSecond}/s took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void Without_a_cap_the_same_burst_goes_out_at_once()
    {
        using var pacer = Pacer(TimeProvider.System);

        var turns = Enumerable.Range(0, 22).Select(_ => pacer.WaitTurnAsync(CancellationToken.None)).ToList();

        Assert.All(turns, turn => Assert.True(turn.IsCompletedSuccessfully)); // not one of them had to wait
    }

    [Fact]
    public async Task Cancelling_ends_a_wait_for_a_token_of_the_cap()
    {
        using var pacer = Pacer(TimeProvider.System, maxRequestsPerSecond: 0.1); // one token, then one every 10 s
        await pacer.WaitTurnAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.WaitTurnAsync(cancel.Token));
    }
}
