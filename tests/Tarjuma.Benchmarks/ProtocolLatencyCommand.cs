using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>protocol-latency [--units 100000] [--queries 200] [--rounds 3] [--tt-queries 5] [--tt-timeout 60] [--no-tt]</c>: one lookup's latency
/// through each CAT-tool protocol (<c>/tmserver</c>, <c>/apy</c>, <c>/mymemory</c>, HTTP/1.1 keep-alive) beside
/// gRPC, on the same memory in the same real server process (<c>tarjuma serve</c>), and beside
/// Translate Toolkit's own tmserver (<c>python3 -m translate.services.tmserver</c>, Debian
/// python3-translate) loaded with the same units through its <c>build_tmdb</c> (its full-text index
/// built, as its users run it). Debian's Translate Toolkit reads the TMX's languages wrongly (every unit
/// stored as en→en) and matches no non-ASCII text from the URL path (WSGI's Latin-1 path, never re-decoded),
/// so it is loaded from a PO file of the same units reversed (English msgid, Tajik msgstr) and both
/// servers are asked English queries en→tg (ours from its target-side index). The protocols run in turn for each query, the order rotating, so
/// the machine's noise falls on all alike. Prints p50/p99 per protocol and each one's p50 minus gRPC's.
/// <para>
/// Memory: realistic (the match-scale generator over ../shared/data) when the data is there, else
/// uniform generated sentences. Queries: half stored segments (exact matches), half NTREX news sentences
/// (fuzzy or none) or, uniform, near misses. Nothing was tuned on these queries.
/// </para>
/// </summary>
internal sealed class ProtocolLatencyCommand : IBenchmarkCommand
{
    private const string Memory = "protocols";

    private static readonly string[] Names = ["grpc", "tmserver", "apy", "mymemory", "tmserver en→tg", "tt-tmserver en→tg"];

    public string Name => "protocol-latency";

