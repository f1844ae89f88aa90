using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PortOutPasscode.Emulator;
using PortOutPasscode.Emulator.Faults;
using PortOutPasscode.Hosting;
using PortOutPasscode.TestSupport;

namespace PortOutPasscode.Benchmarks;

/// <summary>
/// Runs the scenarios of issue 6 side by side against one emulator hosted here, each measurement in a fresh
/// worker process, and writes the figures to the console and benchmarks/results/.
/// </summary>
internal sealed class Orchestrator
{
    private const int PipelineRows = 100_000;
    private const int LargeBatchSize = 5000;
    private const int LatencyMs = 200;
    private const int LatencyOrders = 40;
    private const int ParallelThrottle = 8;
    private const int PollingOrders = 100;
    /// <summary>The poller's first look comes 500 ms after an order is accepted (PollSchedule.First).</summary>
    private const int FirstPollMs = 500;
    /// <summary>
    /// The pipeline scenario's orders are final 1,000 ms after acceptance (received 300 + processing 700), and seen final
    /// at the second poll: 500 ms, then 900 ms later (the intervals the polling scenario measures).
    /// </summary>
    private const int PipelineOrderSeenFinalMs = 500 + 900;

    private readonly BenchmarkOptions _options;
    private readonly EmulatorAdmin _admin;
    private readonly Dictionary<string, string> _connection;
    private readonly Report _report = new();

