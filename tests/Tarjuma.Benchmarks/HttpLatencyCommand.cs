using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Tarjuma.Protos.V1;
using Tarjuma.Reliability.Tests;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>http-latency [--units 100000] [--memory realistic|uniform] [--queries 500] [--rounds 3] [--warmup 200]</c>:
/// the latency of one lookup through each protocol against plain gRPC, on the same memory in the
/// same real server process (<c>tarjuma serve</c>), one call at a time. Each query is sent through
/// every protocol back to back, in an order that rotates per query, so load on the shared machine
/// falls on all of them alike. Protocols: gRPC (HTTP/2), REST (JSON transcoding) and gRPC-Web over
/// HTTP/1.1 on a second listener (what browsers and plain HTTP clients use), and REST over HTTP/2 on
/// the gRPC port. Prints p50/p99 per protocol and round, the p50 added over gRPC, and whether every
/// protocol stayed within <c>--target-ms</c> (1) of gRPC at p50; exits 1 when not, or when two
/// protocols gave different answers.
/// </summary>
internal sealed class HttpLatencyCommand : IBenchmarkCommand
{
    private static readonly string[] Protocols = ["grpc", "rest/1.1", "grpc-web/1.1", "rest/h2"];

    public string Name => "http-latency";

    public string Description => "one lookup over REST and gRPC-Web vs gRPC, real server process; --units --queries --rounds";

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 100_000);
        var queries = CommandArgs.Int(args, "--queries", 500);
        var rounds = CommandArgs.Int(args, "--rounds", 3);
        var warmup = CommandArgs.Int(args, "--warmup", 200);
        var target = CommandArgs.Int(args, "--target-ms", 1);
        var workload = LoadCommand.Workload.Create(CommandArgs.Text(args, "--memory"), units);
        if (workload is null)
        {
            return 1;
        }

        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-http-latency", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // ServerProcess serves plain HTTP/1.1 (REST, gRPC-Web) on its --http-urls port.
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "latency.db"));
            var fill = Stopwatch.StartNew();
            await LoadCommand.FillAsync(server, workload);
            Console.WriteLine(Invariant($"filled '{LoadCommand.Memory}' with {units:N0} units ({workload.Name} memory) in {fill.Elapsed.TotalSeconds:F1} s"));

            using var clients = new Clients(server, server.Port, server.HttpPort);
            var random = new Random(7);
            var texts = Enumerable.Range(0, queries).Select(_ => workload.Query(random)).ToArray();
            var mismatches = 0;
            foreach (var text in texts.Take(warmup))
            {
                await clients.WarmAsync(text);
            }

            var addedP50 = Protocols.Skip(1).ToDictionary(p => p, _ => new List<double>(), StringComparer.Ordinal);
            for (var round = 1; round <= rounds; round++)
            {
                var latencies = Protocols.Select(_ => new List<double>(queries)).ToArray();
                for (var q = 0; q < texts.Length; q++)
                {
                    var answers = new string[Protocols.Length];
                    for (var k = 0; k < Protocols.Length; k++)
                    {
                        var protocol = (q + k + round) % Protocols.Length;
                        var stopwatch = Stopwatch.StartNew();
                        answers[protocol] = await clients.LookupAsync(protocol, texts[q]);
                        latencies[protocol].Add(stopwatch.Elapsed.TotalMilliseconds);
                    }

                    mismatches += answers.Distinct(StringComparer.Ordinal).Count() == 1 ? 0 : 1;
                }

                var sorted = latencies.Select(l => l.Order().ToArray()).ToArray();
                var grpcP50 = Percentile(sorted[0], 0.50);
                Console.WriteLine(Invariant($"round {round}: {queries} lookups per protocol, one at a time"));
                Console.WriteLine("protocol        p50 ms   p99 ms   p50 - gRPC   p50 / gRPC   paired median - gRPC");
                for (var p = 0; p < Protocols.Length; p++)
                {
                    var p50 = Percentile(sorted[p], 0.50);
                    // The same query's latency minus gRPC's, taken moments apart: less exposed to the machine's load swings.
                    var paired = Percentile([.. latencies[p].Zip(latencies[0], (a, b) => a - b).Order()], 0.50);
                    Console.WriteLine(Invariant(
                        $"{Protocols[p],-14} {p50,7:F3} {Percentile(sorted[p], 0.99),8:F3} ") + Invariant(
                        $"{p50 - grpcP50,12:+0.000;-0.000} {p50 / grpcP50,12:F2} {paired,22:+0.000;-0.000}"));
                    if (p > 0)
                    {
                        addedP50[Protocols[p]].Add(p50 - grpcP50);
                    }
                }
            }

            Console.WriteLine(Invariant($"answers that differed between protocols: {mismatches} (0 expected)"));
            var met = mismatches == 0;
            foreach (var (protocol, added) in addedP50)
            {
                var median = added.Order().ElementAt(added.Count / 2);
                met &= median <= target;
                Console.WriteLine(Invariant($"{protocol}: p50 added over gRPC {added.Min():+0.000;-0.000} to {added.Max():+0.000;-0.000} ms over ") +
                    Invariant($"{added.Count} rounds (median {median:+0.000;-0.000}; target <= {target} ms)"));
            }

            Console.WriteLine($"target: {(met ? "met" : "NOT met")}");
            return met ? 0 : 1;
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

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One client per protocol, each with its own connection, as a user of that protocol would have.</summary>
    private sealed class Clients : IDisposable
    {
        private static readonly Uri LookupPath = new($"/v1/memories/{LoadCommand.Memory}:lookup", UriKind.Relative);

        private readonly LookupService.LookupServiceClient _grpc;
        private readonly HttpClient _rest;
        private readonly HttpClient _restH2;
        private readonly GrpcChannel _webChannel;
        private readonly LookupService.LookupServiceClient _web;

        public Clients(ServerProcess server, int grpcPort, int httpPort)
        {
            _grpc = new LookupService.LookupServiceClient(server.Channel);
            _rest = new HttpClient { BaseAddress = new Uri(Invariant($"http://127.0.0.1:{httpPort}")), DefaultRequestVersion = HttpVersion.Version11 };
            _restH2 = new HttpClient
            {
                BaseAddress = new Uri(Invariant($"http://127.0.0.1:{grpcPort}")),
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            _webChannel = GrpcChannel.ForAddress(Invariant($"http://127.0.0.1:{httpPort}"), new GrpcChannelOptions
            {
                HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new SocketsHttpHandler()),
                HttpVersion = HttpVersion.Version11,
                HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            });
            _web = new LookupService.LookupServiceClient(_webChannel);
        }

        /// <summary>The answer as "score:target|…", to compare protocols.</summary>
        public async Task<string> LookupAsync(int protocol, string text) => protocol switch
        {
            0 => Summary(await _grpc.LookupAsync(new LookupRequest { Memory = LoadCommand.Memory, Text = text })),
            1 => await RestAsync(_rest, text),
            2 => Summary(await _web.LookupAsync(new LookupRequest { Memory = LoadCommand.Memory, Text = text })),
            _ => await RestAsync(_restH2, text),
        };

        public async Task WarmAsync(string text)
        {
            for (var p = 0; p < Protocols.Length; p++)
            {
                await LookupAsync(p, text);
            }
        }

        public void Dispose()
        {
            _rest.Dispose();
            _restH2.Dispose();
            _webChannel.Dispose();
        }

        private static string Summary(LookupResponse response) =>
            string.Join('|', response.Matches.Select(m => Invariant($"{m.Score}:{m.Suggestion.Text}")));

        private static async Task<string> RestAsync(HttpClient http, string text)
        {
            using var content = new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(LookupPath, content);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"REST lookup failed: {(int)response.StatusCode} {body}");
            }

            // Parsed, as a client would: the JSON work is part of what REST costs.
            using var json = JsonDocument.Parse(body);
            return string.Join('|', json.RootElement.GetProperty("matches").EnumerateArray()
                .Select(m => Invariant($"{m.GetProperty("score").GetInt32()}:{m.GetProperty("suggestion").GetProperty("text").GetString()}")));
        }
    }
}