    public string Description => "lookup latency through /tmserver, /apy, /mymemory vs gRPC, and Translate Toolkit's tmserver; --units --queries --rounds";

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 100_000);
        var queryCount = CommandArgs.Int(args, "--queries", 200);
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var withTt = !args.Contains("--no-tt", StringComparer.Ordinal);

        // Translate Toolkit answers in seconds per query on a large memory: it gets the first queries of the first round only.
        var ttQueries = CommandArgs.Int(args, "--tt-queries", 5);

        // A query it has not answered by then counts as the timeout: its figures are then lower bounds.
        var ttTimeout = TimeSpan.FromSeconds(CommandArgs.Int(args, "--tt-timeout", 60));
        var ttTimeouts = 0;
        var (kind, pairs, queries, english) = Workload(units, queryCount);
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-protocols", Guid.NewGuid().ToString("N"));
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
                var build = Stopwatch.StartNew();
                await RunAsync("/usr/bin/python3", ["-m", "translate.tools.build_tmdb", "-d", Path.Combine(folder, "tt.db"), "-s", "en", "-t", "tg", poPath]);
                Console.WriteLine(Invariant($"Translate Toolkit build_tmdb: {build.Elapsed.TotalSeconds:F0} s for {units} units"));
                ttPort = FreePort();
                tt = Start("/usr/bin/python3", ["-m", "translate.services.tmserver", "-d", Path.Combine(folder, "tt.db"), "-b", "127.0.0.1",
                    "-p", ttPort.Value.ToString(CultureInfo.InvariantCulture), "--max-candidates", "5", "--min-similarity", "70"]);
            }

            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
            {
                Timeout = TimeSpan
                .FromMinutes(1)
            };
            using var ttHttp = new HttpClient { Timeout = ttTimeout };
            var lookup = new LookupService.LookupServiceClient(server.Channel);
            var ours = $"http://127.0.0.1:{server.HttpPort}";
            Func<string, Task<int>>[] calls =
            [
                async q => (await lookup.LookupAsync(new LookupRequest { Memory = Memory, Text = q, Language = "tg", MinScore = 70,
                    MaxResults = 5 })).Matches.Count,
                async q => Count(await http.GetStringAsync($"{ours}/tmserver/tg/en/unit/{Uri.EscapeDataString(q)}"), "\"quality\""),
                async q => (await http.GetStringAsync($"{ours}/apy/translate?q={Uri.EscapeDataString(q)}&langpair=tg%7Cen&markUnknown=no"))
                    .Contains("\"translatedText\":\"\"", StringComparison.Ordinal) ? 0 : 1,
                async q => Count(await http.GetStringAsync($"{ours}/mymemory/get?q={Uri.EscapeDataString(q)}&langpair=tg%7Cen&numres=5&mt=0"), "\"segment\""),
                async q => Count(await http.GetStringAsync($"{ours}/tmserver/en/tg/unit/{Uri.EscapeDataString(q)}"), "\"quality\""),
                async q =>
                {
                    try
                    {
                        return Count(await ttHttp.GetStringAsync($"http://127.0.0.1:{ttPort}/tmserver/en/tg/unit/{Uri.EscapeDataString(q)}"), "\"quality\"");
                    }
                    catch (TaskCanceledException)
                    {
                        ttTimeouts++;
                        return 0;
                    }
                },
            ];
            var active = Enumerable.Range(0, Names.Length).Where(i => i < 5 || ttPort is not null).ToArray();
            if (ttPort is not null)
            {
                await WaitForAsync(() => ttHttp.GetStringAsync($"http://127.0.0.1:{ttPort}/tmserver/en/tg/unit/x"));
            }

            // Warm-up: the indexes are built on the first lookup, the JIT and connections on the first calls.
            foreach (var query in queries.Take(20))
            {
                // Translate Toolkit is left out: one query costs it seconds to minutes on this memory.
                foreach (var i in active.Where(i => i != 5))
                {
                    await calls[i](i >= 4 ? english[0] : query);
                }
            }

            var latencies = Names.Select(_ => new List<double>()).ToArray();
            var oursOnTtQueries = new List<double>();
            var found = new long[Names.Length];
            for (var round = 0; round < rounds; round++)
            {
                for (var q = 0; q < queries.Count; q++)
                {
                    for (var k = 0; k < active.Length; k++)
                    {
                        var i = active[(q + round + k) % active.Length];
                        var onTtQueries = round == 0 && q < ttQueries;
                        if (i == 5 && !onTtQueries)
                        {
                            continue;
                        }

                        var stopwatch = Stopwatch.StartNew();
                        var count = await calls[i](i >= 4 ? english[q] : queries[q]);
                        latencies[i].Add(stopwatch.Elapsed.TotalMilliseconds);
                        found[i] += count > 0 ? 1 : 0;
                        if (i == 4 && onTtQueries)
                        {
                            oursOnTtQueries.Add(latencies[i][^1]);
                        }
                    }
                }
            }

            Console.WriteLine(Invariant($"{kind} memory, {units} units; {queries.Count} queries x {rounds} rounds per protocol (Translate Toolkit: the ") +
                Invariant($"first {Math.Min(ttQueries, queries.Count)}); real server process on loopback, one client"));
            Console.WriteLine(Invariant($"load average at the end: {LoadAverage()}"));
            var grpc = Percentile(latencies[0], 0.5);
            Console.WriteLine("protocol        p50 ms   p99 ms   p50 - gRPC p50   p50 / gRPC   queries with a match");
            foreach (var i in active)
            {
                var p50 = Percentile(latencies[i], 0.5);
                Console.WriteLine(Invariant($"{Names[i],-14} {p50,7:F2}  {Percentile(latencies[i], 0.99),7:F2}   {p50 - grpc,+12:F2} ms   ") +
                    Invariant($"{p50 / grpc,8:F2}x   {found[i] / (double)latencies[i].Count,6:P0}"));
            }

            if (ttPort is not null)
            {
                var ourP50 = Percentile(oursOnTtQueries, 0.5);
                var bound = ttTimeouts > 0 ? "at least " : "";
                Console.Write(Invariant(
                    $"on the same {oursOnTtQueries.Count} en→tg queries: Translate Toolkit p50 {bound}{Percentile(latencies[5], 0.5):F1} ms "));
                Console.WriteLine(Invariant($"({ttTimeouts} not answered within {ttTimeout.TotalSeconds:F0} s), Tarjuma /tmserver p50 {ourP50:F2} ms, ") +
                    Invariant($"{bound}{Percentile(latencies[5], 0.5) / ourP50:F0}x"));
            }

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
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open: the temporary folder is cleaned later.
            }
        }
    }

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
