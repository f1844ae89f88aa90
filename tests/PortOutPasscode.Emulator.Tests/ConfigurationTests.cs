using System.Diagnostics;
using System.Net;
using System.Reflection;
using PortOutPasscode.Emulator.Hosting;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>appsettings.json and the command line bound to the options; options the emulator cannot run with; the start banner.</summary>
public sealed class ConfigurationTests
{
    private static string SettingsFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emulator-settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Settings = """
        {
          "Emulator": {
            "Port": 5099,
            "ReceivedMs": 11,
            "ProcessingMs": 22,
            "MaxTnsPerOrder": 33,
            "SamePasscode": "warning",
            "Accounts": [
              { "Id": "4400001", "PortOutPasscodeProtection": false, "OnNet": [ "5055550000-5055550099" ] },
              { "Id": "4400002", "OnNet": [ "5055551000-5055551099" ], "OffNet": [ "5055552000" ], "Passcodes": { "5055551001": "seed01" } }
            ],
            "Users": [ { "Name": "ops", "Password": "ops-password", "Accounts": [ "*" ] } ],
            "OAuthClients": [ { "ClientId": "ci", "ClientSecret": "ci-secret", "Accounts": [ "4400002" ] } ]
          }
        }
        """;

    [Fact]
    public void Appsettings_are_bound_and_the_command_line_wins_over_them()
    {
        var file = SettingsFile(Settings);
        try
        {
            var options = CommandLineSettings.Parse(new[] { "--port", "0", "--Emulator:ReceivedMs=5", "--Emulator:Accounts:1:OffNet:0=5055553000", "--log-requests" }, file).Options;

            Assert.Equal(0, options.Port);
            Assert.Equal(5, options.ReceivedMs);
            Assert.Equal(22, options.ProcessingMs);
            Assert.Equal(33, options.MaxTnsPerOrder);
            Assert.Equal("warning", options.SamePasscode);
            Assert.True(options.LogRequests);
            Assert.Equal(new[] { "4400001", "4400002" }, options.Accounts.Select(a => a.Id));
            Assert.False(options.Accounts[0].PortOutPasscodeProtection);
            Assert.Equal(new[] { "5055553000" }, options.Accounts[1].OffNet);
            Assert.Equal("seed01", options.Accounts[1].Passcodes["5055551001"]);
            Assert.Equal("ops", Assert.Single(options.Users).Name);
            Assert.Equal("ci", Assert.Single(options.OAuthClients).ClientId);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_emulator_started_from_appsettings_serves_its_accounts_users_and_rules()
    {
        var file = SettingsFile(Settings);
        EmulatorOptions options;
        try
        {
            options = CommandLineSettings.Parse(new[] { "--port", "0" }, file).Options;
        }
        finally
        {
            File.Delete(file);
        }
        await using var emulator = await TestEmulator.StartAsync(options);
        var ops = TestEmulator.Basic("ops", "ops-password");
        Assert.Equal("seed01", (await emulator.StoredPasscodesAsync("4400002"))["5055551001"]);

        var noFeature = await emulator.PostXmlAsync(TestEmulator.Orders("4400001"), OrderXml.Passcode("a1b2c3", "5055550001"), ops);
        var tooMany = await emulator.PostXmlAsync(TestEmulator.Orders("4400002"), OrderXml.Passcode("a1b2c3", OrderXml.Numbers(5055551000, 34)), ops);
        var order = await emulator.PostXmlAsync(TestEmulator.Orders("4400002"), OrderXml.Passcode("a1b2c3", "5055551001", "5055552000"), ops);
        var demo = await emulator.GetAsync(TestEmulator.Orders("4400002"));

        Assert.Equal(5194, noFeature.ErrorCode);
        Assert.Equal(5095, tooMany.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, order.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, demo.Status); // the demo user was replaced
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(33));
        var final = (await emulator.GetAsync(TestEmulator.Orders("4400002") + "/" + order.Xml.Element("TnOptionOrder").Element("OrderId").Value, ops)).Xml;
        Assert.Equal("PARTIAL", final.Element("ProcessingStatus").Value);
        Assert.Equal("5196", final.Element("ErrorList").Element("Error").Element("Code").Value);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port")]
    [InlineData("ReceivedMs=5")]
    public void Unknown_or_incomplete_options_are_refused(string argument)
    {
        Assert.Throws<EmulatorConfigurationException>(() => CommandLineSettings.Parse(new[] { argument }, "/nonexistent/appsettings.json"));
    }

    [Fact]
    public void Help_is_recognised()
    {
        Assert.True(CommandLineSettings.Parse(new[] { "--help" }, "/nonexistent/appsettings.json").ShowHelp);
    }

    public static TheoryData<string, EmulatorOptions> Unusable => new()
    {
        { "not a loopback", new EmulatorOptions { Host = "0.0.0.0" } },
        { "not an address", new EmulatorOptions { Host = "example.invalid" } },
        { "port", new EmulatorOptions { Port = 70000 } },
        { "range", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1", OnNet = { "2012000009-2012000000" } } } } },
        { "number", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1", OnNet = { "12345" } } } } },
        { "twice", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1" }, new AccountOptions { Id = "1" } } } },
        { "seed", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1", OnNet = { "2012000000" }, Passcodes = { ["2012000001"] = "abcd" } } } } },
        { "seed passcode", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1", OnNet = { "2012000000" }, Passcodes = { ["2012000000"] = "ab" } } } } },
        { "user", new EmulatorOptions { Users = new() { new ApiUserOptions { Name = "x" } } } },
        { "samePasscode", new EmulatorOptions { SamePasscode = "ignore" } },
        { "times", new EmulatorOptions { ReceivedMs = -1 } },
        { "environment", new EmulatorOptions { Environment = "Staging" } },
        { "in service elsewhere", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1", OnNet = { "2012000000-2012000009" }, InService = { "2012000005-2012000010" } } } } },
        { "in service range", new EmulatorOptions { Accounts = new() { new AccountOptions { Id = "1", OnNet = { "2012000000" }, InService = { "nope" } } } } },
        { "list lag", new EmulatorOptions { ListLagMs = -5 } },
        { "callback timeout", new EmulatorOptions { CallbackTimeoutMs = 0 } },
    };

    [Fact]
    public void Appsettings_json_holds_the_documented_demo_set_up()
    {
        var shipped = Path.Combine(Path.GetDirectoryName(typeof(EmulatorServer).Assembly.Location)!, "appsettings.json");
        var options = CommandLineSettings.Parse(Array.Empty<string>(), shipped).Options;
        var demo = new EmulatorOptions().WithDefaults();

        Assert.Equal(5080, options.Port);
        Assert.Equal(Describe(demo), Describe(options));
        static string Describe(EmulatorOptions o) => System.Text.Json.JsonSerializer.Serialize(new
        {
            accounts = o.Accounts.Select(a => new { a.Id, a.PortOutPasscodeProtection, a.OnNet, a.OffNet, a.NotVoiceOwner, a.InService }),
            users = o.Users.Select(u => new { u.Name, u.Password, u.Accounts }),
            clients = o.OAuthClients.Select(c => new { c.ClientId, c.ClientSecret, c.Accounts, c.RolesOrDefault }),
            o.AllowBasic,
            o.Environment,
        });
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Options_it_cannot_run_with_are_refused_at_start_with_a_reason(string what, EmulatorOptions options)
    {
        var refused = await Assert.ThrowsAsync<EmulatorConfigurationException>(() => EmulatorServer.StartAsync(options));
        Assert.False(string.IsNullOrWhiteSpace(refused.Message), what);
    }

    [Fact]
    public async Task The_banner_prints_the_base_URI_first_then_the_demo_accounts_and_credentials()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var lines = StartBanner.Lines(emulator.Server, new EmulatorOptions()).ToList();

        Assert.Equal("Bandwidth API emulator listening on " + emulator.Server.BaseUri, lines[0]);
        Assert.Contains(lines, l => l.Contains("9900000") && l.Contains("2012000000-2013999999") && l.Contains("9195550000-9195559999 (off-net: 5196)"));
        Assert.Contains(lines, l => l.Contains("9900001") && l.Contains("OFF (5194)"));
        Assert.Contains(lines, l => l.Contains("demo / demo-password"));
        Assert.Contains(lines, l => l.Contains("demo-client / demo-secret") && l.Contains("roles Line Feature Management"));
        Assert.Contains(lines, l => l.Contains("demo-readonly-client / demo-readonly-secret") && l.Contains("roles Read Only"));
        Assert.Contains(lines, l => l.Contains("in service: 2012000101-2012000125, 9195550001-9195550003"));
        Assert.Contains(lines, l => l.Contains(emulator.Server.RootUri + "api/v2") && l.Contains("E.164"));
        Assert.Contains(lines, l => l.Contains("Production realm"));
        Assert.Contains(lines, l => l.Contains(emulator.Server.TokenUri.ToString()));
    }

    private static (int ExitCode, string Output, string Errors) RunEmulatorToExit(params string[] arguments)
    {
        var assembly = typeof(ConfigurationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EmulatorAssembly").Value;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the emulator did not exit: " + string.Join(" ", arguments));
        }
        return (process.ExitCode, output.Result, errors.Result);
    }

    [Fact]
    public void The_command_line_explains_itself_and_refuses_a_public_address()
    {
        var help = RunEmulatorToExit("--help");
        var remote = RunEmulatorToExit("--port", "0", "--host", "0.0.0.0");
        var typo = RunEmulatorToExit("--prot", "5080");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--port N", help.Output);
        Assert.Equal(2, remote.ExitCode);
        Assert.Contains("--allow-remote", remote.Errors);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("unknown option '--prot'", typo.Errors);
    }
}
