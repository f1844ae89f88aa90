using PortOutPasscode.Contract;
using PortOutPasscode.Client;
using PortOutPasscode.Core.Tests.Support;

namespace PortOutPasscode.Core.Tests.Client;

/// <summary>The whole client against the real emulator in-process: sockets, faults and state as a user's run would meet them.</summary>
public class EmulatorClientTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emulator;

    public EmulatorClientTests(EmulatorFixture emulator) => _emulator = emulator;

    public Task InitializeAsync()
    {
        _emulator.Admin.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static TnOptionOrderRequest PasscodeOrder(string customerOrderId, string passcode, params string[] numbers) => new()
    {
        CustomerOrderId = customerOrderId,
        Groups = { new TnOptionGroup { PortOutPasscode = passcode, TelephoneNumbers = numbers } },
    };

    [Fact]
    public async Task A_create_whose_connection_drops_after_the_emulator_stored_the_order_yields_exactly_one_order()
    {
        _emulator.Admin.AddFault(new { endpoint = "create", kind = "dropAfterStore", count = 1 });
        var logs = new LogCapture();
        using var client = _emulator.Client(_emulator.Basic(), logs);

        var order = await client.CreateOrderAsync(PasscodeOrder("drop-after-store-1", "a1b2c3", "2012000001", "2012000002"));

        var stored = Assert.Single(_emulator.Admin.Orders(), o => o.CustomerOrderId == "drop-after-store-1");
        Assert.Equal(stored.OrderId, order.OrderId);
        Assert.Equal("drop-after-store-1", order.CustomerOrderId);
        var requests = _emulator.Admin.Requests();
        var posts = requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal)).ToList();
        Assert.Equal("dropAfterStore", Assert.Single(posts).Fault); // the lost one; nothing was sent again
        Assert.Contains(requests, r => r.Method == "GET" && r.Query != null && r.Query.Contains("customerOrderId=drop-after-store-1"));
        Assert.Contains(logs.Lines, l => l.Contains("adopted, not sent again"));
    }

    [Fact]
    public async Task A_create_whose_connection_drops_before_anything_was_stored_is_sent_again_once()
    {
        _emulator.Admin.AddFault(new { endpoint = "create", kind = "dropBefore", count = 1 });
        using var client = _emulator.Client(_emulator.Basic());

        var order = await client.CreateOrderAsync(PasscodeOrder("drop-before-1", "a1b2c3", "2012000003"));

        var stored = Assert.Single(_emulator.Admin.Orders(), o => o.CustomerOrderId == "drop-before-1");
        Assert.Equal(stored.OrderId, order.OrderId);
        var posts = (_emulator.Admin.Requests()).Where(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "dropBefore", null }, posts.Select(p => p.Fault));
    }

    [Fact]
    public async Task A_create_answered_503_is_looked_up_before_it_is_sent_again()
    {
        _emulator.Admin.AddFault(new { endpoint = "create", kind = "status", status = 503, count = 1 });
        using var client = _emulator.Client(_emulator.Basic());

        await client.CreateOrderAsync(PasscodeOrder("status-503-1", "a1b2c3", "2012000004"));

        Assert.Single(_emulator.Admin.Orders(), o => o.CustomerOrderId == "status-503-1");
        var requests = _emulator.Admin.Requests();
        var secondPost = requests.FindLastIndex(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal));
        var lookup = requests.FindIndex(r => r.Method == "GET" && r.Query != null && r.Query.Contains("customerOrderId=status-503-1"));
        Assert.InRange(lookup, 0, secondPost - 1);
    }

    [Fact]
    public async Task Sequential_calls_reuse_one_connection()
    {
        using var counter = new ConnectionCounter();
        using var client = _emulator.Client(_emulator.Basic());

        for (var i = 0; i < 10; i++) await client.GetPasscodePageAsync("1", 10);

        Assert.Equal(1, counter.OpenedTo(_emulator.Server.Port));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Good_credentials_pass_the_connection_check(bool oauth)
    {
        using var client = _emulator.Client(oauth ? _emulator.OAuth() : _emulator.Basic());

        await client.VerifyCredentialsAsync();
    }

    [Fact]
    public async Task A_wrong_password_fails_the_connection_check_with_an_authentication_error_that_does_not_repeat_it()
    {
        using var client = _emulator.Client(_emulator.Basic(password: "Wrong-Pa55word"));

        var e = await Assert.ThrowsAsync<BandwidthAuthenticationException>(() => client.VerifyCredentialsAsync());

        Assert.Equal(401, e.HttpStatus);
        Assert.Contains("'demo'", e.Message);
        Assert.Contains("-Credential", e.Message);
        Assert.DoesNotContain("Wrong-Pa55word", e.Message);
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_the_connection_check_at_the_token_endpoint()
    {
        using var client = _emulator.Client(_emulator.OAuth(secret: "Wrong-S3cret"));

        var e = await Assert.ThrowsAsync<BandwidthAuthenticationException>(() => client.VerifyCredentialsAsync());

        Assert.Contains("'demo-client'", e.Message);
        Assert.Contains("-ClientCredential", e.Message);
        Assert.DoesNotContain("Wrong-S3cret", e.Message);
        Assert.DoesNotContain(_emulator.Admin.Requests(), r => r.Path.Contains("/tnPortoutPasscodes")); // nothing sent without a token
    }

    [Fact]
    public async Task A_token_the_emulator_stopped_accepting_is_fetched_again_once_and_the_request_succeeds()
    {
        using var client = _emulator.Client(_emulator.OAuth());
        await client.VerifyCredentialsAsync();
        _emulator.Admin.ExpireTokens();

        await client.VerifyCredentialsAsync();

        var requests = _emulator.Admin.Requests();
        Assert.Equal(2, requests.Count(r => r.Path.EndsWith("/oauth2/token", StringComparison.Ordinal)));
        Assert.Equal(new[] { 200, 401, 200 }, requests.Where(r => r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal)).Select(r => r.Status));
    }

    [Fact]
    public async Task An_account_without_the_feature_is_a_BandwidthFeatureDisabledException()
    {
        using var client = _emulator.Client(_emulator.Basic(accountId: "9900001"));

        var e = await Assert.ThrowsAsync<BandwidthFeatureDisabledException>(() =>
            client.CreateOrderAsync(PasscodeOrder("feature-off-1", "a1b2c3", "3035550001")));

        Assert.Equal("5194", e.ErrorCode);
        Assert.Contains("9900001", e.Message);
        Assert.Contains("enable", e.Message);
        Assert.DoesNotContain("a1b2c3", e.Message);
        Assert.Empty(_emulator.Admin.Orders());
    }
}
