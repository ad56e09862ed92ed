using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>lookup-served [--units 1000000] [--queries 200] [--rounds 2] [--stream 3000] [--stream-rounds R] [--stream-min M] [--db PATH]
/// [--restarts N] [--cli DLL] [--env K=V,K=V] [--per-query ROUNDS] [--warmup N]</c>: lookups as users
/// meet them. Writes the <see cref="RealisticMemory"/> of N units as TMX and imports it with the
/// whole <c>tarjuma import</c> process (or reuses <c>--db PATH</c> when that file exists), then starts the real
/// server (<c>tarjuma serve</c>, a child process) and times its start until health is SERVING and the
/// first lookup answers (<c>--restarts N</c>: stopped and started N more times once its index snapshots
/// are written, the restart users meet). Then, one gRPC call at a time, per min score (70, 50, 30), result count
/// (1, 5) and query set (stored segments, edited long sentences, edited short segments): p50 and
/// p99 latency and the server's CPU per call, each beside the same calls on a one-unit memory of
/// the same server (the baseline: gRPC, validation and the store read without the search), in
/// alternating rounds. Last, <c>LookupStream</c> throughput at min 70 and 50 (one stream, and two at
/// once) with the server's CPU per segment, beside the same stream on the one-unit memory (<c>--stream-rounds</c>, default
/// <c>--rounds</c>; <c>--stream-min</c>: one threshold). <c>--cli</c> runs another build's tarjuma.dll (old and new alternating);
/// <c>--env</c> sets the server's environment (e.g. <c>DOTNET_TieredPGO=1</c>); <c>--per-query</c> first times each edited long
/// query (5 results) in that many rounds and lists the slowest by query id, to tell a slow query from a slow moment (GC, scheduling);
/// <c>--warmup N</c> warms up with N queries per set (above 20: at every min score and result count).
/// </summary>
internal sealed class LookupServedCommand : IBenchmarkCommand
{
    private const string Memory = "bench";
    private const string Tiny = "tiny";
    private static readonly int[] Thresholds = [70, 50, 30];
    private static readonly int[] ResultCounts = [1, 5];

    public string Name => "lookup-served";