    private Orchestrator(BenchmarkOptions options, EmulatorServer emulator)
    {
        _options = options;
        _admin = new EmulatorAdmin(emulator.RootUri);
        // What a runbook would set; workers run Connect-BwAccount with no parameters.
        _connection = new Dictionary<string, string>
        {
            ["BW_ACCOUNT_ID"] = DemoDefaults.AccountId,
            ["BW_USERNAME"] = DemoDefaults.UserName,
            ["BW_PASSWORD"] = DemoDefaults.Password,
            ["BW_API_BASE_URI"] = emulator.BaseUri.ToString(),
        };
    }

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RequestLogLimit = 1_000_000 });
        var orchestrator = new Orchestrator(options, emulator);
        var machine = Machine();
        Console.WriteLine($"Benchmarks: {string.Join(", ", options.Scenarios)}; {options.Repeat} repeats; emulator at {emulator.BaseUri}");
        Console.WriteLine(machine);
        foreach (var scenario in options.Scenarios)
        {
            Console.WriteLine($"== {scenario}");
            switch (scenario)
            {
                case "pipeline": orchestrator.Pipeline(); break;
                case "largefile": orchestrator.LargeFile(); break;
                case "latency": orchestrator.Latency(); break;
                case "startup": orchestrator.Startup(); break;
                case "polling": orchestrator.Polling(); break;
                case "realistic": orchestrator.Realistic(); break;
                case "coverage": orchestrator.Coverage(); break;
            }
        }
        var markdown = orchestrator._report.ToMarkdown(machine, options.Repeat);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var results = Path.Combine(RepoModule.CheckoutRoot, "benchmarks", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"benchmark-{DateTime.Now:yyyyMMdd-HHmmss}.md");
        File.WriteAllText(file, $"dotnet run -c Release --project benchmarks/PortOutPasscode.Benchmarks -- --scenario {string.Join(',', options.Scenarios)} --repeat {options.Repeat}\n\n" + markdown);
        Console.WriteLine($"Written to {file}");
        return orchestrator._report.AnyMissed ? 1 : 0;
    }

    /// <summary>1. 100,000 Import-Csv-shaped rows through Set-BwPortOutPasscode -BatchSize 5000, and through the no-op floor.</summary>
    private void Pipeline()
    {
        const string scenario = "1 pipeline";
        var figures = new[]
        {
            _report.Add(new Figure(scenario, "100,000 rows into the no-op cmdlet (floor)", "ms", "floorMs")),
            _report.Add(new Figure(scenario, "100,000 rows into Set-BwPortOutPasscode -BatchSize 5000 -NoWait (every order accepted)", "ms", "moduleMs")),
            _report.Add(new Figure(scenario, "module ÷ floor", "×", "ratio", "≤ 2", r => r <= 2)),
            _report.Add(new Figure(scenario, "the same rows with -WhatIf (checked and batched, no order sent)", "ms", "rowsOnlyMs")),
            _report.Add(new Figure(scenario, "100,000 other rows, waiting for every order to be final (the default)", "ms", "waitedMs")),
            _report.Add(new Figure(scenario, $"waiting: ideal (the -NoWait run + {PipelineOrderSeenFinalMs} ms, when the last order is seen final)", "ms")),
            _report.Add(new Figure(scenario, "waiting ÷ its ideal", "×", target: "≤ 1.5", meetsTarget: r => r <= 1.5)),
            _report.Add(new Figure(scenario, "CPU time of the floor run, all threads", "ms", "floorCpuMs")),
            _report.Add(new Figure(scenario, "CPU time of the module run, all threads", "ms", "moduleCpuMs")),
            _report.Add(new Figure(scenario, "allocated by the floor run", "MB", "floorAllocatedMB")),
            _report.Add(new Figure(scenario, "allocated by the module run", "MB", "moduleAllocatedMB")),
            _report.Add(new Figure(scenario, "GC pauses in the floor run", "ms", "floorGcPauseMs")),
            _report.Add(new Figure(scenario, "GC pauses in the module run", "ms", "moduleGcPauseMs")),
            _report.Add(new Figure(scenario, "collections in the floor run", "GCs", "floorCollections")),
            _report.Add(new Figure(scenario, "collections in the module run", "GCs", "moduleCollections")),
        };
        var emulatorCpu = _report.Add(new Figure(scenario, "emulator CPU per order of 5,000 (this process, beside the worker)", "ms"));
        for (var i = 0; i < _options.Repeat; i++)
        {
            ResetEmulator(receivedMs: 300, processingMs: 700);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var run = WorkerProcess.Run("pipeline", _connection, ("rows", PipelineRows), ("batch", LargeBatchSize));
            // The worker sends three rounds of orders (the untimed one and two timed ones); this process does nothing else meanwhile.
            var ordersServed = 3 * run.Number("orders");
            emulatorCpu.Values.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / ordersServed);
            Report.Record(run, figures);
            var waitIdeal = run.Number("moduleMs") + PipelineOrderSeenFinalMs;
            figures[5].Values.Add(waitIdeal);
            figures[6].Values.Add(run.Number("waitedMs") / waitIdeal);
            Progress($"floor {run.Number("floorMs"):F0} ms, module {run.Number("moduleMs"):F0} ms, ratio {run.Number("ratio"):F2}; " +
                     $"waited {run.Number("waitedMs"):F0} ms, {run.Number("waitedMs") / waitIdeal:F2} × its ideal");
        }
    }

    /// <summary>A fresh start (orders, passcodes, faults, request log), then the given order timing.</summary>
    private void ResetEmulator(int receivedMs, int processingMs)
    {
        _admin.Reset();
        _admin.Configure(new { receivedMs, processingMs });
    }

    /// <summary>2. A CSV of a million numbers through -Path: throughput, and peak memory over the engine's idle footprint.</summary>
    private void LargeFile()
    {
        const string scenario = "2 large file";
        var path = NumberFile(_options.LargeRows);
        var rows = _options.LargeRows.ToString("N0", CultureInfo.InvariantCulture);
        var figures = new[]
        {
            _report.Add(new Figure(scenario, $"{rows} numbers through -Path, wall time", "s", "seconds")),
            _report.Add(new Figure(scenario, "CPU time of the run, all threads of the engine's process", "s", "cpuSeconds")),
            _report.Add(new Figure(scenario, "throughput", "numbers/s", "numbersPerSecond")),
            _report.Add(new Figure(scenario, "peak of the run", "MB VmHWM", "peakMB")),
        };
        var idle = _report.Add(new Figure(scenario, "engine idle footprint (module imported, connected)", "MB VmHWM"));
        var growth = _report.Add(new Figure(scenario, "peak above idle", "MB", target: "≤ 200", meetsTarget: g => g <= 200));
        for (var i = 0; i < _options.Repeat; i++)
        {
            var idleRun = WorkerProcess.Run("idle", _connection);
            ResetEmulator(receivedMs: 300, processingMs: 700);
            var run = WorkerProcess.Run("largefile", _connection, ("path", path), ("batch", LargeBatchSize));
            Report.Record(run, figures);
            idle.Values.Add(idleRun.Number("peakMB"));
            growth.Values.Add(run.Number("peakMB") - idleRun.Number("peakMB"));
            Progress($"{run.Number("seconds"):F1} s, {run.Number("numbersPerSecond"):F0} numbers/s, peak {run.Number("peakMB"):F0} MB, idle {idleRun.Number("peakMB"):F0} MB");
            Progress("GC: " + run.Text("gc"));
        }
        var whatIfGrowth = _options.DuplicateCheckRows.Distinct().Order().Select(size => (Size: size, Figure: DuplicateCheckFigures(scenario, size))).ToList();
        if (whatIfGrowth.Count > 1)
        {
            // The -WhatIf peak holds a fixed part (the GC's slack, the reader's buffers) and a part per number: the latter
            // is the difference between the largest and the smallest run.
            var (small, large) = (whatIfGrowth[0], whatIfGrowth[^1]);
            var perNumber = (large.Figure.Median - small.Figure.Median) * 1048576.0 / (large.Size - small.Size);
            _report.Note($"Duplicate check: between the {small.Size:N0}- and {large.Size:N0}-number -WhatIf runs the peak grows by {perNumber:F1} bytes per number (medians); the rest of their peak above idle does not grow with the file.");
        }
    }

    /// <summary>
    /// 2b. The duplicate check per number (issue 17: at most 24 bytes, at 1,000,000 and 5,000,000 numbers): the set alone
    /// (managed heap after a full collection, before and after), with one passcode and with two alternating, and what a
    /// whole -Path run with -WhatIf (every row read, checked and kept, no order sent) grows the process by, per number.
    /// </summary>
    /// <returns>The -WhatIf run's peak above idle, in MB.</returns>
    private Figure DuplicateCheckFigures(string scenario, int size)
    {
        var rows = size.ToString("N0", CultureInfo.InvariantCulture);
        var path = NumberFile(size);
        var onePasscode = _report.Add(new Figure(scenario, $"duplicate check alone, {rows} numbers, one passcode", "bytes/number", "bytesPerNumber",
            target: "≤ 24", meetsTarget: b => b <= 24));
        var twoPasscodes = _report.Add(new Figure(scenario, $"duplicate check alone, {rows} numbers, two passcodes alternating", "bytes/number", "bytesPerNumber"));
        var whatIfPeak = _report.Add(new Figure(scenario, $"{rows} numbers through -Path -WhatIf, peak above idle", "MB"));
        var whatIfPerNumber = _report.Add(new Figure(scenario, $"{rows} numbers through -Path -WhatIf, peak above idle per number", "bytes/number"));
        for (var i = 0; i < _options.Repeat; i++)
        {
            var one = WorkerProcess.Run("seen", _connection, ("count", size), ("passcodes", 1));
            var two = WorkerProcess.Run("seen", _connection, ("count", size), ("passcodes", 2));
            Report.Record(one, onePasscode);
            Report.Record(two, twoPasscodes);
            var idleRun = WorkerProcess.Run("idle", _connection);
            var run = WorkerProcess.Run("largefile", _connection, ("path", path), ("batch", LargeBatchSize), ("whatIf", "true"));
            var growth = run.Number("peakMB") - idleRun.Number("peakMB");
            whatIfPeak.Values.Add(growth);
            whatIfPerNumber.Values.Add(growth * 1048576.0 / size);
            Progress($"{rows}: duplicate check {one.Number("bytesPerNumber"):F1} bytes/number ({two.Number("bytesPerNumber"):F1} with two passcodes); " +
                     $"-WhatIf run {run.Number("seconds"):F1} s, {growth:F0} MB above idle ({growth * 1048576.0 / size:F1} bytes/number)");
        }
        return whatIfPeak;
    }

    /// <summary>3. 40 orders against 200 ms of latency per request: -ThrottleLimit 8 against the ideal and the sequential run.</summary>
    private void Latency()
    {
        var ideal = (LatencyOrders + ParallelThrottle - 1) / ParallelThrottle * LatencyMs;
        var idealWait = ideal + FirstPollMs + LatencyMs;
        const string scenario = "3 latency";
        var parallel = _report.Add(new Figure(scenario, $"{LatencyOrders} orders -NoWait, -ThrottleLimit {ParallelThrottle}", "ms"));
        var sequential = _report.Add(new Figure(scenario, $"{LatencyOrders} orders -NoWait, -ThrottleLimit 1 (sequential)", "ms"));
        var parallelRatio = _report.Add(new Figure(scenario, $"-ThrottleLimit {ParallelThrottle} ÷ ideal ({ideal} ms)", "×", target: "≤ 1.5", meetsTarget: r => r <= 1.5));
        var parallelWait = _report.Add(new Figure(scenario, $"{LatencyOrders} orders waited for (the default), -ThrottleLimit {ParallelThrottle}", "ms"));
        var sequentialWait = _report.Add(new Figure(scenario, $"{LatencyOrders} orders waited for, -ThrottleLimit 1 (sequential)", "ms"));
        var waitRatio = _report.Add(new Figure(scenario, $"waited for, -ThrottleLimit {ParallelThrottle} ÷ ideal ({idealWait} ms)", "×", target: "≤ 1.5", meetsTarget: r => r <= 1.5));
        for (var i = 0; i < _options.Repeat; i++)
        {
            var eight = LatencyRun(ParallelThrottle);
            var one = LatencyRun(1);
            parallel.Values.Add(eight.Number("noWaitMs"));
            sequential.Values.Add(one.Number("noWaitMs"));
            parallelRatio.Values.Add(eight.Number("noWaitMs") / ideal);
            parallelWait.Values.Add(eight.Number("waitMs"));
            sequentialWait.Values.Add(one.Number("waitMs"));
            waitRatio.Values.Add(eight.Number("waitMs") / idealWait);
            Progress($"throttle 8: {eight.Number("noWaitMs"):F0} ms -NoWait ({eight.Number("waitMs"):F0} waited); sequential: {one.Number("noWaitMs"):F0} ms ({one.Number("waitMs"):F0} waited)");
        }
        _report.Note($"Latency: every API request waits {LatencyMs} ms in the emulator; orders of 25 numbers; orders final {100 + 200} ms after acceptance, so waiting, the ideal adds one first poll ({FirstPollMs} ms + {LatencyMs} ms) after the last order is accepted.");
    }

    private WorkerResult LatencyRun(int throttleLimit)
    {
        ResetEmulator(receivedMs: 100, processingMs: 200);
        _admin.AddFault(new FaultSpec { Endpoint = "*", Kind = "latency", LatencyMs = LatencyMs });
        return WorkerProcess.Run("latency", _connection, ("orders", LatencyOrders), ("throttle", throttleLimit));
    }

    /// <summary>4. Import-Module of the built module in a fresh process, against the one-cmdlet no-op module; what the import loaded.</summary>
    private void Startup()
    {
        const string scenario = "4 start-up";
        var module = _report.Add(new Figure(scenario, "Import-Module out/PortOutPasscode", "ms"));
        var floor = _report.Add(new Figure(scenario, "Import-Module out/NoOpModule (one cmdlet)", "ms"));
        var ratio = _report.Add(new Figure(scenario, "module ÷ one-cmdlet module", "×", target: "≤ 1.5", meetsTarget: r => r <= 1.5));
        var moduleProcess = _report.Add(new Figure(scenario, "whole fresh process with the import (PortOutPasscode)", "ms"));
        var floorProcess = _report.Add(new Figure(scenario, "whole fresh process with the import (NoOpModule)", "ms"));
        var heavy = new SortedSet<string>(StringComparer.Ordinal);
        var loaded = "";
        for (var i = 0; i < _options.Repeat; i++)
        {
            var ours = WorkerProcess.Run("import", new Dictionary<string, string>(), ("module", "PortOutPasscode"));
            var noOp = WorkerProcess.Run("import", new Dictionary<string, string>(), ("module", "NoOpModule"));
            module.Values.Add(ours.Number("importMs"));
            floor.Values.Add(noOp.Number("importMs"));
            ratio.Values.Add(ours.Number("importMs") / noOp.Number("importMs"));
            moduleProcess.Values.Add(ours.ProcessMs);
            floorProcess.Values.Add(noOp.ProcessMs);
            heavy.UnionWith(ours.Text("heavyLoaded").Split(' ', StringSplitOptions.RemoveEmptyEntries));
            loaded = ours.Text("loadedByImport");
            Progress($"PortOutPasscode {ours.Number("importMs"):F0} ms, NoOpModule {noOp.Number("importMs"):F0} ms");
        }
        var verdict = heavy.Count == 0 ? "none (met)" : string.Join(", ", heavy) + " (MISSED)";
        _report.Note($"Start-up: Microsoft.Extensions.* / System.Net.Http / Polly assemblies loaded after Import-Module PortOutPasscode: {verdict}. Assemblies the import loaded: {loaded}.");
        if (heavy.Count > 0) _report.Add(new Figure(scenario, "heavy assemblies loaded at import", "count", target: "0", meetsTarget: c => c == 0)).Values.Add(heavy.Count);
    }

    /// <summary>5. -Wait on 100 orders: requests per order and the intervals between one order's polls, from the emulator's request log.</summary>
    private void Polling()
    {
        const string scenario = "5 polling";
        const int receivedMs = 300, processingMs = 2700;
        var wall = _report.Add(new Figure(scenario, $"{PollingOrders} orders -Wait, wall time", "ms"));
        var perOrder = _report.Add(new Figure(scenario, "API requests per order (create + polls)", "requests", target: "O(1) per order", meetsTarget: r => r <= 8));
        var pollsPerOrder = _report.Add(new Figure(scenario, "polls of one order (over every order of every run)", "GETs"));
        var gaps = new List<Figure>();
        for (var i = 0; i < _options.Repeat; i++)
        {
            ResetEmulator(receivedMs, processingMs);
            var run = WorkerProcess.Run("polling", _connection, ("orders", PollingOrders));
            var requests = _admin.Requests();
            var creates = requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/tnoptions", StringComparison.OrdinalIgnoreCase));
            var polls = requests.Where(r => r.Method == "GET" && r.Path.Contains("/tnoptions/", StringComparison.OrdinalIgnoreCase))
                .GroupBy(r => r.Path.Substring(r.Path.LastIndexOf('/') + 1)).ToList();
            if (creates != PollingOrders || polls.Count != PollingOrders)
            {
                throw new InvalidOperationException($"expected {PollingOrders} orders created and polled, saw {creates} creates and {polls.Count} polled orders");
            }
            wall.Values.Add(run.Number("waitMs"));
            perOrder.Values.Add((double)(creates + polls.Sum(p => p.Count())) / PollingOrders);
            pollsPerOrder.Values.AddRange(polls.Select(p => (double)p.Count()));
            foreach (var order in polls)
            {
                var times = order.Select(r => r.At).OrderBy(t => t).ToList();
                for (var k = 1; k < times.Count; k++)
                {
                    while (gaps.Count < k) gaps.Add(_report.Add(new Figure(scenario, $"interval between poll {gaps.Count + 1} and {gaps.Count + 2} of an order", "ms")));
                    gaps[k - 1].Values.Add((times[k] - times[k - 1]).TotalMilliseconds);
                }
            }
            Progress($"{run.Number("waitMs"):F0} ms, {perOrder.Values[^1]:F2} requests per order");
        }
        _report.Note($"Polling: orders stay RECEIVED {receivedMs} ms and PROCESSING {processingMs} ms in the emulator; orders of 10 numbers, default -ThrottleLimit 4.");
    }

    /// <summary>
    /// 6. Issue 11's realistic latency: 100,000 rows in orders of 5,000 at the default settings (waiting, -ThrottleLimit 4),
    /// every request answered after 150 ms. Ideal: the orders' waves (orders ÷ ThrottleLimit) times one order's create
    /// round trip, plus the tail waiting adds to one order, or the no-op floor if that is larger.
    /// </summary>
    private void Realistic()
    {
        const string scenario = "6 realistic latency";
        const int rows = 100_000, batch = 5000, throttle = 4, latencyMs = 150;
        var module = _report.Add(new Figure(scenario, $"{rows:N0} rows, orders of {batch:N0}, defaults, {latencyMs} ms per request", "ms"));
        var create = _report.Add(new Figure(scenario, $"one order of {batch:N0} alone, -NoWait (its round trip)", "ms"));
        var tail = _report.Add(new Figure(scenario, "what waiting adds to one order", "ms"));
        var floor = _report.Add(new Figure(scenario, $"{rows:N0} rows into the no-op floor", "ms"));
        var ideal = _report.Add(new Figure(scenario, "ideal", "ms"));
        var ratio = _report.Add(new Figure(scenario, "module ÷ ideal", "×", target: "≤ 1.3", meetsTarget: r => r <= 1.3));
        var cpu = _report.Add(new Figure(scenario, "CPU time of the module run, all threads", "ms"));
        var waves = (rows / batch + throttle - 1) / throttle;
        for (var i = 0; i < _options.Repeat; i++)
        {
            ResetEmulator(receivedMs: 0, processingMs: 0);
            _admin.AddFault(new FaultSpec { Endpoint = "*", Kind = "latency", LatencyMs = latencyMs });
            var run = WorkerProcess.Run("realistic", _connection, ("rows", rows), ("batch", batch));
            var best = Math.Max(waves * run.Number("oneCreateMs") + Math.Max(0, run.Number("oneWaitedMs") - run.Number("oneCreateMs")), run.Number("floorMs"));
            module.Values.Add(run.Number("moduleMs"));
            create.Values.Add(run.Number("oneCreateMs"));
            tail.Values.Add(run.Number("oneWaitedMs") - run.Number("oneCreateMs"));
            floor.Values.Add(run.Number("floorMs"));
            ideal.Values.Add(best);
            ratio.Values.Add(run.Number("moduleMs") / best);
            cpu.Values.Add(run.Number("moduleCpuMs"));
            Progress($"module {run.Number("moduleMs"):F0} ms, ideal {best:F0} ms ({waves} waves × {run.Number("oneCreateMs"):F0} ms + tail), ratio {run.Number("moduleMs") / best:F2}");
        }
        _report.Note($"Realistic latency: orders are final as soon as they are stored (receivedMs 0, processingMs 0), so what is measured is the module's own work and the {latencyMs} ms of every request.");
    }

    /// <summary>
    /// 7. Issue 15's scale: 1,000,000 in-service numbers, 900,000 of them protected. Test-BwPortOutProtection against the floor
    /// of paging both collections alone; its peak memory above idle; Sync-BwPortOutPasscode -AllInService for the 100,000
    /// missing ones against the paging floor plus the pipeline floor for 100,000 rows.
    /// </summary>
    private void Coverage()
    {
        const string scenario = "7 coverage";
        const int missing = 100_000, batch = 5000;
        var figures = new[]
        {
            _report.Add(new Figure(scenario, "floor: both collections paged by cursor (1,900,000 numbers), bare HTTP", "ms", "floorMs")),
            _report.Add(new Figure(scenario, "Test-BwPortOutProtection over 1,000,000 in-service numbers", "ms", "auditMs")),
            _report.Add(new Figure(scenario, "CPU time of the audit, all threads of the engine's process", "ms", "auditCpuMs")),
            _report.Add(new Figure(scenario, "Sync-BwPortOutPasscode -AllInService (100,000 missing, orders of 5,000, waited for)", "ms", "syncMs")),
        };
        var auditRatio = _report.Add(new Figure(scenario, "audit ÷ floor", "×", target: "≤ 1.5", meetsTarget: r => r <= 1.5));
        var growth = _report.Add(new Figure(scenario, "audit's peak above idle", "MB", target: "≤ 250", meetsTarget: g => g <= 250));
        var syncRatio = _report.Add(new Figure(scenario, "sync ÷ (paging floor + no-op floor of 100,000 rows)", "×", target: "≤ 2", meetsTarget: r => r <= 2));
        for (var i = 0; i < _options.Repeat; i++)
        {
            var idleRun = WorkerProcess.Run("idle", _connection);
            ResetEmulator(receivedMs: 300, processingMs: 700);
            _admin.SetInService(DemoDefaults.AccountId, "2012000000-2012999999");
            _admin.SetPasscodes(new[] { "2012000000-2012899999" }, NumberPlan.Passcode, DemoDefaults.AccountId);
            var run = WorkerProcess.Run("coverage", _connection, ("missing", missing), ("batch", batch), ("size", 1000));
            if (run.Number("statuses") != 1_000_000 || run.Number("pagedNumbers") != 1_900_000)
            {
                throw new InvalidOperationException($"expected 1,000,000 statuses and 1,900,000 paged numbers, saw {run.Number("statuses")} and {run.Number("pagedNumbers")}");
            }
            Report.Record(run, figures);
            auditRatio.Values.Add(run.Number("auditMs") / run.Number("floorMs"));
            growth.Values.Add(run.Number("auditPeakMB") - idleRun.Number("peakMB"));
            syncRatio.Values.Add(run.Number("syncMs") / (run.Number("floorMs") + run.Number("pipelineFloorMs")));
            Progress($"floor {run.Number("floorMs"):F0} ms, audit {run.Number("auditMs"):F0} ms, peak {run.Number("auditPeakMB"):F0} MB (idle {idleRun.Number("peakMB"):F0}), sync {run.Number("syncMs"):F0} ms");
        }
        _report.Note("Coverage: pages of 1,000 for the module and the floor alike; the floor reads each page's body and its next link and parses nothing else.");
    }

    /// <summary>
    /// benchmarks/results/numbers-N.csv: N numbers from 2012000000 up (the demo account's on-net numbers up to 2,000,000;
    /// beyond, numbers a -WhatIf run checks but never sends), written once and reused.
    /// </summary>
    private static string NumberFile(int rows)
    {
        var folder = Path.Combine(RepoModule.CheckoutRoot, "benchmarks", "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"numbers-{rows}.csv");
        if (File.Exists(path)) return path;
        using (var writer = new StreamWriter(path + ".partial"))
        {
            writer.WriteLine("TelephoneNumber");
            for (var i = 0; i < rows; i++) writer.WriteLine((NumberPlan.First + i).ToString(CultureInfo.InvariantCulture));
        }
        File.Move(path + ".partial", path, overwrite: true);
        return path;
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{DateTime.Now:yyyy-MM-dd}, {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, " +
               $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, PowerShell engine (System.Management.Automation) {typeof(System.Management.Automation.PowerShell).Assembly.GetName().Version}";
    }

    private static void Progress(string text) => Console.WriteLine("   " + text);
}
