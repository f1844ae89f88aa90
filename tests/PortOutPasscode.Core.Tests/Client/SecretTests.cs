using PortOutPasscode.Contract;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Diagnostics;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>
/// A run through every path that handles a secret (Basic, token fetch and refresh, a create retried after a 503, a
/// passcode look-up, a rejection that echoes the passcode), with every log line and exception text captured: none may
/// carry the password, the client secret, a token or a passcode.
/// </summary>
public class SecretTests
{
    private const string Passcode = "Zq9Passc0de";
    private const string TokenPrefix = "tok-SECRET-";

    private static FakeApi SecretHeavyApi()
    {
        var tokens = 0;
        var creates = 0;
        return new FakeApi(r =>
        {
            if (r.Path.EndsWith("/oauth2/token", StringComparison.Ordinal))
                return FakeApi.Json($"{{\"access_token\":\"{TokenPrefix}{Interlocked.Increment(ref tokens)}\",\"expires_in\":3600}}");
            if (r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal))
            {
                return Interlocked.Increment(ref creates) switch
                {
                    1 => FakeApi.Status(HttpStatusCode.ServiceUnavailable),
                    2 => FakeApi.Xml(HttpStatusCode.Created, ResilienceTests.OrderXml.Replace("abcd", Passcode)),
                    _ => FakeApi.Xml(HttpStatusCode.BadRequest,
                        $"<TnOptionOrderResponse><ResponseStatus><ErrorCode>5193</ErrorCode><Description>Passcode {Passcode} refused.</Description></ResponseStatus></TnOptionOrderResponse>"),
                };
            }
            if (r.Method == "GET" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal))
                return FakeApi.Xml(HttpStatusCode.OK, "<TnOptionOrders><TotalCount>0</TotalCount></TnOptionOrders>");
            if (r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal))
                return FakeApi.Xml(HttpStatusCode.OK,
                    $"<TelephoneNumbersResponse><TelephoneNumbers><TelephoneNumber><FullNumber>2012000001</FullNumber><Passcode>{Passcode}</Passcode></TelephoneNumber></TelephoneNumbers></TelephoneNumbersResponse>");
            // Order reads and the credential check: refused, so a token is fetched again, then an authentication error.
            return FakeApi.Status(HttpStatusCode.Unauthorized);
        });
    }

    private static async Task<List<string>> RunEverythingAsync(BandwidthClient client)
    {
        var texts = new List<string>();
        async Task Capture(Func<Task> call)
        {
            try { await call(); }
            catch (Exception e) { texts.Add(e.ToString()); }
        }
        TnOptionOrderRequest Order() => new()
        {
            Groups = { new TnOptionGroup { PortOutPasscode = Passcode, TelephoneNumbers = new[] { "2012000001" } } },
        };
        await Capture(() => client.CreateOrderAsync(Order()));
        await Capture(() => client.CreateOrderAsync(Order()));
        await Capture(() => client.LookupPasscodesAsync(new[] { "2012000001" }));
        await Capture(() => client.GetOrderAsync("o-1"));
        await Capture(() => client.VerifyCredentialsAsync());
        return texts;
    }

    private static void AssertNoSecret(IReadOnlyCollection<string> texts)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:" + TestClients.Password));
        var oauthBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:" + TestClients.ClientSecret));
        foreach (var secret in new[] { TestClients.Password, TestClients.ClientSecret, basic, oauthBasic, TokenPrefix, Passcode })
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_secret_reaches_a_logger_or_an_exception(bool oauth)
    {
        var api = SecretHeavyApi();
        var logs = new LogCapture();
        using var client = TestClients.Create(oauth ? TestClients.OAuth() : TestClients.Basic(), api, logs: logs);

        var texts = await RunEverythingAsync(client);

        Assert.NotEmpty(texts); // the rejection and the 401s were met
        Assert.Contains(logs.Lines, l => l.Contains("Retrying")); // the logger heard the run
        AssertNoSecret(logs.Lines.Concat(texts).ToList());
        Assert.Contains(api.Requests, r => r.Body != null && r.Body.Contains(Passcode)); // the secrets were on the wire all the same
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_secret_reaches_the_cmdlet_activity_log(bool oauth)
    {
        var sink = new Sink();
        using var client = TestClients.Create(oauth ? TestClients.OAuth() : TestClients.Basic(), SecretHeavyApi()); // no LoggerFactory: ActivityLog

        var texts = await ActivityLog.Start(sink, () => RunEverythingAsync(client));

        Assert.Contains(sink.Lines, l => l.StartsWith("debug: ", StringComparison.Ordinal));
        Assert.Contains(sink.Lines, l => l.StartsWith("verbose: ", StringComparison.Ordinal));
        AssertNoSecret(sink.Lines.Concat(texts).ToList());
    }

    private sealed class Sink : IActivitySink
    {
        internal ConcurrentQueue<string> Lines { get; } = new();

        public void Verbose(string message) => Lines.Enqueue("verbose: " + message);

        public void Debug(string message) => Lines.Enqueue("debug: " + message);
    }
}
