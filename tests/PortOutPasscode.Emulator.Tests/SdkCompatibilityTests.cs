using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// Bandwidth's own Node SDK (@bandwidth/numbers 2.0.0, tests/sdk-compat) against the emulator: compat.js creates,
/// reads, lists and looks up through the SDK, reads in-service numbers and port-outs and manages subscriptions with the
/// SDK's own helpers, and prints what the SDK's parsers made of every answer.
/// </summary>
public sealed class SdkCompatibilityTests
{
    private static readonly string CompatFolder = typeof(SdkCompatibilityTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SdkCompatDir").Value;

    /// <summary>
    /// Installs the SDK from the committed lock file (npm ci) when node_modules is missing or older than the lock
    /// file. Here rather than in the build, so that building needs only the .NET SDK and only this test needs Node.js.
    /// </summary>
    private static async Task InstallSdkAsync()
    {
        var lockFile = Path.Combine(CompatFolder, "package-lock.json");
        var installed = Path.Combine(CompatFolder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile)) return;

        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = CompatFolder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(argument);
        Process npm;
        try
        {
            npm = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "This test drives the emulator with Bandwidth's Node SDK and needs Node.js 18+ with npm on PATH, which this machine " +
                $"lacks ({e.Message}). Install Node.js (it brings npm); the test then runs 'npm ci' in {CompatFolder} itself.", e);
        }
        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await npm.WaitForExitAsync(timeout.Token);
            Assert.True(npm.ExitCode == 0, $"npm ci in {CompatFolder} exited with {npm.ExitCode}: {await output}{await errors}");
        }
    }

    private static async Task<JsonElement> RunCompatAsync(Uri baseUri)
    {
        await InstallSdkAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = CompatFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("compat.js");
        start.ArgumentList.Add(baseUri.ToString());
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException("node compat.js did not finish in 60 s: " + await errors);
        }
        Assert.True(node.ExitCode == 0, $"node compat.js exited with {node.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static bool IsDate(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$date", out var date) && DateTimeOffset.TryParse(date.GetString(), out _);

    [Fact]
    public async Task The_official_Node_SDK_parses_every_answer_of_the_emulator()
    {
        await using var emulator = await TestEmulator.StartOnRealTimeAsync(new EmulatorOptions { ReceivedMs = 30, ProcessingMs = 30 });

        var sdk = await RunCompatAsync(emulator.Server.BaseUri);

        var stored = (await emulator.StoredOrdersAsync()).Single(o => o.GetProperty("customerOrderId").GetString() == "sdk-compat-1");
        var orderId = stored.GetProperty("orderId").GetString();

        var created = sdk.GetProperty("create").GetProperty("result");
        Assert.Equal(orderId, created.GetProperty("orderId").GetString());
        Assert.Equal("RECEIVED", created.GetProperty("processingStatus").GetString());
        Assert.Equal("demo", created.GetProperty("createdByUser").GetString());
        Assert.Equal("sdk-compat-1", created.GetProperty("customerOrderId").GetString());
        Assert.True(IsDate(created.GetProperty("orderCreateDate")), created.ToString());
        Assert.Equal(new[] { "2012000001", "2012000002" },
            created.GetProperty("tnOptionGroups")[0].GetProperty("telephoneNumbers").EnumerateArray().Select(n => n.GetString()));

        var order = sdk.GetProperty("get").GetProperty("result");
        Assert.Equal(orderId, order.GetProperty("orderId").GetString());
        Assert.Equal("COMPLETE", order.GetProperty("processingStatus").GetString());
        Assert.Equal("a1b2c3", order.GetProperty("tnOptionGroups")[0].GetProperty("portOutPasscode").GetString());
        Assert.True(IsDate(order.GetProperty("lastModifiedDate")), order.ToString());

        var summary = Assert.Single(sdk.GetProperty("list").GetProperty("result").EnumerateArray());
        Assert.Equal(orderId, summary.GetProperty("orderId").GetString());
        Assert.Equal(2, summary.GetProperty("countOfTNs").GetInt32());
        Assert.Equal("COMPLETE", summary.GetProperty("orderStatus").GetString());
        Assert.Equal("tn_option", summary.GetProperty("orderType").GetString());
        Assert.Equal(9900000, summary.GetProperty("accountId").GetInt32());
        Assert.True(IsDate(summary.GetProperty("orderDate")), summary.ToString());
        Assert.Contains(sdk.GetProperty("listDetails").GetProperty("result").EnumerateArray(),
            o => o.GetProperty("orderId").GetString() == orderId && o.GetProperty("processingStatus").GetString() == "COMPLETE");

        var history = sdk.GetProperty("history").GetProperty("result").GetProperty("orderHistory").EnumerateArray().ToArray();
        Assert.Equal(new[] { "received", "processing", "complete" }, history.Select(h => h.GetProperty("status").GetString()));

        var page = sdk.GetProperty("passcodePage").GetProperty("result");
        Assert.Equal(2, page.GetProperty("telephoneNumberCount").GetInt32());
        Assert.Equal(await emulator.StoredPasscodesAsync(),
            page.GetProperty("telephoneNumbers").GetProperty("telephoneNumber").EnumerateArray()
                .ToDictionary(t => t.GetProperty("fullNumber").GetString(), t => t.GetProperty("passcode").GetString()));

        // The SDK raises an ErrorList entry as a BandwidthError and still hands back what it parsed.
        var lookup = sdk.GetProperty("lookup");
        Assert.Equal(15619, lookup.GetProperty("err").GetProperty("code").GetInt32());
        Assert.Equal("2012000001", lookup.GetProperty("result").GetProperty("telephoneNumbers").GetProperty("telephoneNumber").GetProperty("fullNumber").GetString());
        Assert.Equal(5076, sdk.GetProperty("failed").GetProperty("error").GetProperty("code").GetInt32());

        var invalid = sdk.GetProperty("invalidPasscode").GetProperty("error");
        Assert.Equal(400, invalid.GetProperty("httpStatus").GetInt32());
        Assert.Equal(5193, invalid.GetProperty("parsedBody").GetProperty("tnOptionOrderResponse").GetProperty("responseStatus").GetProperty("errorCode").GetInt32());
        var notFound = sdk.GetProperty("notFound").GetProperty("error");
        Assert.Equal(404, notFound.GetProperty("httpStatus").GetInt32());
        Assert.Equal("The resource does not exist",
            notFound.GetProperty("parsedBody").GetProperty("tnOptionOrderReportResponse").GetProperty("responseStatus").GetProperty("description").GetString());

        Assert.Equal("Bearer", sdk.GetProperty("token").GetProperty("tokenType").GetString());
        Assert.Equal(orderId, sdk.GetProperty("bearerGet").GetProperty("result").GetProperty("orderId").GetString());
        Assert.Equal(401, sdk.GetProperty("unauthorized").GetProperty("error").GetProperty("httpStatus").GetInt32());

        // Paging links come through as Bandwidth writes them.
        Assert.StartsWith("Link=<" + emulator.Server.BaseUri + "/accounts/9900000/tnPortoutPasscodes?page=1&size=10>",
            page.GetProperty("links").GetProperty("first").GetString());

        var inService = sdk.GetProperty("inService").GetProperty("result");
        Assert.Equal(28, inService.GetProperty("totalCount").GetInt32());
        Assert.Equal(10, inService.GetProperty("telephoneNumbers").GetProperty("count").GetInt32());
        Assert.Equal(OrderXml.Numbers(2012000101, 10), inService.GetProperty("telephoneNumbers").GetProperty("telephoneNumber").EnumerateArray().Select(n => n.GetString()));
        Assert.EndsWith("?page=2012000111&size=10>;rel=\"next\";", inService.GetProperty("links").GetProperty("next").GetString());
        Assert.Equal(28, sdk.GetProperty("inServiceTotals").GetProperty("result").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, sdk.GetProperty("inServiceOne").GetProperty("error").ValueKind);
        Assert.Equal(404, sdk.GetProperty("inServiceMissing").GetProperty("error").GetProperty("httpStatus").GetInt32());

        // Subscriptions: create (201 + Location, then the SDK GETs it), update, list, delete.
        var email = sdk.GetProperty("emailSubscription").GetProperty("result");
        Assert.Equal("portouts", email.GetProperty("orderType").GetString());
        Assert.Equal("DAILY", email.GetProperty("emailSubscription").GetProperty("digestRequested").GetString());
        var callback = sdk.GetProperty("callbackSubscription").GetProperty("result");
        Assert.Equal(3600, callback.GetProperty("callbackSubscription").GetProperty("expiry").GetInt32());
        Assert.Equal(JsonValueKind.Null, sdk.GetProperty("subscriptionUpdate").GetProperty("error").ValueKind);
        var listed = sdk.GetProperty("subscriptions").GetProperty("result").EnumerateArray().ToArray();
        Assert.Equal(new[] { email.GetProperty("subscriptionId").GetString(), callback.GetProperty("subscriptionId").GetString() },
            listed.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal("ops@example.com", listed[0].GetProperty("emailSubscription").GetProperty("email").GetString());
        Assert.Empty(sdk.GetProperty("subscriptionsAfterDelete").GetProperty("result").EnumerateArray());

        // A wrong PIN: the SDK-made callback subscription is told, and the SDK's port-out helpers read the EXCEPTION.
        var portOutId = sdk.GetProperty("portOutAttempt").GetProperty("orderId").GetString();
        Assert.Equal(409, sdk.GetProperty("portOutAttempt").GetProperty("status").GetInt32());
        var notification = System.Xml.Linq.XElement.Parse(Assert.Single(sdk.GetProperty("callbackBodies").EnumerateArray()).GetString());
        Assert.Equal((portOutId, "EXCEPTION"), (notification.Element("OrderId").Value, notification.Element("Status").Value));
        var portOuts = sdk.GetProperty("portOuts").GetProperty("result");
        Assert.Equal(1, portOuts.GetProperty("totalCount").GetInt32());
        var item = portOuts.GetProperty("lnpPortInfoForGivenStatus");
        Assert.Equal((portOutId, "EXCEPTION", 7610), (item.GetProperty("orderId").GetString(), item.GetProperty("processingStatus").GetString(), item.GetProperty("errorCode").GetInt32()));
        Assert.True(IsDate(item.GetProperty("orderDate")), item.ToString());
        var portOut = sdk.GetProperty("portOut").GetProperty("result");
        Assert.Equal(("EXCEPTION", "2012000001"), (portOut.GetProperty("portOutStatus").GetString(),
            portOut.GetProperty("listOfPhoneNumbers").GetProperty("phoneNumber").GetString()));
        Assert.DoesNotContain(DemoDefaults.Password, sdk.ToString());
    }
}
