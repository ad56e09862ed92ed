using System.Diagnostics;
using System.Globalization;
using Tarjuma.Benchmarks.Postgres;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;
using Tarjuma.Storage.Postgres;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>replica-lookup [N] [Q]</c>: the same N-unit memory (default 100,000, <see cref="SyntheticTmx"/>) in a SQLite
/// file and a PostgreSQL schema, each served by a <c>tarjuma serve</c> process; Q fuzzy lookups (default 2,000:
/// a stored sentence with a word added) sent alternately to both over gRPC. Prints p50/p99 per store and their
/// ratio (the index is in memory, so they should match), and the bytes of managed heap a replica's index holds
/// per unit (in-process, after a full GC).
/// </summary>
internal sealed class ReplicaLookupCommand : IBenchmarkCommand
{
    public string Name => "replica-lookup";

    public string Description => "Lookup latency: PostgreSQL-backed replica vs SQLite-backed server, same memory; index bytes per unit";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var schema = await BenchSchema.CreateAsync();
        if (schema is null)
        {
            return 2;
        }

        try
        {
            var tmx = Path.Combine(folder, "bench.tmx");
            var database = Path.Combine(folder, "bench.db");
            await SyntheticTmx.WriteAsync(tmx, count);
            var request = new TmxImportRequest("news", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t"));
            using (var sqlite = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = database }))
            await using (var stream = File.OpenRead(tmx))
            {
                await TmxExchange.ImportAsync(sqlite.Memories, request, stream, null, CancellationToken.None);
            }

            List<string> sources;
            using (var postgres = PostgresStore.Open(new PostgresStoreOptions { ConnectionString = schema.ConnectionString }))
            {
                await using (var stream = File.OpenRead(tmx))
                {
                    await TmxExchange.ImportAsync(postgres.Memories, request, stream, null, CancellationToken.None);
                }

                sources = (await postgres.Memories.ListUnitsAsync("news", 0, queries)).Select(u => u.Source.Text).ToList();
                var before = GC.GetTotalMemory(forceFullCollection: true);
                using var indexed = new IndexedMemoryStore(postgres.Memories);
                await indexed.WarmUpAsync();
                var after = GC.GetTotalMemory(forceFullCollection: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"a replica's source index: {(after - before) / 1048576.0:F1} MiB managed heap for {count:N0} units "
                        + $"= {(after - before) / (double)count:F0} bytes/unit"));
                GC.KeepAlive(indexed);
            }

            var (sqliteServer, _) = await ServeProcess.StartAsync("--db", database);
            await using var sqliteServed = sqliteServer;
            var (postgresServer, _) = await ServeProcess.StartAsync("--store", "postgres", "--connection", schema.ConnectionString);
            await using var postgresServed = postgresServer;
            var onSqlite = new List<double>();
            var onPostgres = new List<double>();
            for (var i = 0; i < sources.Count; i++)
            {
                var text = sources[i].TrimEnd('.') + " имрӯз.";
                // Alternate which goes first, so neither always meets a warmer machine.
                var (first, firstTimes, second, secondTimes) = i % 2 == 0
                    ? (sqliteServer, onSqlite, postgresServer, onPostgres)
                    : (postgresServer, onPostgres, sqliteServer, onSqlite);
                firstTimes.Add(await TimeAsync(first, text));
                secondTimes.Add(await TimeAsync(second, text));
            }

            Console.WriteLine("SQLite-backed server:      " + Percentiles.Describe(onSqlite));
            Console.WriteLine("PostgreSQL-backed replica: " + Percentiles.Describe(onPostgres));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL / SQLite p50 ratio {onPostgres[onPostgres.Count / 2] / onSqlite[onSqlite.Count / 2]:F2}; load "
                    + $"average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(ServeProcess server, string text)
    {
        var started = Stopwatch.GetTimestamp();
        await server.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = text });
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
