using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>protocol-latency [--units 100000] [--queries 200] [--rounds 3] [--warmup 50] [--cpu-repeat 3] [--tt-queries 20] [--tt-timeout 60] [--tt-stock]
/// [--no-tt] [--keep DIR]</c>:
/// one lookup's latency and the server's CPU per call through each CAT-tool protocol (<c>/tmserver</c>, <c>/apy</c>,
/// <c>/mymemory</c>, HTTP/1.1 keep-alive) beside gRPC asked for the same thing (the same number of results at the same
/// floor), on the same memory in the same real server process (<c>tarjuma serve</c>), and beside Translate Toolkit's own
/// tmserver (<c>python3 -m translate.services.tmserver</c>, Debian python3-translate) loaded with the same units
/// through its <c>build_tmdb</c> (its full-text index built, as its users run it).
/// <para>
/// Each protocol runs at its clients' defaults (labelled) and, where the protocol lets a client choose, also at one
/// setting shared with the others; every protocol row names the gRPC row asked with the same result count and floor,
/// and its p50 is compared with that row's from the same rounds. Every query goes through every lane in turn, the
/// order rotating, so the machine's noise falls on all alike. Then the server's CPU per call: each lane's queries as one
/// block, the blocks alternating between rounds, the process's CPU time read around each block.
/// </para>
/// <para>
/// Debian's Translate Toolkit reads a TMX's languages wrongly (every unit stored as en→en) and matches no non-ASCII text
/// from the URL path (WSGI's Latin-1 path, never re-decoded), so it is loaded from a PO file of the same units reversed
/// (English msgid, Tajik msgstr) and both servers are asked English queries en→tg (ours from its target-side index).
/// Its tmserver takes max_candidates and min_similarity only from its command line; both servers get the same.
/// After <c>build_tmdb</c> the database is given <c>ANALYZE</c> (unless <c>--tt-stock</c>): without statistics SQLite
/// 3.40 runs the full-text MATCH as the innermost loop, once per stored unit, and one lookup takes tens of minutes
/// on 100,000 units (see Scripts/tt_tmserver_probe.py for the plans).
/// </para>
/// <para>
/// Memory: realistic (the match-scale generator over ../shared/data) when the data is there, else
/// uniform generated sentences. Queries: half stored segments (exact matches: in-sample), half NTREX news sentences
/// (fuzzy or none) or, uniform, near misses. Nothing was tuned on these queries.
/// </para>
/// </summary>
internal sealed class ProtocolLatencyCommand : IBenchmarkCommand
{
    private const string Memory = "protocols";

    /// <summary>Translate Toolkit's settings (its command line) and ours for the same comparison.</summary>
    private const int TtCandidates = 5;

    private const int TtSimilarity = 70;

    public string Name => "protocol-latency";

    public string Description =>
        "lookup latency and server CPU per call through /tmserver, /apy, /mymemory vs gRPC with the same settings, and Translate Toolkit's tmserver; "
        + "--units --queries --rounds";

