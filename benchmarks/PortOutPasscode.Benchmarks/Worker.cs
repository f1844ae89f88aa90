using System.Diagnostics;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json;
using PortOutPasscode.Hosting;

namespace PortOutPasscode.Benchmarks;

/// <summary>
/// One measurement in a fresh process (`PortOutPasscode.Benchmarks worker KIND key=value…`): it hosts the engine,
/// does one thing, and prints one line "RESULT {json}" for the orchestrator. Nothing else lives in this process:
/// the emulator is in the orchestrator, so its memory, threads and GC never count here.
/// </summary>
internal static class Worker
{
    public const string ResultPrefix = "RESULT ";

    public static int Run(string kind, IReadOnlyDictionary<string, string> settings)
    {
        var result = kind switch
        {
            "idle" => Idle(),
            "import" => Import(settings["module"]),
            "pipeline" => Pipeline(int.Parse(settings["rows"]), int.Parse(settings["batch"])),
            "largefile" => LargeFile(settings["path"], int.Parse(settings["batch"]), settings.TryGetValue("whatIf", out var whatIf) && whatIf == "true"),
            "seen" => DuplicateCheck.Measure(int.Parse(settings["count"]), int.Parse(settings["passcodes"])),
            "latency" => Latency(int.Parse(settings["orders"]), int.Parse(settings["throttle"])),
            "polling" => Polling(int.Parse(settings["orders"])),
            "realistic" => Realistic(int.Parse(settings["rows"]), int.Parse(settings["batch"])),
            "coverage" => Coverage(settings),
            _ => throw new ArgumentException($"unknown worker '{kind}'"),
        };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The engine's idle footprint: a runspace with the module imported and connected, nothing run.</summary>
    private static Dictionary<string, object> Idle()
    {
        using var engine = new EngineSession();
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        return new() { ["peakMB"] = PeakMemory.Megabytes() };
    }

    /// <summary>Import-Module of one built module folder, and which assemblies that import loaded.</summary>
    private static Dictionary<string, object> Import(string module)
    {
        using var engine = new EngineSession();
        var before = LoadedAssemblyNames();
        var timed = engine.Run(shell => shell.AddCommand("Import-Module").AddParameter("Name", RepoModule.ManifestOf(module)).AddParameter("ErrorAction", "Stop"));
        var loadedByImport = LoadedAssemblyNames().Except(before).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var heavy = LoadedAssemblyNames().Where(IsHeavy).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new()
        {
            ["importMs"] = timed.Milliseconds,
            ["loadedByImport"] = string.Join(" ", loadedByImport),
            ["heavyLoaded"] = string.Join(" ", heavy),
        };
    }

    /// <summary>What a client or container would bring in: none of it may load at import.</summary>
    private static bool IsHeavy(string name) =>
        name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
        || name == "System.Net.Http"
        || name.StartsWith("Polly", StringComparison.Ordinal);

    private static HashSet<string> LoadedAssemblyNames() =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").ToHashSet(StringComparer.Ordinal);

    /// <summary>Import-Csv-shaped rows through the no-op floor and through Set-BwPortOutPasscode, each warmed up once.</summary>
    private static Dictionary<string, object> Pipeline(int rows, int batchSize)
    {
        using var engine = new EngineSession();
        engine.Import(RepoModule.ManifestOf("NoOpModule"));
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        // A first full round on other numbers, untimed: the engine's binder and the module reach their optimised
        // (tier-1) code there, so neither timed run pays JIT that the other one then benefits from.
        engine.Run(Command("Set-NoOpPortOutPasscode", batchSize), Rows(rows, NumberPlan.Second));
        engine.Run(Command("Set-BwPortOutPasscode", batchSize, noWait: true), Rows(rows, NumberPlan.Second));

        var input = Rows(rows, NumberPlan.First);
        var floor = engine.Run(Command("Set-NoOpPortOutPasscode", batchSize), input);
        // The profile's split: the same rows with -WhatIf are read, checked and batched, but no order is sent.
        var rowsOnly = engine.Run(Command("Set-BwPortOutPasscode", batchSize, whatIf: true), input);
        // The pipeline's own cost: every order sent and accepted (-NoWait); then, on other numbers, the default run that
        // also waits until every order is final.
        var module = engine.Run(Command("Set-BwPortOutPasscode", batchSize, noWait: true), input);
        ExpectOrders(module, (rows + batchSize - 1) / batchSize);
        var waited = engine.Run(Command("Set-BwPortOutPasscode", batchSize), Rows(rows, NumberPlan.Third));
        ExpectOrders(waited, (rows + batchSize - 1) / batchSize);
        return new()
        {
            ["floorMs"] = floor.Milliseconds,
            ["moduleMs"] = module.Milliseconds,
            ["ratio"] = module.Milliseconds / floor.Milliseconds,
            ["rowsOnlyMs"] = rowsOnly.Milliseconds,
            ["waitedMs"] = waited.Milliseconds,
            ["floorCpuMs"] = floor.CpuMilliseconds,
            ["moduleCpuMs"] = module.CpuMilliseconds,
            ["floorAllocatedMB"] = floor.AllocatedMB,
            ["moduleAllocatedMB"] = module.AllocatedMB,
            ["floorGcPauseMs"] = floor.Gc.PauseMilliseconds,
            ["moduleGcPauseMs"] = module.Gc.PauseMilliseconds,
            ["floorCollections"] = floor.Gc.Collections,
            ["moduleCollections"] = module.Gc.Collections,
            ["orders"] = module.Outputs,
        };
    }

    /// <summary>
    /// A CSV file through -Path: throughput, and the process's peak memory at the end. With -WhatIf every row is read,
    /// checked and kept in the duplicate check, and no order is sent: what stays per number is the duplicate check.
    /// </summary>
    private static Dictionary<string, object> LargeFile(string path, int batchSize, bool whatIf)
    {
        using var engine = new EngineSession();
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        var numbers = File.ReadLines(path).LongCount() - 1;
        var timed = engine.Run(shell =>
        {
            shell.AddCommand("Set-BwPortOutPasscode")
                .AddParameter("Path", path).AddParameter("Passcode", NumberPlan.Passcode).AddParameter("BatchSize", batchSize);
            if (whatIf) shell.AddParameter("WhatIf");
        });
        ExpectOrders(timed, whatIf ? 0 : (int)((numbers + batchSize - 1) / batchSize));
        return new()
        {
            ["seconds"] = timed.Milliseconds / 1000,
            ["numbersPerSecond"] = numbers / (timed.Milliseconds / 1000),
            ["peakMB"] = PeakMemory.Megabytes(),
            ["orders"] = timed.Outputs,
            ["cpuSeconds"] = timed.CpuMilliseconds / 1000,
            ["gc"] = PeakMemory.GcBreakdown(),
        };
    }

    /// <summary>
    /// Orders of 25 numbers against an emulator that adds latency to every request, with and without -Wait,
    /// at the given -ThrottleLimit (8, and 1 for the sequential run beside it).
    /// </summary>
    private static Dictionary<string, object> Latency(int orders, int throttleLimit)
    {
        const int numbersPerOrder = 25;
        using var engine = new EngineSession();
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        engine.Run(Command("Set-BwPortOutPasscode", numbersPerOrder, throttleLimit), Rows(1, NumberPlan.WarmUp));
        var noWait = engine.Run(Command("Set-BwPortOutPasscode", numbersPerOrder, throttleLimit, noWait: true), Rows(orders * numbersPerOrder, NumberPlan.First));
        var wait = engine.Run(Command("Set-BwPortOutPasscode", numbersPerOrder, throttleLimit), Rows(orders * numbersPerOrder, NumberPlan.Second));
        ExpectOrders(noWait, orders);
        ExpectOrders(wait, orders);
        return new() { ["noWaitMs"] = noWait.Milliseconds, ["waitMs"] = wait.Milliseconds };
    }

    /// <summary>-Wait on orders of 10 numbers; the orchestrator counts the requests in the emulator's log.</summary>
    private static Dictionary<string, object> Polling(int orders)
    {
        const int numbersPerOrder = 10;
        using var engine = new EngineSession();
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        var timed = engine.Run(Command("Set-BwPortOutPasscode", numbersPerOrder), Rows(orders * numbersPerOrder, NumberPlan.First));
        ExpectOrders(timed, orders);
        return new() { ["waitMs"] = timed.Milliseconds };
    }

    /// <summary>
    /// Issue 11's realistic latency: one order of a batch alone, without and with waiting (its round trip, and the tail a
    /// wait adds), then every row at the default settings, waiting, and the rows through the no-op floor.
    /// </summary>
    private static Dictionary<string, object> Realistic(int rows, int batchSize)
    {
        using var engine = new EngineSession();
        engine.Import(RepoModule.ManifestOf("NoOpModule"));
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        engine.Run(Command("Set-BwPortOutPasscode", batchSize), Rows(batchSize, NumberPlan.WarmUp)); // JIT, untimed
        var floor = engine.Run(Command("Set-NoOpPortOutPasscode", batchSize), Rows(rows, NumberPlan.Second));
        var oneCreate = engine.Run(Command("Set-BwPortOutPasscode", batchSize, noWait: true), Rows(batchSize, NumberPlan.Second));
        var oneWaited = engine.Run(Command("Set-BwPortOutPasscode", batchSize), Rows(batchSize, NumberPlan.Second + batchSize));
        var all = engine.Run(Command("Set-BwPortOutPasscode", batchSize), Rows(rows, NumberPlan.First));
        ExpectOrders(all, (rows + batchSize - 1) / batchSize);
        return new()
        {
            ["floorMs"] = floor.Milliseconds,
            ["oneCreateMs"] = oneCreate.Milliseconds,
            ["oneWaitedMs"] = oneWaited.Milliseconds,
            ["moduleMs"] = all.Milliseconds,
            ["moduleCpuMs"] = all.CpuMilliseconds,
        };
    }

    /// <summary>
    /// Issue 15's scale: the floor (both collections paged by cursor with a bare HTTP client, bodies read, nothing parsed),
    /// Test-BwPortOutProtection over every in-service number (output counted and dropped; the peak memory after it), then
    /// Sync-BwPortOutPasscode -AllInService for the missing ones, beside the no-op floor for as many rows.
    /// </summary>
    private static Dictionary<string, object> Coverage(IReadOnlyDictionary<string, string> settings)
    {
        var missing = int.Parse(settings["missing"]);
        var batchSize = int.Parse(settings["batch"]);
        using var engine = new EngineSession();
        engine.Import(RepoModule.ManifestOf("NoOpModule"));
        engine.Import(RepoModule.Manifest);
        engine.Connect();
        // JIT of both paths on a small scope, untimed.
        engine.Run(shell => shell.AddCommand("Test-BwPortOutProtection").AddParameter("NpaNxx", "201200"));
        PageBoth(settings["size"], 10);

        var floor = Stopwatch.StartNew();
        var paged = PageBoth(settings["size"], int.MaxValue);
        floor.Stop();
        var audit = engine.Run(shell => shell.AddCommand("Test-BwPortOutProtection"));
        var auditPeakMB = PeakMemory.Megabytes();
        var pipelineFloor = engine.Run(Command("Set-NoOpPortOutPasscode", batchSize), Rows(missing, NumberPlan.Second));
        var sync = engine.Run(shell => shell.AddCommand("Sync-BwPortOutPasscode").AddParameter("AllInService")
            .AddParameter("Passcode", NumberPlan.Passcode).AddParameter("BatchSize", batchSize));
        ExpectOrders(sync, (missing + batchSize - 1) / batchSize);
        return new()
        {
            ["floorMs"] = floor.Elapsed.TotalMilliseconds,
            ["pagedNumbers"] = paged,
            ["auditMs"] = audit.Milliseconds,
            ["auditCpuMs"] = audit.CpuMilliseconds,
            ["statuses"] = audit.Outputs,
            ["auditPeakMB"] = auditPeakMB,
            ["pipelineFloorMs"] = pipelineFloor.Milliseconds,
            ["syncMs"] = sync.Milliseconds,
        };
    }

    /// <summary>Follows the next links of tnPortoutPasscodes and inserviceNumbers; returns how many numbers the pages held.</summary>
    private static long PageBoth(string size, int maxPages)
    {
        var baseUri = Environment.GetEnvironmentVariable("BW_API_BASE_URI")!.TrimEnd('/');
        var account = Environment.GetEnvironmentVariable("BW_ACCOUNT_ID");
        using var http = new HttpClient();
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("demo:demo-password"));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", basic);
        long numbers = 0;
        foreach (var (collection, element) in new[] { ("tnPortoutPasscodes", "<FullNumber>"), ("inserviceNumbers", "<TelephoneNumber>") })
        {
            string? next = $"{baseUri}/accounts/{account}/{collection}?page=1&size={size}";
            for (var page = 0; next != null && page < maxPages; page++)
            {
                var body = http.GetStringAsync(next).GetAwaiter().GetResult();
                numbers += CountOf(body, element);
                var link = NextLink.Match(body);
                next = link.Success ? System.Net.WebUtility.HtmlDecode(link.Groups[1].Value) : null;
            }
        }
        return numbers;
    }

