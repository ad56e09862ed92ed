using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>load [--seconds 60] [--clients 32] [--units 100000] [--memory realistic|uniform|edited] [--mix 70/15/15] [--min-score N]
/// [--warmup 5] [--max-ops N] [--cli DLL]</c>:
/// starts the real server (<c>tarjuma serve</c>, a child process on a free loopback port), fills a
/// memory with N units through ImportTmx, then the clients run lookups, segmentations and unit writes in the
/// proportions of <c>--mix</c> (default 70/15/15; issue #12's scenario is 80/10/10 with <c>--min-score 50</c>)
/// until the time or the operation count is up. Prints throughput, p50/p99
/// latency and errors per operation, and the server's working set after the fill, at the end, and its peak;
/// exits 1 unless the targets hold: no errors, lookup p99 under <c>--p99-target</c> ms (50), peak
/// working set at most 1.5 times the one after warm-up. <c>--cli</c> runs another build's tarjuma.dll (old and new alternating).
/// <para>
/// Memories: <c>realistic</c> (default when ../shared/data is there) is the match-scale generator's
/// memory built from real sentence pairs, queried half with stored segments and half with NTREX
/// sentences (a new document); <c>uniform</c> is 100,000 sentences over a ten-word vocabulary that
/// differ only in their words' order and a number, the worst case for a term index (every term is
/// in a quarter of the units or more); <c>edited</c> is the lookup-served benchmark's memory (the vocabulary of
/// all the Tajik text in ../shared/data, words substituted, inserted and deleted, numbers changed), queried
/// only with edited sentences (half of 12+ words, half windows of 3–6 words) that are almost never stored as
/// such: translators' new text, the expensive path.
/// </para>
/// </summary>
internal sealed class LoadCommand : IBenchmarkCommand
{
    internal const string Memory = "load";

    /// <summary>Upper bound on operations whatever the time: a runaway run stops.</summary>
    private const long DefaultMaxOperations = 50_000_000;

    /// <summary>"Memory flat": the peak working set stays within this factor of the one after warm-up.</summary>
    private const double MaxGrowth = 1.5;

    private static readonly string[] Operations = ["lookup", "segment", "write"];

    public string Name => "load";

