using System.Diagnostics;
using System.Management.Automation;
using PortOutPasscode.Module.Tests.Harness;
using PortOutPasscode.Module.Tests.Reliability;
using static PortOutPasscode.Module.Tests.Harness.Rows;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Every number's true outcome by default (issue 12), as a user meets it through the engine and checked against the
/// emulator's own record: waiting by default and -NoWait said once, progress while waiting, idempotent re-runs, outcomes to
/// export, a reused CustomerOrderId base under faults, what a stopped run still tells the host, rows without a number or
/// with nothing at all, and the order list's own truths.
/// </summary>
public class OutcomeTests : IClassFixture<EmulatorFixture>
{
    private const string Pin = "Qr7Tz2";
    private const string OtherPin = "Wx4Ky8";
    private readonly EmulatorFixture _fixture;

    public OutcomeTests(EmulatorFixture fixture) => _fixture = fixture;

    private static PSObject[] OutcomesOf(ScriptResult result) =>
        result.Output.SelectMany(o => (object[])o.Properties["Outcomes"].Value).Select(PSObject.AsPSObject).ToArray();

    private static string Text(PSObject item, string property) => item.Properties[property]?.Value?.ToString() ?? "";

    private static IEnumerable<InformationRecord> Summaries(ScriptResult result) =>
        result.Information.Where(r => r.Tags.Contains("PSHOST") && r.Tags.Contains("PortOutPasscode.Summary"));

    // ------------------------------------------------------------------ waiting, -NoWait, progress

