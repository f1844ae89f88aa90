using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PortOutPasscode.Client;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>What the client sent: enough to assert on, recorded before the scripted answer is made.</summary>
internal sealed record SentRequest(string Method, Uri Uri, string Authorization, string ContentType, string Accept, string UserAgent, string Body)
{
    internal string Path => Uri.AbsolutePath;
    internal string Query => Uri.Query;
}

/// <summary>
/// The innermost HTTP handler of the client under test: answers from a script instead of the network and records every
/// request that reached it, so "nothing was sent" and "sent exactly once" can be asserted.
/// </summary>
internal sealed class FakeApi : HttpMessageHandler
{
    private readonly Func<SentRequest, CancellationToken, Task<HttpResponseMessage>> _answer;

    internal FakeApi(Func<SentRequest, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    internal FakeApi(Func<SentRequest, HttpResponseMessage> answer) : this((r, _) => Task.FromResult(answer(r))) { }

    internal ConcurrentQueue<SentRequest> Requests { get; } = new();

    internal IReadOnlyList<SentRequest> Sent(string method, string pathEnd = null) =>
        Requests.Where(r => r.Method == method && (pathEnd == null || r.Path.EndsWith(pathEnd, StringComparison.Ordinal))).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = new SentRequest(
            request.Method.Method,
            request.RequestUri,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            string.Join(", ", request.Headers.Accept),
            string.Join(" ", request.Headers.GetValues("User-Agent")),
            request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        Requests.Enqueue(sent);
        var response = await _answer(sent, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    // The client's handler pool disposes its primary handler when it rotates; the script outlives that.
    protected override void Dispose(bool disposing) { }

    internal static HttpResponseMessage Xml(HttpStatusCode status, string xml, Action<HttpResponseMessage> adjust = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(xml ?? "", Encoding.UTF8, "application/xml") };
        adjust?.Invoke(response);
        return response;
    }

    internal static HttpResponseMessage Status(HttpStatusCode status, Action<HttpResponseMessage> adjust = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Array.Empty<byte>()) };
        adjust?.Invoke(response);
        return response;
    }

    internal static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>Connections and options for tests: loopback http (allowed), the fake handler, the test clock, captured logs.</summary>
internal static class TestClients
{
    internal const string AccountId = "9900000";
    internal const string BaseUri = "http://127.0.0.1:9/api";
    internal const string Password = "Pw-s3cret-Basic!";
    internal const string ClientSecret = "Cs-s3cret-OAuth!";

    internal static BwConnection Basic(string user = "demo") =>
        new(AccountId, new Uri(BaseUri), BwAuthenticationKind.Basic, user, Secure(Password));

    internal static BwConnection OAuth(string clientId = "demo-client") =>
        new(AccountId, new Uri(BaseUri), BwAuthenticationKind.OAuth2ClientCredentials, clientId, Secure(ClientSecret));

    /// <summary>
    /// Every attempt's bound in test clients: two hours of test-clock time is seconds of real time (see TestClock), far
    /// beyond any fake answer even on a loaded machine, so no attempt times out unless a test shortens it on purpose.
    /// </summary>
    internal static readonly TimeSpan RequestTimeout = TimeSpan.FromHours(2);

    internal static BandwidthClient Create(BwConnection connection, FakeApi api, TestClock clock = null, LogCapture logs = null,
        Action<BandwidthClientOptions> adjust = null) =>
        BandwidthClient.Create(connection, Options(logs, options =>
        {
            options.PrimaryHandlerFactory = () => api;
            options.TimeProvider = clock ?? new TestClock();
            adjust?.Invoke(options);
        }));

    /// <summary>The options every test client starts from (the delays suit the test clock; real-time users shorten them).</summary>
    internal static BandwidthClientOptions Options(LogCapture logs, Action<BandwidthClientOptions> adjust)
    {
        var options = new BandwidthClientOptions
        {
            LoggerFactory = logs,
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            RequestTimeout = TestClients.RequestTimeout,
            PowerShellEdition = "Core",
            PowerShellVersion = "7.6.0",
        };
        adjust(options);
        return options;
    }

    internal static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }
}