    /// <summary>One way of asking: a protocol (or gRPC) at one setting.</summary>
    /// <param name="Name">The protocol.</param>
    /// <param name="Settings">Result count and floor, and whose defaults they are.</param>
    /// <param name="Baseline">The gRPC lane asked for the same result count at the same floor; -1 for gRPC lanes.</param>
    /// <param name="English">Asked the English queries en→tg (the Translate Toolkit comparison).</param>
    /// <param name="Call">One call; the number of matches answered (-1: no answer in time).</param>
    private sealed record Lane(string Name, string Settings, int Baseline, bool English, Func<string, Task<int>> Call);

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 100_000);
        var queryCount = CommandArgs.Int(args, "--queries", 200);
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var warmup = CommandArgs.Int(args, "--warmup", 50);
        var withTt = !args.Contains("--no-tt", StringComparer.Ordinal);
        var keep = CommandArgs.Text(args, "--keep");
        var cpuRepeat = CommandArgs.Int(args, "--cpu-repeat", 3);
        var ttStock = args.Contains("--tt-stock", StringComparer.Ordinal);

        // Translate Toolkit gets the first queries of the first round only when it is slow.
        var ttQueries = CommandArgs.Int(args, "--tt-queries", 20);

        // A query it has not answered by then counts as the timeout: its figures are then lower bounds.
        var ttTimeout = TimeSpan.FromSeconds(CommandArgs.Int(args, "--tt-timeout", 60));
        var ttTimeouts = 0;
        var (kind, pairs, queries, english) = Workload(units, queryCount + warmup);
        var warmQueries = queries.GetRange(queryCount, warmup);
        var warmEnglish = english.GetRange(queryCount, warmup);
        queries = queries.GetRange(0, queryCount);
        english = english.GetRange(0, queryCount);
        var folder = keep ?? Path.Combine(Path.GetTempPath(), "tarjuma-protocols", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Process? tt = null;
        try
        {
            var tmxPath = Path.Combine(folder, "memory.tmx");
            await File.WriteAllBytesAsync(tmxPath, GeneratedTmx.Build(pairs, units));
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "tarjuma.db"));
            await FillAsync(server, tmxPath, units);

            int? ttPort = null;
            if (withTt)
            {
                var poPath = Path.Combine(folder, "memory-en-tg.po");
                await File.WriteAllTextAsync(poPath, ReversedPo(pairs));
                await File.WriteAllLinesAsync(Path.Combine(folder, "queries-en.txt"), english);
                var ttDb = Path.Combine(folder, "tt.db");
                File.Delete(ttDb);
                var build = Stopwatch.StartNew();
                await RunAsync("/usr/bin/python3", ["-m", "translate.tools.build_tmdb", "-d", ttDb, "-s", "en", "-t", "tg", poPath]);
                Console.WriteLine(Invariant($"Translate Toolkit build_tmdb: {build.Elapsed.TotalSeconds:F0} s for {units} units"));
                if (!ttStock)
                {
                    // Table statistics: with them SQLite puts the full-text MATCH first (once per query) instead of once per unit.
                    await RunAsync("/usr/bin/python3", ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('ANALYZE'); c.commit()", ttDb]);
                }
                ttPort = FreePort();
                tt = Start("/usr/bin/python3", ["-m", "translate.services.tmserver", "-d", ttDb, "-b", "127.0.0.1",
                    "-p", ttPort.Value.ToString(CultureInfo.InvariantCulture), "--max-candidates", Text(TtCandidates),
                    "--min-similarity", Text(TtSimilarity)]);
            }

            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
            {
                Timeout = TimeSpan.FromMinutes(1),
            };
            using var ttHttp = new HttpClient { Timeout = ttTimeout };
            var lookup = new LookupService.LookupServiceClient(server.Channel);
            var ours = $"http://127.0.0.1:{server.HttpPort}";
            Func<string, Task<int>> Grpc(int results, int floor, string language = "tg") => async q =>
                (await lookup.LookupAsync(new LookupRequest { Memory = Memory, Text = q, Language = language, MinScore = floor, MaxResults = results }))
                    .Matches.Count;
            Func<string, Task<int>> Get(string path, string field) => async q =>
                Count(await http.GetStringAsync(ours + path.Replace("{q}", Uri.EscapeDataString(q), StringComparison.Ordinal)), field);
            var apyDefault = "1 result, floor 75 (Tarjuma:Protocols:ApyMinScore)";
            Lane[] lanes =
            [
                new("grpc", "1 result, floor 75", -1, false, Grpc(1, 75)),
                new("tmserver", "1 result, floor 75 (max_candidates=1&min_similarity=75)", 0, false,
                    Get("/tmserver/tg/en/unit/{q}?max_candidates=1&min_similarity=75", "\"quality\"")),
                new("apy", apyDefault + ": its only setting, its clients' default", 0, false, async q =>
                    (await http.GetStringAsync($"{ours}/apy/translate?q={Uri.EscapeDataString(q)}&langpair=tg%7Cen&markUnknown=no"))
                        .Contains("\"translatedText\":\"\"", StringComparison.Ordinal) ? 0 : 1),
                new("grpc", "1 result, floor 50", -1, false, Grpc(1, 50)),
                new("mymemory", "1 result (numres=1), floor 50 (fixed)", 3, false, Get("/mymemory/get?q={q}&langpair=tg%7Cen&numres=1&mt=0", "\"segment\"")),
                new("grpc", "5 results, floor 70", -1, false, Grpc(5, 70)),
                new("tmserver", "5 results, floor 70: clients' default (no parameters, amaGama's defaults)", 5, false,
                    Get("/tmserver/tg/en/unit/{q}", "\"quality\"")),
                new("grpc", "3 results, floor 50", -1, false, Grpc(3, 50)),
                new("mymemory", "3 results, floor 50: clients' default (no numres)", 7, false, Get("/mymemory/get?q={q}&langpair=tg%7Cen&mt=0", "\"segment\"")),
                new("grpc en→tg", Invariant($"{TtCandidates} results, floor {TtSimilarity}"), -1, true, Grpc(TtCandidates, TtSimilarity, "en")),
                new("tmserver en→tg", Invariant($"{TtCandidates} results, floor {TtSimilarity}"), 9, true,
                    Get(Invariant($"/tmserver/en/tg/unit/{{q}}?max_candidates={TtCandidates}&min_similarity={TtSimilarity}"), "\"quality\"")),
                new("tt-tmserver en→tg", Invariant($"{TtCandidates} results, floor {TtSimilarity} (its command line)"), 10, true, async q =>
                {
                    try
                    {
                        return Count(await ttHttp.GetStringAsync($"http://127.0.0.1:{ttPort}/tmserver/en/tg/unit/{Uri.EscapeDataString(q)}"), "\"quality\"");
                    }
                    catch (TaskCanceledException)
                    {
                        ttTimeouts++;
                        return -1;
                    }
                }),
            ];
            var tti = lanes.Length - 1;
            var active = Enumerable.Range(0, lanes.Length).Where(i => i != tti || ttPort is not null).ToArray();
            if (ttPort is not null)
            {
                await WaitForAsync(() => ttHttp.GetStringAsync($"http://127.0.0.1:{ttPort}/tmserver/en/tg/unit/x"));
            }

            // Warm-up on queries not measured: the indexes are built on the first lookup, the JIT and connections on the first calls;
            // Translate Toolkit's database pages are read by its first queries.
            for (var q = 0; q < warmQueries.Count; q++)
            {
                foreach (var i in active.Where(i => i != tti || q < 3))
                {
                    await lanes[i].Call(lanes[i].English ? warmEnglish[q] : warmQueries[q]);
                }
            }

            var latencies = lanes.Select(_ => new List<double>()).ToArray();
            var perQuery = lanes.Select(_ => new Dictionary<(int Round, int Query), double>()).ToArray();
            var answers = lanes.Select(_ => new Dictionary<(int Round, int Query), int>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var q = 0; q < queries.Count; q++)
                {
                    for (var k = 0; k < active.Length; k++)
                    {
                        var i = active[(q + round + k) % active.Length];
                        if (i == tti && (round > 0 || q >= ttQueries))
                        {
                            continue;
                        }

                        var stopwatch = Stopwatch.StartNew();
                        var count = await lanes[i].Call(lanes[i].English ? english[q] : queries[q]);
                        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                        latencies[i].Add(elapsed);
                        perQuery[i][(round, q)] = elapsed;
                        answers[i][(round, q)] = count;
                    }
                }
            }

            // Server CPU per call: one block per lane (Translate Toolkit apart), blocks in a rotating order per round.
            var ourLanes = active.Where(i => i != tti).ToArray();
            var cpu = lanes.Select(_ => new List<double>()).ToArray();
            using var serverProcess = Process.GetProcessById(server.Id);
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < ourLanes.Length; k++)
                {
                    var i = ourLanes[(k + round) % ourLanes.Length];
                    serverProcess.Refresh();
                    var before = serverProcess.TotalProcessorTime;
                    // The process's CPU time moves in 10 ms ticks: each block makes enough calls for that to be a small error.
                    for (var q = 0; q < queries.Count * cpuRepeat; q++)
                    {
                        await lanes[i].Call(lanes[i].English ? english[q % queries.Count] : queries[q % queries.Count]);
                    }

                    serverProcess.Refresh();
                    cpu[i].Add((serverProcess.TotalProcessorTime - before).TotalMilliseconds / (queries.Count * cpuRepeat));
                }
            }

            var ttCpu = double.NaN;
            if (tt is not null && ttTimeouts == 0)
            {
                tt.Refresh();
                var before = tt.TotalProcessorTime;
                var n = Math.Min(ttQueries, english.Count);
                for (var q = 0; q < n; q++)
                {
                    await lanes[tti].Call(english[q]);
                }

                tt.Refresh();
                ttCpu = (tt.TotalProcessorTime - before).TotalMilliseconds / n;
            }

            Report(kind, units, queries.Count, rounds, lanes, active, latencies, perQuery, answers, cpu);
            if (ttPort is not null)
            {
                var bound = ttTimeouts > 0 ? "at least " : "";
                var ourTt = latencies[tti - 1].Count == 0 ? 0 : Median([.. perQuery[tti - 1].Where(p => perQuery[tti].ContainsKey(p.Key)).Select(p =>
                    p.Value)]);
                var theirs = Percentile(latencies[tti], 0.5);
                Console.WriteLine(Invariant($"Translate Toolkit on the same {latencies[tti].Count} en→tg queries (round 1): p50 {bound}{theirs:F1} ms, ") +
                    Invariant($"p99 {Percentile(latencies[tti], 0.99):F1} ms, {ttTimeouts} not answered within {ttTimeout.TotalSeconds:F0} s; ") +
                    Invariant($"Tarjuma /tmserver p50 {ourTt:F2} ms on those queries: {bound}{theirs / ourTt:F0}x; ") +
                    Invariant($"its CPU per call {ttCpu:F1} ms (Tarjuma's: {Median(cpu[tti - 1]):F2} ms)") +
                    (ttStock ? ", stock database" : ", database ANALYZEd"));
                var answered = answers[tti].Where(a => a.Value >= 0).ToList();
                Console.WriteLine(Invariant($"  queries with a match: Translate Toolkit {answered.Count(a => a.Value > 0)}/{answered.Count}, ") +
                    Invariant($"Tarjuma {answered.Count(a => answers[tti - 1].GetValueOrDefault(a.Key) > 0)}/{answered.Count}"));
            }

            Console.WriteLine(Invariant($"load average at the end: {LoadAverage()}"));
            return 0;
        }
        finally
        {
            if (tt is { HasExited: false })
            {
                tt.Kill(entireProcessTree: true);
                await tt.WaitForExitAsync();
            }

            tt?.Dispose();
            try
            {
                if (keep is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A file still open: the temporary folder is cleaned later.
            }
        }
    }

    private static void Report(string kind, int units, int queries, int rounds, Lane[] lanes, int[] active, List<double>[] latencies,
        Dictionary<(int Round, int Query), double>[] perQuery, Dictionary<(int Round, int Query), int>[] answers, List<double>[] cpu)
    {
        Console.WriteLine(Invariant(
            $"{kind} memory, {units} units; {queries} queries x {rounds} rounds per lane; real server process on loopback, one client"));
        Console.WriteLine(Invariant($"load average: {LoadAverage()}"));
        Console.WriteLine("lane                settings                                                      p50 ms  p99 ms  CPU/call ms (range)");
        foreach (var i in active)
        {
            var range = cpu[i].Count == 0 ? "" : Invariant($"{Median(cpu[i]),6:F3} ({cpu[i].Min():F3}–{cpu[i].Max():F3})");
            Console.WriteLine(Invariant($"{lanes[i].Name,-19} {lanes[i].Settings,-60} {Percentile(latencies[i], 0.5),7:F2} ") +
                Invariant($"{Percentile(latencies[i], 0.99),7:F2}  {range}"));
        }

        Console.WriteLine("against gRPC asked the same (same rounds): p50 added, ratio; paired median per query; CPU per call added, ratio; answers differing");
        // Translate Toolkit is reported on its own (another server, not a protocol of ours).
        foreach (var i in active.Where(i => lanes[i].Baseline >= 0 && i != lanes.Length - 1))
        {
            var b = lanes[i].Baseline;
            var p50 = Percentile(latencies[i], 0.5);
            var baseP50 = Percentile(latencies[b], 0.5);
            var paired = Median([.. perQuery[i].Where(p => perQuery[b].ContainsKey(p.Key)).Select(p => p.Value - perQuery[b][p.Key])]);
            var differing = answers[i].Count(a => answers[b].TryGetValue(a.Key, out var other) && other != a.Value);
            var cpuAdded = Median(cpu[i]) - Median(cpu[b]);
            Console.WriteLine(Invariant($"  {lanes[i].Name,-16} {lanes[i].Settings[..Math.Min(40, lanes[i].Settings.Length)],-40} ") +
                Invariant($"p50 {p50 - baseP50,+7:F3} ms ({p50 / baseP50:F2}x)  paired {paired,+7:F3} ms  ") +
                Invariant($"CPU {cpuAdded,+7:F3} ms ({Median(cpu[i]) / Median(cpu[b]):F2}x)  differing {differing}"));
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string Kind, (string Tajik, string English)[] Pairs, List<string> Queries, List<string> English) Workload(int units, int queryCount)
    {
        var random = new Random(20261130);
        var root = MatchingData.Root();
        if (root is not null)
        {
            var generator = new MatchingMemoryGenerator(MatchingMemoryGenerator.LoadBase(root));
            var pairs = generator.Generate(units).Select(u => (u.Source.Text, u.Target.Text)).ToArray();
            var ntrex = MatchingData.NtrexPairs(root);
            var chosen = Enumerable.Range(0, queryCount)
                .Select(i => i % 2 == 0 ? (Stored: true, Index: random.Next(pairs.Length)) : (Stored: false, Index: random.Next(ntrex.Count))).ToList();
            return ("realistic", pairs,
                [.. chosen.Select(p => p.Stored ? pairs[p.Index].Item1 : ntrex[p.Index].Tajik)],
                [.. chosen.Select(p => p.Stored ? pairs[p.Index].Item2 : ntrex[p.Index].English)]);
        }

        var sentences = Enumerable.Range(0, units).Select(i => GeneratedTmx.Sentence(Memory, i)).ToArray();
        var picks = Enumerable.Range(0, queryCount).Select(i => (Near: i % 2 == 1, Index: random.Next(units))).ToList();
        string Near(string text, bool near, int n) =>
            near ? text.Replace(n.ToString(CultureInfo.InvariantCulture), (n + units).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : text;
        return ("uniform", sentences,
            [.. picks.Select(p => Near(sentences[p.Index].Tajik, p.Near, p.Index))],
            [.. picks.Select(p => Near(sentences[p.Index].English, p.Near, p.Index))]);
    }

    /// <summary>The units as a PO file, English msgid and Tajik msgstr (GNU gettext's C-style escapes).</summary>
    private static string ReversedPo((string Tajik, string English)[] pairs)
    {
        static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        var builder = new System.Text.StringBuilder("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tajik, english) in pairs)
        {
            // A PO file holds one msgid once: later duplicates are left out, as msguniq would.
            if (seen.Add(english))
            {
                builder.Append("msgid \"").Append(Escape(english)).Append("\"\nmsgstr \"").Append(Escape(tajik)).Append("\"\n\n");
            }
        }

        return builder.ToString();
    }

    private static async Task FillAsync(ServerProcess server, string tmxPath, int units)
    {
        var bytes = await File.ReadAllBytesAsync(tmxPath);
        using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = Memory, SourceLanguage = "tg", TargetLanguage = "en" });
        const int Chunk = 1 << 20;
        for (var offset = 0; offset < bytes.Length; offset += Chunk)
        {
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(bytes, offset, Math.Min(Chunk, bytes.Length - offset)) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        if (response.Read != units)
        {
            throw new InvalidOperationException(Invariant($"the fill read {response.Read} units; {units} expected."));
        }
    }

    private static int Count(string body, string field)
    {
        var count = 0;
        for (var at = body.IndexOf(field, StringComparison.Ordinal); at >= 0; at = body.IndexOf(field, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task WaitForAsync(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(200);
            }
        }
    }

    private static Process Start(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
