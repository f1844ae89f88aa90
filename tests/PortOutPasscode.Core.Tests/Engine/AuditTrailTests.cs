using System.Globalization;
using System.Text.Json;
using PortOutPasscode.Core.Tests.Support;
using PortOutPasscode.Diagnostics;
using PortOutPasscode.Engine;
using static PortOutPasscode.Core.Tests.Support.EngineRuns;

namespace PortOutPasscode.Core.Tests.Engine;

/// <summary>
/// The audit file (-AuditLogPath) through the engine and the in-process emulator: one JSON line per number per final
/// outcome, with its codes and orders, never a PIN or a secret; whole lines under concurrent runs; a stopped run keeps
/// what it recorded and records its open orders Pending.
/// </summary>
public sealed class AuditTrailTests : IClassFixture<EmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Pin = "k7m9q2";
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audit-" + Guid.NewGuid().ToString("N"));

    public AuditTrailTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        Directory.CreateDirectory(_folder);
    }

    public async Task InitializeAsync()
    {
        _emulator.Admin.Reset();
        _emulator.Admin.Configure(new { receivedMs = 0, processingMs = 50 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath(string name = "audit.jsonl") => Path.Combine(_folder, name);

    private PortOutPasscode.Client.BandwidthClient Client() => _emulator.Client(_emulator.OAuth(), adjust: o => o.MaxRetries = 1);

    private static AuditTrail Open(string path, string command = "Set-BwPortOutPasscode") => AuditTrail.Open(path, "9900000", "demo-client", command);

    private static List<JsonElement> Lines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static string Text(JsonElement line, string field) =>
        line.GetProperty(field).ValueKind == JsonValueKind.Null ? null : line.GetProperty(field).GetString();

    [Fact]
    public async Task A_run_with_good_failed_repeated_and_already_protected_numbers_records_one_line_per_number()
    {
        _emulator.Admin.SetPasscodes(Pin, "2012000106");
        var path = FilePath();
        File.WriteAllText(path, "{\"Earlier\":true}\n");
        using var client = Client();
        var rows = new[]
        {
            Row(1, "2012000101", Pin), Row(2, "2012000102", Pin), Row(3, "2012000103", Pin), Row(4, "(201) 200-0102", Pin),
            Row(5, "9195550001", Pin), Row(6, "3035550100", Pin), Row(7, "12345", Pin), Row(8, "2012000106", Pin),
            Row(9, "2012000101", Pin), Row(10, "2012000104", Pin),
        };
        var before = DateTime.UtcNow.AddSeconds(-1);

        var (sink, halt) = Run(client, Settings(batchSize: 3, audit: Open(path)), rows);

        Assert.Null(halt);
        var lines = Lines(path);
        Assert.True(lines[0].GetProperty("Earlier").GetBoolean(), "what the file held is kept: append only");
        var records = lines.Skip(1).ToList();
        var expected = new Dictionary<string, (string Outcome, string Code)>
        {
            ["2012000101"] = ("Protected", null), ["2012000102"] = ("Protected", null), ["2012000103"] = ("Protected", null),
            ["2012000104"] = ("Protected", null), ["9195550001"] = ("Failed", "5196"), ["3035550100"] = ("Failed", "5076"),
            ["2012000106"] = ("AlreadyProtected", "5195"),
        };
        Assert.Equal(expected.Count, records.Count);
        Assert.Equal(expected, records.ToDictionary(r => Text(r, "TelephoneNumber"), r => (Text(r, "Outcome"), Text(r, "Code"))));
        var orders = sink.OutputOf<TnOptionOrder>().ToList();
        foreach (var record in records)
        {
            var order = Assert.Single(orders, o => o.TelephoneNumbers.Contains(Text(record, "TelephoneNumber")));
            Assert.Equal(order.OrderId, Text(record, "OrderId"));
            Assert.Equal(order.CustomerOrderId, Text(record, "CustomerOrderId"));
            Assert.Equal(("Set-BwPortOutPasscode", "Set", "9900000", "demo-client"),
                (Text(record, "Command"), Text(record, "Action"), Text(record, "AccountId"), Text(record, "Credential")));
            Assert.Null(Text(record, "NewPasscodePer"));
            Assert.Null(Text(record, "Value"));
            var time = DateTime.Parse(Text(record, "Time"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", Text(record, "Time"));
            Assert.InRange(time, before, DateTime.UtcNow.AddSeconds(1));
        }
        // Every line has every field, so the lines read back as objects of one shape.
        Assert.All(records, r => Assert.Equal(12, r.EnumerateObject().Count()));
        var file = File.ReadAllText(path);
        Assert.DoesNotContain(Pin, file);
        Assert.DoesNotContain("demo-secret", file);
    }

    [Fact]
    public async Task A_removal_is_recorded_as_Remove_and_an_order_followed_with_NoWait_as_Pending()
    {
        _emulator.Admin.SetPasscodes(Pin, "2012000201", "2012000202");
        var path = FilePath();
        using var client = Client();
        var removal = Settings(PasscodeChange.Remove, audit: Open(path, "Remove-BwPortOutPasscode"));

        var (removed, _) = Run(client, removal, new[] { Row(1, "2012000201"), Row(2, "2012000202") });
        var noWait = Settings(audit: Open(path));
        noWait.Wait = false;
        var (accepted, _) = Run(client, noWait, new[] { Row(1, "2012000301", Pin), Row(2, "2012000302", Pin) });

        var records = Lines(path);
        Assert.Equal(4, records.Count);
        Assert.All(records.Take(2), r => Assert.Equal(("Remove-BwPortOutPasscode", "Remove", "Removed"), (Text(r, "Command"), Text(r, "Action"), Text(r, "Outcome"))));
        var orderId = Assert.Single(accepted.OutputOf<TnOptionOrder>()).OrderId;
        Assert.All(records.Skip(2), r => Assert.Equal(("Set", "Pending", orderId), (Text(r, "Action"), Text(r, "Outcome"), Text(r, "OrderId"))));
        Assert.Single(removed.OutputOf<TnOptionOrder>());
    }

    [Fact]
    public async Task Numbers_of_an_order_that_could_not_be_delivered_are_recorded_Failed_without_an_order_id()
    {
        _emulator.Admin.AddFault(new { endpoint = "create", kind = "status", status = 503 });
        var path = FilePath();
        using var client = Client();

        var (sink, _) = Run(client, Settings(audit: Open(path)), new[] { Row(1, "2012000401", Pin), Row(2, "2012000402", Pin) });

        var records = Lines(path);
        Assert.Equal(new[] { "2012000401", "2012000402" }, records.Select(r => Text(r, "TelephoneNumber")));
        Assert.All(records, r => Assert.Equal(("Failed", (string)null), (Text(r, "Outcome"), Text(r, "OrderId"))));
        Assert.All(records, r => Assert.EndsWith("-1", Text(r, "CustomerOrderId")));
        Assert.Equal(2, sink.Failures.Count);
    }

    [Fact]
    public async Task Two_runs_appending_to_one_file_at_once_leave_every_line_whole()
    {
        var path = FilePath();
        var firstNumbers = Enumerable.Range(0, 1500).Select(i => (2012100000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var secondNumbers = Enumerable.Range(0, 1500).Select(i => (2012200000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        using var client = Client();

        var runs = new[] { firstNumbers, secondNumbers }.Select(numbers => Task.Run(() =>
            Run(client, Settings(batchSize: 50, audit: Open(path)), numbers.Select((n, i) => Row(i + 1, n, Pin))))).ToArray();
        await Task.WhenAll(runs);

        var lines = File.ReadAllLines(path);
        Assert.Equal(3000, lines.Length);
        var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(firstNumbers.Concat(secondNumbers).OrderBy(n => n), records.Select(r => Text(r, "TelephoneNumber")).OrderBy(n => n));
        Assert.All(records, r => Assert.Equal("Protected", Text(r, "Outcome")));
        // Each order's lines are one block: the runs took turns by order, never by line.
        var blocks = records.Select(r => Text(r, "OrderId")).Aggregate(new List<string>(), (seen, id) =>
        {
            if (seen.Count == 0 || seen[^1] != id) seen.Add(id);
            return seen;
        });
        Assert.Equal(60, blocks.Count);
        Assert.Equal(60, blocks.Distinct().Count());
    }

    [Fact]
    public void Many_writers_of_one_process_each_write_whole_batches()
    {
        var path = FilePath();
        const int Writers = 8, Batches = 100, PerBatch = 20;

        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
        {
            var trail = Open(path);
            for (var batch = 0; batch < Batches; batch++)
            {
                trail.Write(Enumerable.Range(0, PerBatch).Select(i =>
                {
                    var record = trail.NewRecord("Set");
                    record.TelephoneNumber = (2012000000 + writer * 100_000 + batch * 100 + i).ToString(CultureInfo.InvariantCulture);
                    record.OrderId = $"{writer}-{batch}";
                    return record;
                }).ToList());
            }
        });

        var lines = File.ReadAllLines(path);
        Assert.Equal(Writers * Batches * PerBatch, lines.Length);
        var ids = lines.Select(l => Text(JsonDocument.Parse(l).RootElement, "OrderId")).ToList();
        for (var start = 0; start < ids.Count; start += PerBatch)
        {
            Assert.True(ids.Skip(start).Take(PerBatch).Distinct().Count() == 1, $"lines {start + 1}–{start + PerBatch} mix batches");
        }
        Assert.Equal(Writers * Batches, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_stopped_run_keeps_the_orders_it_recorded_and_records_its_open_ones_Pending()
    {
        var path = FilePath();
        using var client = Client();
        var sink = new RecordingSink();
        using var queue = new WorkQueue();
        var run = new PasscodeRun(Settings(batchSize: 5, audit: Open(path)), client, sink, queue, ActivityScope.None);
        var position = 0;
        void Add(int count)
        {
            for (var i = 0; i < count; i++, position++) run.Add(Row(position + 1, (2012000500 + position).ToString(CultureInfo.InvariantCulture), Pin));
        }

        // The first order is final and in the file while the input still flows.
        Add(5);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(path) || Lines(path).Count < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first order's outcomes never reached the file");
            await Task.Delay(50);
            queue.Drain();
        }
        _emulator.Admin.Configure(new { processingMs = 600_000 });
        Add(10);
        while ((_emulator.Admin.Orders()).Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the open orders were never accepted");
            await Task.Delay(50);
            queue.Drain();
        }
        await Task.Delay(200);
        queue.Drain();
        run.Stop();
        run.Dispose();

        var records = Lines(path);
        var stored = _emulator.Admin.Orders();
        Assert.Equal(15, records.Count);
        Assert.Equal(15, records.Select(r => Text(r, "TelephoneNumber")).Distinct().Count());
        Assert.All(records.Take(5), r => Assert.Equal("Protected", Text(r, "Outcome")));
        Assert.All(records.Skip(5), r => Assert.Equal("Pending", Text(r, "Outcome")));
        var first = Text(records[0], "OrderId");
        Assert.Equal(stored.Select(o => o.OrderId).Where(id => id != first).OrderBy(i => i), records.Skip(5).Select(r => Text(r, "OrderId")).Distinct().OrderBy(i => i));
        Assert.Single(sink.Abandoned);
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_refused_before_anything_and_says_which()
    {
        var missingFolder = Path.Combine(_folder, "no-such-folder", "audit.jsonl");

        var missing = Assert.Throws<AuditLogException>(() => Open(missingFolder));
        var folder = Assert.Throws<AuditLogException>(() => Open(_folder));

        Assert.Contains(missingFolder, missing.Message);
        Assert.Contains("Nothing was sent", missing.Message);
        Assert.Equal(missingFolder, missing.Path);
        Assert.Contains("is a folder", folder.Message);
        Assert.False(File.Exists(missingFolder));
    }
}
