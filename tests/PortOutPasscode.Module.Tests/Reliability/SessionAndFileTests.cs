using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using PortOutPasscode.Module.Tests.Harness;
using Xunit.Abstractions;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests.Reliability;

/// <summary>
/// Sessions and files (issue 17): one connection shared by runspaces, hundreds of connects, a stray quote and a huge cell
/// in a file, one column rule for -Path and the pipeline, the public types nameable in scripts, and Wait's timeout per order.
/// </summary>
public class SessionAndFileTests : IClassFixture<EmulatorFixture>
{
    private const string Passcode = "Sf6Tb2Yh";

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _log;

    public SessionAndFileTests(EmulatorFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    [Fact]
    public void Disconnect_in_one_runspace_leaves_the_run_another_runspace_makes_with_the_same_connection_to_finish()
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { receivedMs = 1500, processingMs = 500 }); // the run is still going when Disconnect comes
        using var first = new PowerShellSession();
        var connection = Assert.Single(first.Run(Connect(emulator, oauth: true, options: "-PassThru")).AssertNoErrors().Output);
        using var second = new PowerShellSession();
        second.Set("connection", connection);
        var numbers = Numbers(10_000, start: 900_000);

        using var running = second.Start($"$args[0] | Set-BwPortOutPasscode -Connection $connection -Passcode {Passcode} -BatchSize 1000 -ThrottleLimit 2", null, new object[] { numbers });
        for (var i = 0; i < 500 && emulator.Orders().Count < 2 && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.False(running.IsCompleted, "The run ended before Disconnect.");
        first.Run("Disconnect-BwAccount").AssertNoErrors();
        var result = running.Wait();

        result.AssertNoErrors();
        var tally = RunAccounting.Check(emulator, numbers, result);
        Assert.Equal(0, tally.NotStored);
        Assert.Empty(first.Run("Get-BwConnection").AssertNoErrors().Output);
        // The run's lease was the last hold on the client: it went with the run.
        Assert.DoesNotContain(IdOf(connection), ClientCache.Of(first).Connections());
    }

    [Fact]
    public void Three_hundred_connects_leave_one_client_and_no_pile_of_sockets_and_closing_the_runspace_leaves_none()
    {
        var emulator = _fixture.Emulator;
        var before = EstablishedConnectionsTo(emulator.BaseUri.Port);
        var session = new PowerShellSession();
        var cache = ClientCache.Of(session);

        var connections = session.Run(Scripts.Credentials() +
            $"1..300 | ForEach-Object {{ Connect-BwAccount -AccountId 9900000 -ClientCredential $client -BaseUri '{emulator.BaseUri}' -PassThru -WarningAction SilentlyContinue }}")
            .AssertNoErrors().Output;

        Assert.Equal(300, connections.Count);
        Assert.Equal(300, emulator.Requests().Count(r => r.Path.EndsWith("/tnPortoutPasscodes", StringComparison.Ordinal)));
        var ours = connections.Select(IdOf).Where(cache.Connections().Contains).ToList();
        Assert.Equal(new[] { IdOf(connections[^1]) }, ours); // only the current connection's client is kept
        var open = EstablishedConnectionsTo(emulator.BaseUri.Port);
        session.Dispose(); // the runspace closes: its connection's client goes too
        var afterClose = EstablishedConnectionsTo(emulator.BaseUri.Port);

        _log.WriteLine($"Connections open to the emulator: {before} before, {open} after 300 connects, {afterClose} once the runspace closed.");
        Assert.DoesNotContain(IdOf(connections[^1]), cache.Connections());
        if (before != null)
        {
            // The current client holds its API connection and its token endpoint's: two sockets, not 600.
            Assert.True(open - before <= 2, $"{open - before} more connections are open to the emulator after 300 connects.");
            Assert.True(afterClose <= before, $"{afterClose - before} connections are still open after the runspace closed.");
        }
    }

