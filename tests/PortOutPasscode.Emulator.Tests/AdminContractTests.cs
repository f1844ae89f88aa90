using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// The emulator started as a user starts it (dotnet PortOutPasscode.Emulator.dll --port 0), driven through the module
/// tests' own harness: if an admin shape it reads changes, this fails here first.
/// </summary>
public sealed class AdminContractTests : IDisposable
{
    private readonly EmulatorProcess _emulator = EmulatorProcess.Start("--Emulator:ReceivedMs=0", "--Emulator:ProcessingMs=0");

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task The_module_harness_reads_orders_passcodes_requests_and_port_outs()
    {
        using var http = new HttpClient { BaseAddress = _emulator.RootUri };
        var api = new Uri(_emulator.BaseUri + "/accounts/9900000/tnoptions");
        async Task<int> Create(string xml)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, api) { Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml") };
            request.Headers.Authorization = TestEmulator.DemoUser;
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }

        Assert.Equal(201, await Create(OrderXml.Order("contract-1", Group.Passcode("a1b2c3", "2012000001"))));
        var order = Assert.Single(_emulator.Orders());
        Assert.Equal(("contract-1", "9900000", "COMPLETE"), (order.CustomerOrderId, order.AccountId, order.Status));
        Assert.Equal(new[] { "2012000001" }, order.TelephoneNumbers);
        Assert.Equal("a1b2c3", _emulator.Passcodes()["2012000001"]);
        var logged = Assert.Single(_emulator.Requests());
        Assert.Equal(("POST", "/api/accounts/9900000/tnoptions", 201), (logged.Method, logged.Path, logged.Status));
        Assert.Equal(409, _emulator.PortOut("2012000001", "wrong1").Status);
        Assert.Equal("ACCEPTED", _emulator.PortOut("2012000001", "a1b2c3").Body.GetProperty("status").GetString());

        _emulator.AddFault(new { endpoint = "create", kind = "status", status = 503, count = 1 });
        Assert.Equal(503, await Create(OrderXml.Passcode("d4e5f6", "2012000002")));
        Assert.Equal("status", _emulator.Requests()[^1].Fault);
        _emulator.Configure(new { receivedMs = 60_000 });
        Assert.Equal(201, await Create(OrderXml.Passcode("d4e5f6", "2012000002")));
        Assert.Equal("RECEIVED", _emulator.Orders()[^1].Status);
        _emulator.ExpireTokens();
        _emulator.ClearFaults();

        _emulator.Reset();
        Assert.Empty(_emulator.Orders());
        Assert.Empty(_emulator.Passcodes());
        Assert.Empty(_emulator.Requests());
    }
}
