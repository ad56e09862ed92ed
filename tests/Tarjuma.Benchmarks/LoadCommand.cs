using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>load [--seconds 60] [--clients 32] [--units 100000] [--warmup 5] [--max-ops N]</c>: starts the real server
/// (<c>tarjuma serve</c>, a child process on a free loopback port), fills a memory with N generated
/// units through ImportTmx, then N clients run lookups (70%), segmentations (15%) and unit writes
/// (15%) until the time or the operation count is up. Prints throughput, p50/p99 latency and
/// errors per operation, and the server's working set after the fill, at the end, and its peak.
/// </summary>
internal sealed class LoadCommand : IBenchmarkCommand
{
    private const string Memory = "load";

    /// <summary>Upper bound on operations whatever the time: a runaway run stops.</summary>
    private const long DefaultMaxOperations = 50_000_000;

    private static readonly string[] Operations = ["lookup", "segment", "write"];

    public string Name => "load";

    public string Description => "drive the real server with concurrent clients (lookups, segmentations, writes); --seconds --clients --units";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 60);
        var clients = Option(args, "--clients", 32);
        var units = Option(args, "--units", 100_000);
        var maxOperations = Option(args, "--max-ops", DefaultMaxOperations);
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "load.db"));
            using var serverProcess = Process.GetProcessById(server.Id);
            var fill = Stopwatch.StartNew();
            await FillAsync(server, units);
            Console.WriteLine(Invariant($"filled '{Memory}' with {units:N0} units in {fill.Elapsed.TotalSeconds:F1} s"));

            // Warm-up (JIT, connection pools, SQLite caches), not counted.
            var warmup = Option(args, "--warmup", 5);
            using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(warmup)))
            {
                await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(server, c + clients, units, new ClientResults(), () => true, warm.Token))));
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
            var workers = Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(server, c, units, results[c], () => Interlocked.Increment(ref operations) <= maxOperations, stop.Token))).ToArray();
            await Task.WhenAll(workers);
            run.Stop();
            await sampler;
            serverProcess.Refresh();
            var endSet = serverProcess.WorkingSet64;

            Console.WriteLine(Invariant($"{clients} clients, {run.Elapsed.TotalSeconds:F1} s, server on loopback (real process)"));
            Console.WriteLine("operation      count     ops/s   p50 ms   p99 ms   max ms   errors");
            foreach (var (operation, index) in Operations.Select((o, i) => (o, i)))
            {
                var latencies = results.SelectMany(r => r.Latencies[index]).Order().ToArray();
                var errors = results.Sum(r => r.Errors[index]);
                Console.WriteLine(Invariant($"{operation,-10} {latencies.Length,9:N0} {latencies.Length / run.Elapsed.TotalSeconds,9:F0} {Percentile(latencies, 0.50),8:F2} {Percentile(latencies, 0.99),8:F2} {(latencies.Length > 0 ? latencies[^1] : 0),8:F1} {errors,8}"));
            }

            foreach (var error in results.SelectMany(r => r.FirstErrors).Distinct(StringComparer.Ordinal).Take(5))
            {
                Console.WriteLine($"  error: {error}");
            }

            Console.WriteLine(Invariant($"server working set: {startSet / 1048576.0:F0} MiB after fill and warm-up, {endSet / 1048576.0:F0} MiB at end, peak {peakSet / 1048576.0:F0} MiB"));
            return results.Sum(r => r.Errors.Sum()) == 0 ? 0 : 1;
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

    private static async Task FillAsync(ServerProcess server, int units)
    {
        var bytes = GeneratedTmx.Build(Memory, units);
        using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
        await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = Memory, SourceLanguage = "tg", TargetLanguage = "en" });
        const int Chunk = 1 << 20;
        for (var offset = 0; offset < bytes.Length; offset += Chunk)
        {
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Data = ByteString.CopyFrom(bytes, offset, Math.Min(Chunk, bytes.Length - offset)) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        if (response.Added != units)
        {
            throw new InvalidOperationException(Invariant($"the fill added {response.Added} units, not {units}."));
        }
    }

    private static async Task ClientAsync(ServerProcess server, int client, int units, ClientResults results, Func<bool> mayRun, CancellationToken stop)
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
            var operation = roll < 70 ? 0 : roll < 85 ? 1 : 2;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                switch (operation)
                {
                    case 0:
                        // Half the queries are stored sentences, half differ in the number (a near miss).
                        var i = random.Next(units);
                        var text = GeneratedTmx.Sentence(Memory, i).Tajik;
                        if (random.Next(2) == 0)
                        {
                            text = text.Replace(i.ToString(CultureInfo.InvariantCulture), (i + units).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                        }

                        await lookup.LookupAsync(new LookupRequest { Memory = Memory, Text = text }, cancellationToken: CancellationToken.None);
                        break;
                    case 1:
                        var paragraph = string.Join(' ', Enumerable.Range(0, 4).Select(_ => GeneratedTmx.Sentence(Memory, random.Next(units)).Tajik));
                        await segmentation.SegmentAsync(new SegmentRequest { Text = paragraph, Language = "tg" }, cancellationToken: CancellationToken.None);
                        break;
                    default:
                        var (tajik, english) = GeneratedTmx.Sentence(Invariant($"client{client}"), written++);
                        await writes.AddUnitAsync(
                            new AddUnitRequest { Memory = Memory, Unit = new TranslationUnit { Source = new Segment { Text = tajik }, Target = new Segment { Text = english } } },
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

    private static int Option(string[] args, string name, int fallback) => (int)Option(args, name, (long)fallback);

    private static long Option(string[] args, string name, long fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One client's figures, merged at the end (no sharing while running).</summary>
    private sealed class ClientResults
    {
        public List<double>[] Latencies { get; } = [[], [], []];

        public long[] Errors { get; } = new long[3];

        public List<string> FirstErrors { get; } = [];
    }
}