    [Fact]
    public void A_stray_quote_in_a_100000_row_file_is_one_error_naming_its_line_and_the_rows_before_it_are_sent()
    {
        var emulator = _fixture.Emulator;
        using var files = new TempFolder();
        var text = new StringBuilder("TelephoneNumber,Passcode\n");
        for (var i = 0; i < 100_000; i++)
        {
            var quote = i == 50_000 ? "\"" : ""; // line 50,002: the header is line 1
            text.Append(quote).Append(2012900000L + i).Append(',').Append(Passcode).Append('\n');
        }
        var file = files.Write("stray.csv", text.ToString());
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var result = session.Run("Set-BwPortOutPasscode -Path $args[0] -BatchSize 5000", file);

        var error = result.SingleError("InvalidNumberFile");
        Assert.StartsWith("Line 50002 of stray.csv", error.Exception.Message);
        Assert.Contains("quoted field", error.Exception.Message);
        Assert.Contains("not read", error.Exception.Message);
        Assert.True(error.Exception.Message.Length < 400, $"The error is {error.Exception.Message.Length} characters long.");
        Assert.DoesNotContain("20129500", error.Exception.Message); // no data of the file is repeated
        Assert.Single(result.AllErrors);
        var stored = emulator.Orders().SelectMany(o => o.TelephoneNumbers).ToList();
        Assert.Equal(50_000, stored.Count);
        Assert.Equal(50_000, stored.Distinct().Count());
        Assert.Equal("2012949999", stored.Max());
    }

    [Fact]
    public void A_50_MB_cell_is_echoed_as_a_short_prefix_with_its_control_characters_escaped()
    {
        var emulator = _fixture.Emulator;
        var cell = "2012\u0000\u001b[2J\r\n\u2028" + new string('x', 50 * 1024 * 1024);
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        var rows = new[] { Row(("TelephoneNumber", "2012000001"), ("Passcode", Passcode)), Row(("TelephoneNumber", cell), ("Passcode", Passcode)) };

        var result = session.RunWithInput("$input | Set-BwPortOutPasscode", rows);

        var error = result.SingleError("InvalidTelephoneNumber");
        var message = error.Exception.Message;
        Assert.True(message.Length < 400, $"The error is {message.Length} characters long.");
        Assert.Contains(@"'2012\u0000\u001B[2J\r\n\u2028…'", message); // 24 characters of it, then a cut
        Assert.DoesNotContain(message, c => char.IsControl(c) || c == '\u2028');
        Assert.StartsWith("Row 2", message);
        Assert.Equal(new[] { "2012000001" }, emulator.Orders().SelectMany(o => o.TelephoneNumbers));
    }

    [Fact]
    public void A_50_MB_cell_in_a_file_is_one_short_error_that_says_what_it_is()
    {
        var emulator = _fixture.Emulator;
        using var files = new TempFolder();
        var file = files.Write("huge.csv", "TelephoneNumber,Passcode\n2012000001," + Passcode + "\n2012\u0007" + new string('9', 50 * 1024 * 1024) + "," + Passcode + "\n");
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var result = session.Run("Set-BwPortOutPasscode -Path $args[0]", file);

        var error = result.SingleError("InvalidNumberFile");
        var message = error.Exception.Message;
        _log.WriteLine(message);
        Assert.StartsWith("Line 3 of huge.csv", message);
        Assert.Contains("4,096 characters", message);
        Assert.DoesNotContain("quote", message); // there is none: the cell is only too long
        Assert.True(message.Length < 400, $"The error is {message.Length} characters long.");
        Assert.DoesNotContain(message, char.IsControl);
        Assert.Equal(new[] { "2012000001" }, emulator.Orders().SelectMany(o => o.TelephoneNumbers));
    }