    private static readonly System.Text.RegularExpressions.Regex NextLink = new("<next>Link=&lt;(.*?)&gt;", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static int CountOf(string body, string element)
    {
        var count = 0;
        for (var at = body.IndexOf(element, StringComparison.Ordinal); at >= 0; at = body.IndexOf(element, at + element.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>The command with its batch size; it waits for every order (the default) unless <paramref name="noWait"/>.</summary>
    private static Action<PowerShell> Command(string name, int batchSize, int? throttleLimit = null, bool noWait = false, bool whatIf = false) => shell =>
    {
        shell.AddCommand(name).AddParameter("BatchSize", batchSize);
        if (throttleLimit != null) shell.AddParameter("ThrottleLimit", throttleLimit.Value);
        if (noWait) shell.AddParameter("NoWait");
        if (whatIf) shell.AddParameter("WhatIf");
    };

    /// <summary>Rows as Import-Csv makes them: PSCustomObjects with TelephoneNumber and Passcode text properties.</summary>
    private static List<PSObject> Rows(int count, long firstNumber)
    {
        var rows = new List<PSObject>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("TelephoneNumber", (firstNumber + i).ToString()));
            row.Properties.Add(new PSNoteProperty("Passcode", NumberPlan.Passcode));
            rows.Add(row);
        }
        return rows;
    }

    private static void ExpectOrders(Timed timed, int orders)
    {
        if (timed.Outputs != orders) throw new InvalidOperationException($"Expected {orders} orders in the output, got {timed.Outputs}.");
    }
}

/// <summary>Which of the demo account's on-net numbers (2012000000–2013999999) each part of a run uses, so none repeats.</summary>
internal static class NumberPlan
{
    public const string Passcode = "a1b2c3";
    public const long First = 2012000000;
    public const long Second = 2013000000;
    public const long Third = 2013200000;
    public const long WarmUp = 2013900000;
}