    public string Description => "drive the real server with concurrent clients (lookups, segmentations, writes); --seconds --clients --units";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = CommandArgs.Int(args, "--seconds", 60);
        var clients = CommandArgs.Int(args, "--clients", 32);
        var units = CommandArgs.Int(args, "--units", 100_000);
        var maxOperations = CommandArgs.Long(args, "--max-ops", DefaultMaxOperations);
        var p99Target = CommandArgs.Int(args, "--p99-target", 50);
        var minScore = CommandArgs.Int(args, "--min-score", 0);
        var mix = Mix.Parse(CommandArgs.Text(args, "--mix") ?? "70/15/15");
        var workload = Workload.Create(CommandArgs.Text(args, "--memory"), units);
        if (workload is null || mix is null || !LookupServedCommand.UseCli(args))
        {
            return 1;
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "load.db"));
            using var serverProcess = Process.GetProcessById(server.Id);
            var fill = Stopwatch.StartNew();
            await FillAsync(server, workload);
            Console.WriteLine(Invariant($"filled '{Memory}' with {units:N0} units ({workload.Name} memory) in {fill.Elapsed.TotalSeconds:F1} s"));

            // Warm-up (JIT, connection pools, SQLite caches), not counted.
            var warmup = CommandArgs.Int(args, "--warmup", 5);
            using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(warmup)))
            {
                await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(server, c + clients, workload, mix, minScore,
                    new ClientResults(), () => true, warm.Token))));
            }

            serverProcess.Refresh();
            var startSet = serverProcess.WorkingSet64;

            var results = Enumerable.Range(0, clients).Select(_ => new ClientResults()).ToArray();
            long operations = 0;
            var peakSet = startSet;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(500, CancellationToken.None);
                    serverProcess.Refresh();
                    peakSet = Math.Max(peakSet, serverProcess.WorkingSet64);
                }
            });
            var run = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(server, c, workload, mix, minScore, results[c],
                () => Interlocked.Increment(ref operations) <= maxOperations, stop.Token))).ToArray();
            await Task.WhenAll(workers);
            run.Stop();
            await sampler;
            serverProcess.Refresh();
            var endSet = serverProcess.WorkingSet64;

            Console.WriteLine(Invariant($"{clients} clients, {run.Elapsed.TotalSeconds:F1} s, server on loopback (real process), {workload.Name} memory, ")
                + Invariant($"mix {mix}, lookup min score {(minScore == 0 ? "server default" : minScore.ToString(CultureInfo.InvariantCulture))}; ")
                + Invariant($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            Console.WriteLine("operation      count     ops/s   p50 ms   p99 ms   max ms   errors");
            foreach (var (operation, index) in Operations.Select((o, i) => (o, i)))
            {
                var latencies = results.SelectMany(r => r.Latencies[index]).Order().ToArray();
                var errors = results.Sum(r => r.Errors[index]);
                Console.WriteLine(Invariant($"{operation,-10} {latencies.Length,9:N0} {latencies.Length / run.Elapsed.TotalSeconds,9:F0} ") +
                    Invariant($"{Percentile(latencies, 0.50),8:F2} {Percentile(latencies, 0.99),8:F2} {(latencies.Length > 0 ? latencies[^1] : 0),8:F1} ") +
                    Invariant($"{errors,8}"));
            }

            foreach (var error in results.SelectMany(r => r.FirstErrors).Distinct(StringComparer.Ordinal).Take(5))
            {
                Console.WriteLine($"  error: {error}");
            }

            Console.WriteLine(Invariant($"server working set: {startSet / 1048576.0:F0} MiB after fill and warm-up, {endSet / 1048576.0:F0} MiB at end, ") +
                Invariant($"peak {peakSet / 1048576.0:F0} MiB"));

            // The issue's targets; the exit code says whether this run met them.
            var totalErrors = results.Sum(r => r.Errors.Sum());
            var lookupP99 = Percentile([.. results.SelectMany(r => r.Latencies[0]).Order()], 0.99);
            var flat = peakSet <= startSet * MaxGrowth;
            var verdict = totalErrors == 0 && lookupP99 < p99Target && flat ? "met" : "NOT met";
            Console.WriteLine(Invariant($"targets: errors {totalErrors} (0), lookup p99 {lookupP99:F1} ms (< {p99Target} ms), ") +
                Invariant($"peak/start working set {(double)peakSet / startSet:F2} (<= {MaxGrowth}): {verdict}"));
            return totalErrors == 0 && lookupP99 < p99Target && flat ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    internal static async Task FillAsync(ServerProcess server, Workload workload)
    {
        var bytes = workload.Tmx;
        using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = Memory, SourceLanguage = "tg", TargetLanguage = "en" });
        const int Chunk = 1 << 20;
        for (var offset = 0; offset < bytes.Length; offset += Chunk)
        {
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(bytes, offset, Math.Min(Chunk, bytes.Length - offset)) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        if (response.Read != workload.Units || response.RejectedCount != 0)
        {
            throw new InvalidOperationException(Invariant(
                $"the fill read {response.Read} units and rejected {response.RejectedCount}; {workload.Units} expected."));
        }
    }

    private static async Task ClientAsync(ServerProcess server, int client, Workload workload, Mix mix, int minScore, ClientResults results,
        Func<bool> mayRun, CancellationToken stop)
    {
        // Deterministic per client: the same run issues the same requests.
        var random = new Random(client + 1);
        var lookup = new LookupService.LookupServiceClient(server.Channel);
        var segmentation = new SegmentationService.SegmentationServiceClient(server.Channel);
        var writes = new UnitService.UnitServiceClient(server.Channel);
        var written = 0;
        while (!stop.IsCancellationRequested && mayRun())
        {
            var roll = random.Next(100);
            var operation = roll < mix.Lookup ? 0 : roll < mix.Lookup + mix.Segment ? 1 : 2;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                switch (operation)
                {
                    case 0:
                        await lookup.LookupAsync(new LookupRequest { Memory = Memory, Text = workload.Query(random), MinScore = minScore },
                            cancellationToken: CancellationToken.None);
                        break;
                    case 1:
                        var paragraph = string.Join(' ', Enumerable.Range(0, 4).Select(_ => workload.Sentence(random)));
                        await segmentation.SegmentAsync(new SegmentRequest { Text = paragraph, Language = "tg" }, cancellationToken: CancellationToken.None);
                        break;
                    default:
                        var (tajik, english) = GeneratedTmx.Sentence(Invariant($"client{client}"), written++);
                        await writes.AddUnitAsync(
                            new AddUnitRequest
                            {
                                Memory = Memory,
                                Unit = new TranslationUnit
                                {
                                    Source = new Segment { Text = tajik },
                                    Target = new Segment { Text = english }
                                }
                            },
                            cancellationToken: CancellationToken.None);
                        break;
                }

                results.Latencies[operation].Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            catch (RpcException exception)
            {
                results.Errors[operation]++;
                if (results.FirstErrors.Count < 3)
                {
                    results.FirstErrors.Add($"{Operations[operation]}: {exception.StatusCode} {exception.Status.Detail}");
                }
            }
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The memory a run fills and the text its clients send (also the http-latency command's).</summary>
    internal sealed class Workload
    {
        private readonly string[] _stored;
        private readonly string[] _fresh;
        private readonly Func<Random, string> _nearMiss;

        private readonly bool _nearMissOnly;

        private Workload(string name, int units, byte[] tmx, string[] stored, string[] fresh, Func<Random, string> nearMiss, bool nearMissOnly = false)
        {
            (Name, Units, Tmx, _stored, _fresh, _nearMiss, _nearMissOnly) = (name, units, tmx, stored, fresh, nearMiss, nearMissOnly);
        }

        public string Name { get; }

        public int Units { get; }

        public byte[] Tmx { get; }

        public static Workload? Create(string? kind, int units)
        {
            var root = MatchingData.Root();
            kind ??= root is null ? "uniform" : "realistic";
            switch (kind)
            {
                case "uniform":
                    var sentences = Enumerable.Range(0, units).Select(i => GeneratedTmx.Sentence(Memory, i)).ToArray();

                    // Half the lookups are stored sentences, half differ in the number (a near miss).
                    return new Workload(kind, units, GeneratedTmx.Build(sentences, units), [.. sentences.Select(p => p.Tajik)], [], random =>
                    {
                        var i = random.Next(units);
                        return GeneratedTmx.Sentence(Memory, i).Tajik.Replace(i.ToString(CultureInfo.InvariantCulture),
                            (i + units).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                    });
                case "realistic" when root is not null:
                    var generator = new MatchingMemoryGenerator(MatchingMemoryGenerator.LoadBase(root));
                    var pairs = generator.Generate(units).Select(u => (u.Source.Text, u.Target.Text)).ToArray();
                    var ntrex = MatchingData.NtrexPairs(root).Select(p => p.Tajik).ToArray();

                    // Half the lookups are stored segments, half sentences of a news document (fuzzy or no match).
                    return new Workload(kind, units, GeneratedTmx.Build(pairs, units), [.. pairs.Select(p => p.Item1)], ntrex,
                        random => ntrex[random.Next(ntrex.Length)]);
                case "edited" when root is not null:
                    var realistic = RealisticMemory.Load(root);
                    var memoryUnits = realistic.Units(units).ToArray();
                    string[] edited = [.. realistic.EditedLong(1_000), .. realistic.EditedShort(1_000)];
                    return new Workload(kind, units, GeneratedTmx.Build(memoryUnits, units), [.. memoryUnits.Select(u => u.Tajik)], [],
                        random => edited[random.Next(edited.Length)], nearMissOnly: true);
                case "realistic" or "edited":
                    Console.Error.WriteLine($"--memory {kind} needs ../shared/data (or TARJUMA_SHARED_DATA); use --memory uniform.");
                    return null;
                default:
                    Console.Error.WriteLine($"--memory is realistic, uniform or edited, not '{kind}'.");
                    return null;
            }
        }

        public string Query(Random random) => !_nearMissOnly && random.Next(2) == 0 ? _stored[random.Next(_stored.Length)] : _nearMiss(random);

        public string Sentence(Random random) =>
            _fresh.Length > 0 && random.Next(2) == 0 ? _fresh[random.Next(_fresh.Length)] : _stored[random.Next(_stored.Length)];
    }

    /// <summary>Percentages of lookups, segmentations and writes (<c>--mix L/S/W</c>, summing to 100).</summary>
    internal sealed record Mix(int Lookup, int Segment, int Write)
    {
        public static Mix? Parse(string text)
        {
            var parts = text.Split('/');
            if (parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                if (numbers.Sum() == 100)
                {
                    return new Mix(numbers[0], numbers[1], numbers[2]);
                }
            }

            Console.Error.WriteLine($"--mix is three percentages of lookups/segmentations/writes summing to 100 (70/15/15), not '{text}'.");
            return null;
        }

        public override string ToString() => Invariant($"{Lookup}/{Segment}/{Write}");
    }

    /// <summary>One client's figures, merged at the end (no sharing while running).</summary>
    private sealed class ClientResults
    {
        public List<double>[] Latencies { get; } = [[], [], []];

        public long[] Errors { get; } = new long[3];

        public List<string> FirstErrors { get; } = [];
    }
}