    [Theory]
    [InlineData("Set-BwPortOutPasscode -Passcode " + Passcode)]
    [InlineData("Get-BwPortOutPasscode")]
    public void Path_and_Import_Csv_take_the_same_number_column_and_warn_once_about_a_second_one(string command)
    {
        var emulator = _fixture.Emulator;
        emulator.SetPasscodes(new[] { "2012000011-2012000013" }, Passcode);
        using var files = new TempFolder();
        var file = files.Write("two.csv", "Tn,TelephoneNumber,Passcode\n2012000001,2012000011,x\n2012000002,2012000012,x\n2012000003,2012000013,x\n");
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var fromPath = session.Run($"{command} -Path $args[0] -WarningAction Continue", file);
        var fromPipeline = session.Run($"Import-Csv $args[0] | {command} -WarningAction Continue", file);

        foreach (var result in new[] { fromPath, fromPipeline })
        {
            Assert.Empty(result.AllErrors);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("TelephoneNumber was used", warning.Message);
        }
        // Both ways, the TelephoneNumber column: the orders (Set) or the look-ups (Get) name 2012000011–13 only.
        var asked = emulator.Requests().Count(r => r.Method == "POST" && !r.Path.EndsWith("/oauth2/token", StringComparison.Ordinal));
        Assert.Equal(2, asked);
        if (command.StartsWith("Set", StringComparison.Ordinal))
        {
            Assert.All(emulator.Orders(), o => Assert.Equal(new[] { "2012000011", "2012000012", "2012000013" }, o.TelephoneNumbers.Order()));
        }
        else
        {
            foreach (var result in new[] { fromPath, fromPipeline })
            {
                Assert.Equal(new[] { "2012000011", "2012000012", "2012000013" }, result.Values("TelephoneNumber").Cast<string>().Order());
            }
        }
    }

    /// <summary>
    /// Past the first 1,000 rows the rows are looked at one number name each, in turn (a full look on every row was a
    /// third of reading one): a later stretch of rows with a second number column is still found, within five rows.
    /// </summary>
    [Fact]
    public void A_second_number_column_late_in_a_long_pipeline_is_still_warned_about()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();

        var result = session.Run(@"
            $rows = foreach ($i in 0..1249) { [pscustomobject]@{ TelephoneNumber = [string](2012100000 + $i) } }
            $rows += foreach ($i in 0..39) { [pscustomobject]@{ TelephoneNumber = [string](2012200000 + $i); Number = [string](2012300000 + $i) } }
            $rows | Set-BwPortOutPasscode -Passcode " + Passcode + @" -WhatIf -WarningAction Continue -InformationAction Ignore");

        Assert.Empty(result.AllErrors);
        var warning = Assert.Single(result.Warnings).Message;
        Assert.Contains("TelephoneNumber was used", warning);
        var row = int.Parse(System.Text.RegularExpressions.Regex.Match(warning, @"^Row (\d+)").Groups[1].Value);
        Assert.InRange(row, 1251, 1255); // the stretch starts at row 1,251
        Assert.Empty(emulator.Orders()); // -WhatIf: nothing sent
    }

    [Fact]
    public void The_public_types_can_be_named_in_scripts_and_the_engine_stays_private()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();

