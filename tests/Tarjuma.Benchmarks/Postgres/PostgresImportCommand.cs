using System.Diagnostics;
using System.Globalization;
using Tarjuma.Benchmarks.Postgres;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Tmx;
using Tarjuma.Storage.Postgres;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>import-pg [N] [ROUNDS]</c>: the same synthetic N-unit TMX (default 1,000,000; <see cref="SyntheticTmx"/>,
/// 5% duplicates) imported into a fresh SQLite file and a fresh PostgreSQL schema (TARJUMA_BENCH_POSTGRES)
/// through the import flow the server and the CLI use, alternating stores for ROUNDS rounds (default 2)
/// so machine noise hits both. Prints units/s per run and the PostgreSQL / SQLite ratio, a parse-only baseline, and
/// the CPU each import took in this process (parsing and the store's client side) and in PostgreSQL's server processes.
/// </summary>
internal sealed class PostgresImportCommand : IBenchmarkCommand
{
    public string Name => "import-pg";

    public string Description => "TMX import rate into PostgreSQL beside SQLite, same file, alternating (N units, default 1,000,000)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var folder = Path.Combine(Path.GetTempPath(), "tarjuma-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var tmx = Path.Combine(folder, "bench.tmx");
            await SyntheticTmx.WriteAsync(tmx, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} units, {new FileInfo(tmx).Length / 1048576.0:F1} MiB; load average {Load()}"));
            // Parse-only baseline: the TMX reader alone, what any store's import waits for at best.
            var parseCpu = CpuTime.OfThisProcess();
            var parse = Stopwatch.StartNew();
            long parsed = 0;
            await using (var stream = File.OpenRead(tmx))
            {
                await foreach (var item in TmxReader.ReadAsync(stream, new TmxReadOptions(LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")),
                    CancellationToken.None))
                {
                    parsed += item.Unit is null ? 0 : 1;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  parse only {parsed:N0} units in {parse.Elapsed.TotalSeconds:F1} s = {parsed / parse.Elapsed.TotalSeconds:N0} units/s, "
                + $"CPU {(CpuTime.OfThisProcess() - parseCpu).TotalSeconds:F1} s"));
            var sqliteRates = new List<double>();
            var postgresRates = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var sqlitePath = Path.Combine(folder, $"bench-{round}.db");
                using (var sqlite = SqliteStore.Open(new SqliteStoreOptions { DatabasePath = sqlitePath }))
                {
                    sqliteRates.Add(await ImportAsync("SQLite", sqlite.Memories, tmx));
                }

                File.Delete(sqlitePath);
                await using var schema = await BenchSchema.CreateAsync();
                if (schema is null)
                {
                    return 2;
                }

                using var postgres = PostgresStore.Open(new PostgresStoreOptions { ConnectionString = schema.ConnectionString });
                postgresRates.Add(await ImportAsync("PostgreSQL", postgres.Memories, tmx));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SQLite {sqliteRates.Min():N0}–{sqliteRates.Max():N0} units/s; PostgreSQL {postgresRates.Min():N0}–{postgresRates.Max():N0} units/s; "
                + $"PostgreSQL / SQLite (best runs) {postgresRates.Max() / sqliteRates.Max():F2}; load average {Load()}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> ImportAsync(string label, IMemoryStore store, string tmx)
    {
        var (clientCpu, serverCpu) = (CpuTime.OfThisProcess(), CpuTime.OfPostgresServers());
        var stopwatch = Stopwatch.StartNew();
        TmxImportResult result;
        await using (var stream = File.OpenRead(tmx))
        {
            result = await TmxExchange.ImportAsync(store, new TmxImportRequest("bench", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")), stream,
                null, CancellationToken.None);
        }

        var rate = result.Summary.Read / stopwatch.Elapsed.TotalSeconds;
        (clientCpu, serverCpu) = (CpuTime.OfThisProcess() - clientCpu, CpuTime.OfPostgresServers() - serverCpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-10} {result.Summary.Read:N0} read, {result.Summary.Added:N0} added, {result.Summary.Updated:N0} merged "
                + $"in {stopwatch.Elapsed.TotalSeconds:F1} s = {rate:N0} units/s; CPU: this process (parse + store client) "
                + $"{clientCpu.TotalSeconds:F1} s, PostgreSQL server processes {serverCpu.TotalSeconds:F1} s"));
        return rate;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
