using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// samples/demo.ps1 is the README's main job: it must run here as written, the way a runbook would
/// (credentials and base from BW_* variables), and tell the whole story.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class DemoSampleTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly string[] Names = { "BW_ACCOUNT_ID", "BW_USERNAME", "BW_PASSWORD", "BW_API_BASE_URI" };
    private readonly EmulatorFixture _fixture;

    public DemoSampleTests(EmulatorFixture fixture) => _fixture = fixture;

    public void Dispose()
    {
        foreach (var name in Names) Environment.SetEnvironmentVariable(name, null);
    }

    [Fact]
    public void Demo_protects_the_sample_file_reports_every_bad_line_and_shows_the_port_out_refused_then_accepted()
    {
        var emulator = _fixture.Emulator;
        Environment.SetEnvironmentVariable("BW_ACCOUNT_ID", "9900000");
        Environment.SetEnvironmentVariable("BW_USERNAME", "demo");
        Environment.SetEnvironmentVariable("BW_PASSWORD", "demo-password");
        Environment.SetEnvironmentVariable("BW_API_BASE_URI", emulator.BaseUri.ToString());
        using var session = new PowerShellSession();

        var result = session.Run("& $args[0]", Path.Combine(RepoPaths.Root, "samples", "demo.ps1"));

        Assert.Null(result.TerminatingError);
        var order = Assert.Single(result.Output, o => o.TypeNames[0] == "PortOutPasscode.TnOptionOrder");
        Assert.Equal("PARTIAL", order.Properties["ProcessingStatus"].Value);
        var errors = result.Errors.Select(e => (ScriptResult.ErrorId(e), e.TargetObject?.ToString() ?? "")).ToList();
        Assert.Equal(
            new[]
            {
                ("InvalidPasscode", "2012000109"), ("InvalidTelephoneNumber", "555-0100"), ("PasscodeConflict", "2012000104"),
                ("PasscodeMissing", "2012000110"), ("TelephoneNumberFailed", "3125550000"), ("TelephoneNumberFailed", "9195550001"),
            },
            errors.OrderBy(e => e.Item1).ThenBy(e => e.Item2));
        Assert.All(result.Errors.Where(e => ScriptResult.ErrorId(e) != "TelephoneNumberFailed"),
            e => Assert.StartsWith("Line ", e.Exception.Message));

        var audit = result.Output.Where(o => o.TypeNames[0] == "PortOutPasscode.PortOutPasscodeInfo").ToList();
        Assert.Equal(8, audit.Count(o => (bool)o.Properties["HasPasscode"].Value));
        Assert.Equal("a1b2c3", emulator.Passcodes()["2012000101"]);
        Assert.Equal("Zx9Qw2", emulator.Passcodes()["2012000104"]);

        var lines = result.Output.Select(o => o.BaseObject).OfType<string>().ToList();
        Assert.Contains(lines, l => l.StartsWith("Port-out with a wrong PIN: HTTP 409") && l.Contains("7610"));
        Assert.Contains(lines, l => l.StartsWith("Port-out with the right PIN: HTTP 200") && l.Contains("ACCEPTED"));
        Assert.DoesNotContain("demo-password", result.AllText());
    }
}
