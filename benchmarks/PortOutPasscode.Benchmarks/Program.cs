using PortOutPasscode.Benchmarks;

// dotnet run -c Release --project benchmarks/PortOutPasscode.Benchmarks -- [--scenario NAME[,NAME…]] [--repeat N] [--large-rows N] [--dedup-rows N,N]
// Scenarios: pipeline, largefile, latency, startup, polling, realistic, coverage (default: all). Internal: worker KIND key=value…
if (args.Length > 0 && args[0] == "worker")
{
    var settings = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    return Worker.Run(args[1], settings);
}

var options = BenchmarkOptions.Parse(args);
if (options == null)
{
    Console.Error.WriteLine("usage: PortOutPasscode.Benchmarks [--scenario pipeline,largefile,latency,startup,polling,realistic,coverage] [--repeat N] [--large-rows N] [--dedup-rows N,N]");
    return 2;
}
return await Orchestrator.RunAsync(options);