        var result = session.Run(Scripts.Credentials() + $@"
$c = Connect-BwAccount -AccountId 9900000 -ClientCredential $client -BaseUri '{emulator.BaseUri}' -PassThru
$c -is [PortOutPasscode.BwConnection]
$order = '2012000001' | Set-BwPortOutPasscode -Passcode {Passcode}
$order -is [PortOutPasscode.TnOptionOrder]
$order.Outcomes[0] -is [PortOutPasscode.TnOutcome]
$order.Outcomes[0].Outcome -eq [PortOutPasscode.TnOutcomeKind]::Protected
(Get-BwPortOutPasscode -TelephoneNumber 2012000001) -is [PortOutPasscode.PortOutPasscodeInfo]
(Test-BwPortOutProtection -TelephoneNumber 2012000001 | Where-Object {{ $_ -is [PortOutPasscode.ProtectionStatus] }}).Count -eq 1
[PortOutPasscode.BwEnvironment]::Test -eq 'Test'
$null -eq ('PortOutPasscode.Client.BandwidthClient' -as [type])
$null -eq ('PortOutPasscode.Engine.PasscodeRun' -as [type])
").AssertNoErrors();

        Assert.Equal(Enumerable.Repeat((object)true, 9), result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Wait_gives_each_order_its_whole_timeout_from_when_it_arrives_and_outputs_the_last_state_of_those_it_gave_up_on()
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { receivedMs = 60_000, processingMs = 60_000 }); // never final within the test
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, oauth: true)).AssertNoErrors();
        var ids = session.Run($"'2012000001', '2012000002' | Set-BwPortOutPasscode -Passcode {Passcode} -BatchSize 1 -NoWait -WarningAction SilentlyContinue")
            .AssertNoErrors().Values("OrderId").Cast<string>().ToArray();
        var clock = Stopwatch.StartNew();

        // The second order reaches Wait 3 s after the first, later than the 2 s timeout counted from the pipeline's start.
        var result = session.Run("& { $args[0]; Start-Sleep -Seconds 3; $args[1] } $args[0] $args[1] | Wait-BwTnOptionOrder -TimeoutSec 2", ids[0], ids[1]);

        clock.Stop();
        var late = emulator.Requests().Where(r => r.Method == "GET" && r.Path.EndsWith("/" + ids[1], StringComparison.Ordinal)).Select(r => r.ArrivedAt).Order().ToList();
        _log.WriteLine($"Ended after {clock.ElapsedMilliseconds} ms; the late order was read {late.Count} times over {(late[^1] - late[0]).TotalMilliseconds:0} ms.");
        Assert.True(late.Count >= 2, $"The late order was read {late.Count} time(s): it was given up on without being waited for.");
        Assert.True(late[^1] - late[0] >= TimeSpan.FromSeconds(1.5), $"The late order was followed for only {(late[^1] - late[0]).TotalMilliseconds:0} ms of its 2 s.");
        Assert.Equal(ids.Order(), result.Values("OrderId").Cast<string>().Order());
        Assert.All(result.Output, o => Assert.Equal("RECEIVED", o.Properties["ProcessingStatus"].Value));
        var error = result.SingleError("OrderWaitTimedOut");
        Assert.Contains(ids[0], error.Exception.Message);
        Assert.Contains(ids[1], error.Exception.Message);
    }

    private static Guid IdOf(PSObject connection) =>
        (Guid)connection.BaseObject.GetType().GetProperty("Id", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(connection.BaseObject)!;

    /// <summary>Connections open from this process to the port (ESTABLISHED in /proc/net/tcp and tcp6); null where there is no /proc.</summary>
    private static int? EstablishedConnectionsTo(int port)
    {
        var tables = new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).ToList();
        if (tables.Count == 0) return null;
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return tables.SelectMany(File.ReadLines).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[2].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "01");
    }

    /// <summary>The module's client cache, read through the module assembly the session imported (its members are internal).</summary>
    private sealed class ClientCache
    {
        private readonly Type _type;

        private ClientCache(Type type) => _type = type;

        internal static ClientCache Of(PowerShellSession session)
        {
            var assembly = (Assembly)session.Run("(Get-Module PortOutPasscode).ImplementingAssembly").AssertNoErrors().Output.Single().BaseObject;
            return new ClientCache(assembly.GetType("PortOutPasscode.Session.ClientCache", throwOnError: true)!);
        }

        /// <summary>The connections whose client is alive now.</summary>
        internal HashSet<Guid> Connections()
        {
            var gate = _type.GetField("Gate", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
            var entries = (IDictionary)_type.GetField("Entries", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
            lock (gate) return entries.Keys.Cast<Guid>().ToHashSet();
        }
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pop-files-");

        internal string Write(string name, string text)
        {
            var path = Path.Combine(_folder.FullName, name);
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return path;
        }

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