    public string Description =>
        "lookups through the real server over gRPC: p50/p99 per threshold, query kind and result count, LookupStream throughput, restart time";

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 1_000_000);
        var queryCount = CommandArgs.Int(args, "--queries", 200);
        var rounds = CommandArgs.Int(args, "--rounds", 2);
        var streamCount = CommandArgs.Int(args, "--stream", 3_000);
        var streamRounds = CommandArgs.Int(args, "--stream-rounds", rounds);
        var streamMin = CommandArgs.Int(args, "--stream-min", 0);
        if (!UseCli(args) || !ServerEnvironment(args, out var environment))
        {
            return 1;
        }

        var root = MatchingData.Root();
        if (root is null)
        {
            Console.Error.WriteLine("lookup-served needs ../shared/data (or TARJUMA_SHARED_DATA).");
            return 1;
        }

        var memory = RealisticMemory.Load(root);
        var kept = CommandArgs.Text(args, "--db");
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-lookup-served", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = kept ?? Path.Combine(folder, "bench.db");
        try
        {
            Console.WriteLine(Invariant($"memory: {units:N0} units from {memory.BasePairs:N0} real pairs, vocabulary {memory.Vocabulary:N0} Tajik words"));
            if (!File.Exists(database))
            {
                await FillAsync(memory, units, database, folder);
            }
            else
            {
                Console.WriteLine($"reusing {database} (delete it to rebuild; --units must match the one it was built with)");
            }

            var sets = new (string Name, List<string> Queries)[]
            {
                ("stored", memory.Stored(units, queryCount)),
                ("edited long", memory.EditedLong(queryCount)),
                ("edited short", memory.EditedShort(queryCount)),
            };

            var server = await StartAsync(database, environment, sets[1].Queries[0], "server start");
            for (var restart = 1; restart <= CommandArgs.Int(args, "--restarts", 0); restart++)
            {
                // A restart once the index snapshot the first start writes is complete (the server keeps none without it).
                await WaitForSnapshotAsync(database);
                await server.DisposeAsync();
                server = await StartAsync(database, environment, sets[1].Queries[0], Invariant($"restart {restart}"));
            }

            await using var running = server;
            var lookup = new LookupService.LookupServiceClient(server.Channel);
            using var process = Process.GetProcessById(server.Id);

            // Warm-up (JIT, pools, caches), not counted: 20 queries per set at min 50 by default. After that the server still
            // compiles ~1,000–1,900 methods to tier 1 (about 1.3 CPU-s) in the first measured rows (dotnet-counters);
            // --warmup N (e.g. 200) with every threshold and result count measures the steady state instead.
            var warmup = CommandArgs.Int(args, "--warmup", 20);
            foreach (var text in sets.SelectMany(s => s.Queries.Take(warmup)))
            {
                foreach (var (min, results) in warmup > 20 ? Thresholds.SelectMany(m => ResultCounts.Select(r => (m, r))) : [(50, 0)])
                {
                    await lookup.LookupAsync(new LookupRequest { Memory = Memory, Text = text, MinScore = min, MaxResults = results });
                    await lookup.LookupAsync(new LookupRequest { Memory = Tiny, Text = text, MinScore = min, MaxResults = results });
                }
            }

            await PerQueryAsync(lookup, process, sets[1].Queries, CommandArgs.Int(args, "--per-query", 0));
            Console.WriteLine(Invariant(
                $"one call at a time; baseline = the same calls on the one-unit memory, same server, alternating; load average {LoadAverage()}"));
            Console.WriteLine("round  min  results  queries       p50 ms  p99 ms  cpu ms/call  matched | baseline p50  p99  cpu | p50 ratio");
            var summary = new Dictionary<(int, int, string), List<Figures>>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var min in Thresholds)
                {
                    foreach (var results in ResultCounts)
                    {
                        foreach (var (name, queries) in sets)
                        {
                            var baseline = await MeasureAsync(lookup, process, Tiny, queries, min, results);
                            var figures = await MeasureAsync(lookup, process, Memory, queries, min, results);
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"{round,5} {min,4} {results,8} "
                                    + $" {name,-12} {figures.P50,7:F2} {figures.P99,7:F2} {figures.CpuPerCall,12:F2} {figures.Matched,8:P0} "
                                        + $"| {baseline.P50,12:F2} {baseline.P99,4:F1} {baseline.CpuPerCall,4:F2} | {figures.P50 / baseline.P50,6:F1}"));
                            if (!summary.TryGetValue((min, results, name), out var list))
                            {
                                summary[(min, results, name)] = list = [];
                            }

                            list.Add(figures);
                        }
                    }
                }
            }

            Console.WriteLine("summary over rounds (min–max): min  results  queries       p50 ms        p99 ms        cpu ms/call");
            foreach (var ((min, results, name), list) in summary)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{min,4} {results,8} "
                        + $" {name,-12} {Range(list.Select(f => f.P50)),13} {Range(list.Select(f => f.P99)),13} {Range(list.Select(f => f.CpuPerCall)),13}"));
            }

            // --stream 0: no LookupStream figures (rather than rates of nothing).
            var stream = Enumerable.Range(0, streamCount).Select(i => sets[1 + (i % 2)].Queries[i / 2 % queryCount]).ToList();
            if (stream.Count > 0)
            {
                Console.WriteLine(Invariant(
                    $"LookupStream: {stream.Count:N0} edited segments (long and short alternating), 5 results; baseline the same on the one-unit memory"));
            }

            foreach (var min in stream.Count == 0 ? [] : streamMin > 0 ? [streamMin] : new[] { 70, 50 })
            {
                for (var round = 1; round <= streamRounds; round++)
                {
                    foreach (var streams in new[] { 1, 2 })
                    {
                        var baseline = await StreamAsync(server, Tiny, stream, min, streams);
                        process.Refresh();
                        var cpuBefore = process.TotalProcessorTime;
                        var rate = await StreamAsync(server, Memory, stream, min, streams);
                        process.Refresh();
                        var cpuPerSegment = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / (streams * stream.Count);
                        Console.WriteLine(Invariant(
                            $"  min {min}, round {round}, {streams} stream(s): {rate,7:F0} segments/s, server {cpuPerSegment:F2} CPU-ms per segment ")
                                + Invariant($"(baseline {baseline:F0}/s, ratio {rate / baseline:F2})"));
                    }
                }
            }

            process.Refresh();
            Console.WriteLine(Invariant(
                $"server working set at the end: {process.WorkingSet64 / 1048576.0:F0} MiB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MiB"));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    /// <summary><c>--cli DLL</c>: the servers (and imports) run another build's tarjuma.dll; false when the file is missing.</summary>
    internal static bool UseCli(string[] args)
    {
        if (CommandArgs.Text(args, "--cli") is not { } cli)
        {
            return true;
        }

        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"--cli: no file '{cli}' (give the tarjuma.dll of another build).");
            return false;
        }

        ServerProcess.CliDllOverride = Path.GetFullPath(cli);
        Console.WriteLine($"server and import: {ServerProcess.CliDllOverride}");
        return true;
    }

    /// <summary>Starts the server and times it until it answers, health is SERVING and a first lookup is answered.</summary>
    private static async Task<ServerProcess> StartAsync(string database, Dictionary<string, string> environment, string query, string what)
    {
        var clock = Stopwatch.StartNew();
        var server = await ServerProcess.StartAsync(database, environment);
        var answering = clock.Elapsed;
        await WaitServingAsync(server);
        var serving = clock.Elapsed;
        await new LookupService.LookupServiceClient(server.Channel).LookupAsync(new LookupRequest { Memory = Memory, Text = query });
        var firstLookup = clock.Elapsed;
        using var process = Process.GetProcessById(server.Id);
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: answering {answering.TotalSeconds:F1} s, health SERVING {serving.TotalSeconds:F1} s, first lookup {firstLookup.TotalSeconds:F1} s; "
                + $"working set {process.WorkingSet64 / 1048576.0:F0} MiB"));
        return server;
    }

    /// <summary><c>--env K=V,K=V</c>: variables for the server process; false (with the reason printed) when one has no '='.</summary>
    private static bool ServerEnvironment(string[] args, out Dictionary<string, string> environment)
    {
        environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (CommandArgs.Text(args, "--env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                Console.Error.WriteLine($"--env: '{pair}' is not NAME=VALUE.");
                return false;
            }

            environment[pair[..at]] = pair[(at + 1)..];
        }

        if (environment.Count > 0)
        {
            Console.WriteLine("server environment: " + string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")));
        }

        return true;
    }

    /// <summary>
    /// Each query's latency (edited long, 5 results) in <paramref name="rounds"/> rounds per min score, with the server's CPU
    /// per round: the slowest 2 % by query id in each round and how often the same ids are slow again (a costly query is slow
    /// in every round; a pause or a wait for a core hits different ids), and the p99 without the ids slow in every round.
    /// </summary>
    private static async Task PerQueryAsync(LookupService.LookupServiceClient lookup, Process server, List<string> queries, int rounds)
    {
        if (rounds <= 0)
        {
            return;
        }

        var slowCount = Math.Max(1, queries.Count / 50);
        Console.WriteLine(Invariant($"per query: edited long, 5 results, {rounds} rounds; slowest {slowCount} ids per round; load average {LoadAverage()}"));
        foreach (var min in Thresholds)
        {
            var times = new double[rounds][];
            for (var round = 0; round < rounds; round++)
            {
                times[round] = new double[queries.Count];
                server.Refresh();
                var cpu = server.TotalProcessorTime;
                for (var i = 0; i < queries.Count; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await lookup.LookupAsync(new LookupRequest { Memory = Memory, Text = queries[i], MinScore = min, MaxResults = 5 });
                    times[round][i] = clock.Elapsed.TotalMilliseconds;
                }

                server.Refresh();
                var sorted = times[round].Order().ToArray();
                var slow = string.Join(' ', Slowest(times[round], slowCount).Select(i => Invariant($"#{i}={times[round][i]:F1}({Words(queries[i])}w)")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  min {min} round {round + 1}: p50 {Percentile(sorted, 0.5):F2} p99 {Percentile(sorted, 0.99):F2} max {sorted[^1]:F2} ms, "
                        + $"cpu {(server.TotalProcessorTime - cpu).TotalMilliseconds / queries.Count:F2} ms/call; slowest {slow}"));
            }

            // Ids slow (top 2 %) in every round, and each query's fastest time over the rounds: its own cost without the pauses.
            var always = Enumerable.Range(0, queries.Count).Where(i => times.All(t => Slowest(t, slowCount * 2).Contains(i))).ToList();
            var fastest = Enumerable.Range(0, queries.Count).Select(i => times.Min(t => t[i])).Order().ToArray();
            var rest = Enumerable.Range(0, queries.Count).Except(always).Select(i => times.Min(t => t[i])).Order().ToArray();
            var ids = string.Join(' ', always.Select(i => Invariant($"#{i}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  min {min}: ids in the slowest {slowCount * 2} of every round: {always.Count} ({ids}); "
                    + $"each query's fastest round: p50 {Percentile(fastest, 0.5):F2} p99 {Percentile(fastest, 0.99):F2} max {fastest[^1]:F2} ms; "
                        + $"without those ids p99 {Percentile(rest, 0.99):F2} ms"));
        }
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static int[] Slowest(double[] times, int count) =>
        Enumerable.Range(0, times.Length).OrderByDescending(i => times[i]).Take(count).ToArray();

    private static async Task WaitForSnapshotAsync(string database)
    {
        var folder = database + ".indexes";
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(folder) && Directory.GetFiles(folder, "*.tjix").Length >= 2 && Directory.GetFiles(folder, "*.tmp").Length == 0))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.WriteLine($"no complete snapshots in {folder} after 10 minutes: the restart builds from the store.");
                return;
            }

            await Task.Delay(200);
        }

        Console.WriteLine(Invariant($"snapshots in {folder}: {Directory.GetFiles(folder, "*.tjix").Sum(f => new FileInfo(f).Length) / 1048576.0:F0} MiB"));
    }

    /// <summary>The TMX file, then the whole <c>tarjuma import</c> process (timed), and the one-unit baseline memory.</summary>
    private static async Task FillAsync(RealisticMemory memory, int units, string database, string folder)
    {
        var tmx = Path.Combine(folder, "bench.tmx");
        var clock = Stopwatch.StartNew();
        memory.WriteTmx(tmx, units);
        Console.WriteLine(Invariant($"wrote {new FileInfo(tmx).Length / 1048576.0:F0} MiB of TMX in {clock.Elapsed.TotalSeconds:F1} s"));
        clock.Restart();
        await RunCliAsync("import", "--db", database, "--memory", Memory, "--source-lang", "tg", "--target-lang", "en", tmx);
        Console.WriteLine(Invariant($"tarjuma import (whole process): {clock.Elapsed.TotalSeconds:F1} s"));
        File.Delete(tmx);
        var tiny = Path.Combine(folder, "tiny.tmx");
        await File.WriteAllBytesAsync(tiny, GeneratedTmx.Build([("Дар китобхона як китоб ҳаст.", "There is one book in the library.")], 1));
        await RunCliAsync("import", "--db", database, "--memory", Tiny, "--source-lang", "tg", "--target-lang", "en", tiny);
    }

    private static async Task RunCliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(ServerProcess.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tarjuma {arguments[0]} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static async Task WaitServingAsync(ServerProcess server)
    {
        var health = new Health.HealthClient(server.Channel);
        while ((await health.CheckAsync(new HealthCheckRequest())).Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            await Task.Delay(20);
        }
    }

    private static async Task<Figures> MeasureAsync(LookupService.LookupServiceClient lookup, Process server, string memory, List<string> queries, int min,
        int results)
    {
        var latencies = new double[queries.Count];
        var matched = 0;
        server.Refresh();
        var cpu = server.TotalProcessorTime;
        for (var i = 0; i < queries.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await lookup.LookupAsync(new LookupRequest { Memory = memory, Text = queries[i], MinScore = min, MaxResults = results });
            latencies[i] = clock.Elapsed.TotalMilliseconds;
            matched += response.Matches.Count > 0 ? 1 : 0;
        }

        server.Refresh();
        var cpuPerCall = (server.TotalProcessorTime - cpu).TotalMilliseconds / queries.Count;
        Array.Sort(latencies);
        return new Figures(Percentile(latencies, 0.50), Percentile(latencies, 0.99), cpuPerCall, (double)matched / queries.Count);
    }

    /// <summary>Segments per second through <paramref name="streams"/> concurrent LookupStream calls, each with the whole list.</summary>
    private static async Task<double> StreamAsync(ServerProcess server, string memory, List<string> segments, int min, int streams)
    {
        var client = new LookupService.LookupServiceClient(server.Channel);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
        {
            using var call = client.LookupStream();
            var reader = Task.Run(async () =>
            {
                var count = 0;
                await foreach (var response in call.ResponseStream.ReadAllAsync())
                {
                    count += response.Error is null ? 1 : throw new InvalidOperationException(response.Error.Message);
                }

                return count;
            });
            for (var i = 0; i < segments.Count; i++)
            {
                await call.RequestStream.WriteAsync(new LookupRequest
                {
                    Memory = memory,
                    Text = segments[i],
                    MinScore = min,
                    Id = i.ToString(CultureInfo.InvariantCulture)
                });
            }

            await call.RequestStream.CompleteAsync();
            if (await reader != segments.Count)
            {
                throw new InvalidOperationException("LookupStream answered fewer segments than sent.");
            }
        }));
        return streams * segments.Count / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        return Invariant($"{list.Min():F2}–{list.Max():F2}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Figures(double P50, double P99, double CpuPerCall, double Matched);
}