    [Fact]
    public void NoWait_says_once_per_run_that_outcomes_are_not_known_and_Wait_then_gives_them()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        var accepted = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Pin} -BatchSize 2 -NoWait", Numbers(5, 600_000)).AssertNoErrors();

        Assert.Equal(3, accepted.Output.Count);
        var warning = Assert.Single(accepted.Warnings);
        Assert.Contains("-NoWait", warning.Message);
        Assert.Contains("| Wait-BwTnOptionOrder", warning.Message);
        Assert.All(OutcomesOf(accepted), o => Assert.Equal("Pending", Text(o, "Outcome")));
        Assert.Contains("5 pending", Summaries(accepted).Single().MessageData.ToString());

        var waited = session.RunWithInput("$input | Wait-BwTnOptionOrder", accepted.Output).AssertNoErrors();
        Assert.Equal(5, OutcomesOf(waited).Length);
        Assert.All(OutcomesOf(waited), o => Assert.Equal("Protected", Text(o, "Outcome")));

        // Once per run, not once per session: the next -NoWait run says it again.
        var again = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Pin} -NoWait", Numbers(2, 600_010)).AssertNoErrors();
        Assert.Single(again.Warnings);
        // Waiting (the default) needs no such word.
        var waiting = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Pin}", Numbers(2, 600_020)).AssertNoErrors();
        Assert.Empty(waiting.Warnings);
        Assert.All(OutcomesOf(waiting), o => Assert.Equal("Protected", Text(o, "Outcome")));
    }

    [Fact]
    public void While_waiting_progress_comes_at_least_once_a_second_with_a_percentage()
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { receivedMs = 2000, processingMs = 2000 }); // each order takes 4 s
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        using var running = session.Start($"$args[0] | Set-BwPortOutPasscode -Passcode {Pin} -BatchSize 2", null, new object[] { Numbers(4, 600_100) });
        var arrivals = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var seen = 0;
        while (!running.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var count = running.Result.Progress.Count;
            for (; seen < count; seen++) arrivals.Add(clock.Elapsed);
            Thread.Sleep(20);
        }
        var result = running.Wait();
        result.AssertNoErrors();

        Assert.True(arrivals.Count >= 4, $"only {arrivals.Count} progress records in {clock.Elapsed}");
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
        // Refreshed every second by the engine; the slack is for two shared cores and this loop's own 20 ms.
        Assert.True(gaps.Max() <= TimeSpan.FromSeconds(1.5), $"a gap of {gaps.Max().TotalMilliseconds:0} ms between progress records");
        var waiting = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete >= 0).ToList();
        Assert.NotEmpty(waiting); // accepted against final orders
        Assert.All(waiting, p => Assert.InRange(p.PercentComplete, 0, 100));
        Assert.Contains(waiting, p => p.PercentComplete < 100);
        Assert.Equal((ProgressRecordType.Completed, 100), (result.Progress.Last().RecordType, result.Progress.Last().PercentComplete));
        Assert.All(OutcomesOf(result), o => Assert.Equal("Protected", Text(o, "Outcome")));
    }

    [Fact]
    public void A_path_run_shows_its_percentage_from_the_file_read()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var file = Path.Combine(Path.GetTempPath(), $"tns-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(file, Numbers(3000, 600_200));
        try
        {
            var result = session.Run(Connect(emulator) + $"Set-BwPortOutPasscode -Path $args[0] -Passcode {Pin} -BatchSize 1000", file).AssertNoErrors();

            var percents = result.Progress.Where(p => p.PercentComplete >= 0).Select(p => p.PercentComplete).ToList();
            Assert.NotEmpty(percents);
            Assert.Equal(percents.OrderBy(p => p), percents); // never backwards
            Assert.Equal(100, percents.Last());
            Assert.Equal(3000, OutcomesOf(result).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_passcode_given_as_a_SecureString_for_every_row_or_per_row_is_set_and_the_summary_is_captured_or_silenced_as_usual()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        var result = session.Run(@"
$secure = [System.Net.NetworkCredential]::new('', 'Pk3Mn6').SecurePassword
$null = '2012601401' | Set-BwPortOutPasscode -Passcode $secure -InformationVariable said
$rows = '2012601402', '2012601403' | ForEach-Object { [pscustomobject]@{ TelephoneNumber = $_; Passcode = [System.Net.NetworkCredential]::new('', 'Pk3Mn7').SecurePassword } }
$null = $rows | Set-BwPortOutPasscode -InformationAction Ignore
$said | Where-Object { $_.Tags -contains 'PSHOST' } | ForEach-Object { ""$($_.MessageData)"" }").AssertNoErrors();

        Assert.Equal("Pk3Mn6", emulator.Passcodes()["2012601401"]);
        Assert.Equal("Pk3Mn7", emulator.Passcodes()["2012601402"]);
        Assert.Equal("Pk3Mn7", emulator.Passcodes()["2012601403"]);
        Assert.Equal("Set-BwPortOutPasscode: 1 row read: 1 protected.", Assert.Single(result.Output).BaseObject);
        // Captured in the variable (and shown, as Write-Host's are); silenced with Ignore, nowhere.
        Assert.Equal("Set-BwPortOutPasscode: 1 row read: 1 protected.", Assert.Single(Summaries(result)).MessageData.ToString());
        SecretScan.AssertClean(result, "Pk3Mn6", "Pk3Mn7");
    }

    // ------------------------------------------------------------------ idempotent re-runs

    [Theory]
    [InlineData("error")]
    [InlineData("warning")]
    public void Running_the_same_job_twice_succeeds_and_the_second_run_finds_every_number_already_protected(string samePasscode)
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { samePasscode });
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = WithPasscode(Numbers(6, 600_300), Pin);
        const string job = "$orders = $input | Set-BwPortOutPasscode -BatchSize 4; $ok = $?; $orders; [pscustomobject]@{ Ok = $ok }";

        var first = session.RunWithInput(job, rows).AssertNoErrors();
        var second = session.RunWithInput(job, rows).AssertNoErrors();

        Assert.True((bool)first.Output.Last().Properties["Ok"].Value);
        Assert.True((bool)second.Output.Last().Properties["Ok"].Value); // $? of a clean re-run
        second.Output.RemoveAt(second.Output.Count - 1);
        var outcomes = OutcomesOf(second);
        Assert.Equal(6, outcomes.Length);
        Assert.All(outcomes, o => Assert.Equal("AlreadyProtected", Text(o, "Outcome")));
        Assert.All(outcomes, o => Assert.True((bool)o.Properties["Succeeded"].Value));
        Assert.Contains("6 already protected", Summaries(second).Single().MessageData.ToString());
        Assert.Equal(4, emulator.Orders().Count); // two orders a run, nothing left over
    }

    [Fact]
    public void Removing_twice_succeeds_and_the_second_run_finds_the_numbers_unprotected()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.RunWithInput(Connect(emulator) + $"$input | Set-BwPortOutPasscode -Passcode {Pin}", Numbers(3, 600_400)).AssertNoErrors();
        const string job = "$orders = $input | Remove-BwPortOutPasscode -Force; $ok = $?; $orders; [pscustomobject]@{ Ok = $ok }";

        session.RunWithInput(job, Numbers(3, 600_400)).AssertNoErrors();
        var again = session.RunWithInput(job, Numbers(3, 600_400)).AssertNoErrors();

        Assert.True((bool)again.Output.Last().Properties["Ok"].Value);
        again.Output.RemoveAt(again.Output.Count - 1);
        Assert.All(OutcomesOf(again), o => Assert.Equal("Removed", Text(o, "Outcome")));
        Assert.Equal(3, OutcomesOf(again).Length);
        Assert.DoesNotContain(Numbers(3, 600_400), emulator.Passcodes().ContainsKey);
    }

    // ------------------------------------------------------------------ outcomes to export

    [Fact]
    public void Outcomes_export_to_one_csv_row_per_number_and_failed_rows_export_to_a_file_to_run_again()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator) + $"'2012600504' | Set-BwPortOutPasscode -Passcode {Pin}").AssertNoErrors();
        var numbers = new[] { "2012600501", "2012600502", "2012600503", "2012600504", "3125550000", "9195550001" };
        var report = Path.Combine(Path.GetTempPath(), $"outcomes-{Guid.NewGuid():N}.csv");
        var retry = Path.Combine(Path.GetTempPath(), $"retry-{Guid.NewGuid():N}.csv");
        try
        {
            var result = session.RunWithInput(@"
$orders = $input | Set-BwPortOutPasscode -BatchSize 4 -ErrorVariable failed
$orders.Outcomes | Export-Csv -LiteralPath $args[0] -NoTypeInformation
$failed.TargetObject | Export-Csv -LiteralPath $args[1] -NoTypeInformation
$orders", WithPasscode(numbers, Pin), report, retry);

            Assert.Equal(2, result.Errors.Count);
            var rows = session.Run("Import-Csv -LiteralPath $args[0]", report).AssertNoErrors().Output;
            Assert.Equal(numbers.OrderBy(n => n), rows.Select(r => Text(r, "TelephoneNumber")).OrderBy(n => n));
            Assert.Equal(new[] { "TelephoneNumber", "Outcome", "Code", "Description", "OrderId", "CustomerOrderId" },
                rows[0].Properties.Select(p => p.Name).Take(6));
            var byNumber = rows.ToDictionary(r => Text(r, "TelephoneNumber"), r => (Text(r, "Outcome"), Text(r, "Code")));
            Assert.Equal(("AlreadyProtected", "5195"), byNumber["2012600504"]);
            Assert.Equal(("Failed", "5076"), byNumber["3125550000"]);
            Assert.Equal(("Failed", "5196"), byNumber["9195550001"]);
            Assert.Equal(("Protected", ""), byNumber["2012600501"]);
            var orderIds = result.Values("OrderId").Cast<string>().ToHashSet();
            Assert.All(rows, r => Assert.Contains(Text(r, "OrderId"), orderIds));
            Assert.DoesNotContain(Pin, File.ReadAllText(report));

            // The failed rows as the user gave them: a file that goes straight back in, and fails the same way.
            var again = session.Run("Import-Csv -LiteralPath $args[0] | Set-BwPortOutPasscode", retry);
            Assert.Equal(new[] { "BandwidthError5076", "BandwidthError5196" }, again.Errors.Select(ScriptResult.ErrorId).OrderBy(i => i));
        }
        finally
        {
            File.Delete(report);
            File.Delete(retry);
        }
    }

    // ------------------------------------------------------------------ a reused CustomerOrderId base

    [Fact]
    public void A_base_that_already_names_orders_is_said_once_before_the_first_order()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();

        var first = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Pin} -CustomerOrderId nightly -BatchSize 2", Numbers(4, 600_600)).AssertNoErrors();
        var second = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Pin} -CustomerOrderId nightly -BatchSize 2", Numbers(4, 600_610)).AssertNoErrors();

        Assert.Empty(first.Warnings);
        var warning = Assert.Single(second.Warnings);
        Assert.Contains("'nightly' already names orders", warning.Message);
        Assert.Contains("nightly-1", warning.Message);
        // Said before anything was sent: the check is the first request of the run.
        var requests = emulator.Requests();
        var lastList = requests.FindLastIndex(r => r.Method == "GET" && r.Path.EndsWith("/tnoptions", StringComparison.Ordinal) && (r.Query ?? "").Contains("customerOrderId=nightly-1"));
        var creates = requests.Select((r, i) => (r, i)).Where(p => p.r.Method == "POST" && p.r.Path.EndsWith("/tnoptions", StringComparison.Ordinal)).Select(p => p.i).ToList();
        Assert.True(lastList >= 0 && lastList < creates[2], "the second run's check came after its first create");
    }

    [Theory]
    [InlineData("dropBefore")]
    [InlineData("throttle")]
    [InlineData("dropAfterStore")]
    public void A_run_reusing_a_base_whose_first_create_meets_a_fault_stores_its_own_numbers_once_and_never_adopts_the_other_run(string fault)
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator, options: "-MaximumRetryCount 3 -MaximumRetryDelaySec 5")).AssertNoErrors();
        var runA = Numbers(3, 600_700);
        var runB = Numbers(3, 600_710);
        var a = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {Pin} -CustomerOrderId nightly", runA).AssertNoErrors();
        var orderA = (string)Assert.Single(a.Output).Properties["OrderId"].Value;

        emulator.AddFault(fault == "throttle"
            ? new { endpoint = "create", kind = fault, retryAfter = "1", count = 1 }
            : (object)new { endpoint = "create", kind = fault, count = 1 });
        var b = session.RunWithInput($"$input | Set-BwPortOutPasscode -Passcode {OtherPin} -CustomerOrderId nightly -WarningAction SilentlyContinue", runB).AssertNoErrors();

        var stored = emulator.Orders();
        Assert.Equal(2, stored.Count); // A's, and B's once: never a third, never none
        Assert.All(stored, o => Assert.Equal("nightly-1", o.CustomerOrderId));
        var storedB = Assert.Single(stored, o => o.OrderId != orderA);
        Assert.Equal(runB, storedB.TelephoneNumbers.OrderBy(n => n));
        var outputB = Assert.Single(b.Output);
        Assert.Equal(storedB.OrderId, outputB.Properties["OrderId"].Value);
        Assert.Equal(runB, OutcomesOf(b).Where(o => Text(o, "Outcome") == "Protected").Select(o => Text(o, "TelephoneNumber")).OrderBy(n => n));
        var passcodes = emulator.Passcodes();
        Assert.All(runA, n => Assert.Equal(Pin, passcodes[n]));
        Assert.All(runB, n => Assert.Equal(OtherPin, passcodes[n]));
        Assert.Contains(emulator.Requests(), r => r.Fault == fault);
    }

    // ------------------------------------------------------------------ what a stopped run still says

    [Fact]
    public void Stopping_a_run_with_orders_open_tells_the_host_which_orders_and_how_to_follow_them()
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { receivedMs = 60_000, processingMs = 60_000 });
        var host = new RecordingHost();
        using var session = new PowerShellSession(host: host);
        session.Run(Connect(emulator)).AssertNoErrors();

        using var running = session.Start($"$args[0] | Set-BwPortOutPasscode -Passcode {Pin} -BatchSize 1", null, new object[] { Numbers(3, 600_800) });
        for (var i = 0; i < 500 && Accepted(running) < 3 && !running.IsCompleted; i++) Thread.Sleep(20);
        Assert.False(running.IsCompleted, "The run ended before it could be stopped.");
        running.Stop();
        var result = running.Wait();

        var stored = emulator.Orders();
        Assert.Equal(3, stored.Count);
        var said = Assert.Single(host.WarningLines, l => l.Contains("stopped early"));
        Assert.All(stored, o => Assert.Contains(o.OrderId, said));
        Assert.Contains("Wait-BwTnOptionOrder -OrderId", said);
        SecretScan.AssertClean(said, Pin);
        SecretScan.AssertClean(result, Pin);
    }

    [Fact]
    public void ErrorAction_Stop_on_a_bad_row_after_orders_were_accepted_tells_the_host_which_are_still_open()
    {
        var emulator = _fixture.Emulator;
        emulator.Configure(new { receivedMs = 60_000, processingMs = 60_000 });
        var host = new RecordingHost();
        using var session = new PowerShellSession(host: host);
        session.Run(Connect(emulator)).AssertNoErrors();
        var ordersUri = new Uri(emulator.RootUri, "/_emulator/orders");

        // The bad row comes once Bandwidth has stored both orders, so both answers are on their way back when the run stops.
        var result = session.RunWithInput($@"
$orders = $args[0]
$input | ForEach-Object {{
    if ($_ -eq 'not-a-number') {{
        # Invoke-RestMethod writes a JSON array as one object: its Count is the number of orders.
        for ($i = 0; $i -lt 400 -and (Invoke-RestMethod -Uri $orders).Count -lt 2; $i++) {{ Start-Sleep -Milliseconds 50 }}
        Start-Sleep -Milliseconds 500
    }}
    $_
}} | Set-BwPortOutPasscode -Passcode {Pin} -BatchSize 2 -ErrorAction Stop", Numbers(4, 600_900).Append("not-a-number").Append("2012600950"), ordersUri);

        Assert.Equal("InvalidTelephoneNumber", ScriptResult.ErrorId(result.TerminatingError!));
        var stored = emulator.Orders();
        Assert.Equal(2, stored.Count);
        var said = Assert.Single(host.WarningLines, l => l.Contains("stopped early"));
        Assert.Contains("2 orders accepted by Bandwidth are still being processed", said);
        Assert.All(stored, o => Assert.Contains(o.OrderId, said));
        Assert.DoesNotContain("were being sent", said);
    }

    private static int Accepted(RunningScript running)
    {
        lock (running.Result) return running.Result.Information.Count(r => r.Tags.Contains("OrderAccepted"));
    }

    // ------------------------------------------------------------------ rows without a number, rows with nothing

    [Fact]
    public void Rows_without_a_number_property_fail_once_with_what_they_had_and_the_rest_are_counted()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var rows = Enumerable.Range(0, 30).Select(i => Row(("Phone", $"20126010{i:00}"), ("Passcode", "Secret99"))).ToArray();
        var requestsBefore = emulator.Requests().Count;

        foreach (var command in new[] { "Set-BwPortOutPasscode", "Get-BwPortOutPasscode", "Test-BwPortOutProtection" })
        {
            var result = session.RunWithInput("$input | " + command, rows);

            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e => Assert.Equal("NoTelephoneNumber", ScriptResult.ErrorId(e)));
            var first = result.Errors[0];
            Assert.Same(rows[0], first.TargetObject);
            Assert.StartsWith("Row 1 has no telephone number property: it has Phone, Passcode.", first.Exception.Message);
            Assert.StartsWith("29 more rows (Row 2 to Row 30) had no telephone number property either", result.Errors[1].Exception.Message);
            Assert.Empty(result.Output.Where(o => o.BaseObject is not bool));
            Assert.DoesNotContain("Secret99", result.Errors[1].Exception.Message + first.Exception.Message);
        }
        Assert.Empty(emulator.Orders());
        Assert.Equal(requestsBefore, emulator.Requests().Count); // nothing asked of Bandwidth for rows that name no number
    }

    [Fact]
    public void Fully_empty_rows_from_a_spreadsheet_are_skipped_with_one_verbose_line_and_no_error()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.Run(Connect(emulator)).AssertNoErrors();
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, $"TelephoneNumber,Passcode,Notes\r\n2012601101,{Pin},\r\n,,\r\n , ,\r\n2012601102,{Pin},x\r\n,,\r\n");
        try
        {
            var piped = session.Run("Import-Csv -LiteralPath $args[0] | Set-BwPortOutPasscode -Verbose", file).AssertNoErrors();
            var fromPath = session.Run("Set-BwPortOutPasscode -Path $args[0] -Verbose", file).AssertNoErrors();
            var audited = session.Run("Import-Csv -LiteralPath $args[0] | Get-BwPortOutPasscode -Verbose", file).AssertNoErrors();

            foreach (var result in new[] { piped, fromPath })
            {
                Assert.Equal(new[] { "2012601101", "2012601102" }, OutcomesOf(result).Select(o => Text(o, "TelephoneNumber")).OrderBy(n => n));
                Assert.Contains("2 rows read", Summaries(result).Single().MessageData.ToString());
            }
            Assert.Single(piped.Verbose, v => v.Message.StartsWith("3 fully empty rows skipped", StringComparison.Ordinal));
            Assert.Single(fromPath.Verbose, v => v.Message.StartsWith($"{Path.GetFileName(file)}: 3 fully empty rows skipped", StringComparison.Ordinal));
            Assert.Equal(2, audited.Output.Count);
            Assert.Single(audited.Verbose, v => v.Message.Contains("fully empty row"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    // ------------------------------------------------------------------ the order list's own truths

    [Fact]
    public void Get_BwTnOptionOrder_warns_when_Bandwidth_counts_more_orders_than_it_listed()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        session.RunWithInput(Connect(emulator) + $"$input | Set-BwPortOutPasscode -Passcode {Pin} -BatchSize 1", Numbers(3, 601_200)).AssertNoErrors();
        emulator.Configure(new { maxOrdersPerList = 2 });

        foreach (var list in new[] { "Get-BwTnOptionOrder", "Get-BwTnOptionOrder -Detailed" })
        {
            var result = session.Run(list).AssertNoErrors();
            Assert.Equal(2, result.Output.Count);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("lists 2 of the 3 orders", warning.Message);
        }
        emulator.Configure(new { maxOrdersPerList = 3 });
        Assert.Empty(session.Run("Get-BwTnOptionOrder").AssertNoErrors().Warnings);
    }

    [Fact]
    public void Get_BwTnOptionOrder_honours_the_time_of_day_and_takes_several_numbers()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var early = session.Run(Connect(emulator) + $"'2012601301' | Set-BwPortOutPasscode -Passcode {Pin}").AssertNoErrors();
        Thread.Sleep(1100);
        var between = session.Run("[datetime]::UtcNow").AssertNoErrors().Output[0].BaseObject;
        Thread.Sleep(1100);
        var late = session.Run($"'2012601302' | Set-BwPortOutPasscode -Passcode {Pin}").AssertNoErrors();
        var earlyId = (string)early.Output[0].Properties["OrderId"].Value;
        var lateId = (string)late.Output[0].Properties["OrderId"].Value;

        string[] Ids(string query) => session.Run(query, between).AssertNoErrors().Values("OrderId").Cast<string>().OrderBy(i => i).ToArray();

        // All on one day: the API filters by day, the module by the time given.
        Assert.Equal(new[] { lateId }, Ids("Get-BwTnOptionOrder -CreatedAfter $args[0]"));
        Assert.Equal(new[] { earlyId }, Ids("Get-BwTnOptionOrder -CreatedBefore $args[0]"));
        Assert.Equal(new[] { lateId }, Ids("Get-BwTnOptionOrder -ModifiedAfter $args[0] -Detailed"));
        Assert.Equal(new[] { earlyId }, Ids("Get-BwTnOptionOrder -ModifiedBefore $args[0]"));
        Assert.Equal(new[] { earlyId, lateId }.OrderBy(i => i), Ids("Get-BwTnOptionOrder -TelephoneNumber 2012601301, '(201) 260-1302', 2012601301"));
    }
}
