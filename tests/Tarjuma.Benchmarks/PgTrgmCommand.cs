using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>pg-trgm [--units 10000] [--queries 300] [--connection CS]</c>: the reference point, a
/// PostgreSQL trigram memory (pg_trgm GIN index, <c>%</c> with the default 0.3 threshold, the 10 most
/// similar re-scored by character Levenshtein ratio, as Weblate does) against our index on the same
/// units (the match-scale generator's memory) in the same run: time per query, and how many
/// unrelated Tajik sentences (UDHR, SDG) each scores 70 or more. Start a throwaway server with
/// <c>tests/Tarjuma.Benchmarks/start-postgres.sh</c>.
/// </summary>
internal sealed class PgTrgmCommand : IBenchmarkCommand
{
    private const string DefaultConnection = "Host=/tmp;Port=5433;Username=postgres;Database=postgres";

    public string Name => "pg-trgm";

    public string Description => "compare with a PostgreSQL pg_trgm memory (start-postgres.sh): time per query and unrelated matches >= 70";

    public async Task<int> RunAsync(string[] args)
    {
        var units = CommandArgs.Int(args, "--units", 10_000);
        var queryCount = CommandArgs.Int(args, "--queries", 300);
        var connectionString = CommandArgs.Text(args, "--connection") ?? DefaultConnection;
        var root = MatchingData.Root();
        if (root is null)
        {
            Console.Error.WriteLine("../shared/data not found (set TARJUMA_SHARED_DATA).");
            return 1;
        }

        var generator = new MatchingMemoryGenerator(MatchingMemoryGenerator.LoadBase(root));
        var memory = generator.Generate(units).ToList();
        var (longQueries, _) = MatchingScaleCommand.Queries(MatchingData.NtrexPairs(root));
        var queries = longQueries.Take(queryCount).Select(q => q.Text.Text).ToList();
        // The UDHR only: the generator's memory is built from SDG strings too, so those are not unrelated here.
        var unrelated = File.ReadLines(Path.Combine(root, "udhr", "udhr_tgk.units.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f.Length > 3).Select(f => f[3].Trim())
            .Where(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3)
            .Distinct(StringComparer.Ordinal).Take(queryCount).ToList();

        await using var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var probe = await source.OpenConnectionAsync();
        }
        catch (NpgsqlException exception)
        {
            Console.Error
                .WriteLine($"no PostgreSQL at '{connectionString}' ({exception.Message}); start one with tests/Tarjuma.Benchmarks/start-postgres.sh or "
                    + $"pass --connection.");
            return 1;
        }

        var load = Stopwatch.StartNew();
        await LoadAsync(source, memory);
        Console.WriteLine(Invariant($"PostgreSQL: {units:N0} units loaded and GIN-indexed in {load.Elapsed.TotalSeconds:F1} s"));

        using var index = new MemoryIndex(LanguageTag.Parse("tg", "language"), LanguageTag.Parse("en", "language"), MemorySide.Source);
        foreach (var unit in memory)
        {
            index.Add(unit);
        }

        await using var connection = await source.OpenConnectionAsync();
        var options = new MatchOptions { MinScore = 70 };

        // Warm both up, then time them on the same queries.
        foreach (var query in queries.Take(20))
        {
            await TrigramBestAsync(connection, query);
            index.Search(MatchQuery.Plain(query), options);
        }

        var (pgMs, pgHits) = await TimeAsync(queries, async q => await TrigramBestAsync(connection, q) >= 70);
        var (ourMs, ourHits) = await TimeAsync(queries, q => Task.FromResult(index.Search(MatchQuery.Plain(q), options).Count > 0));
        var pgUnrelated = 0;
        var ourUnrelated = 0;
        foreach (var sentence in unrelated)
        {
            pgUnrelated += await TrigramBestAsync(connection, sentence) >= 70 ? 1 : 0;
            ourUnrelated += index.Search(MatchQuery.Plain(sentence), options).Count > 0 ? 1 : 0;
        }

        Console.WriteLine(Invariant(
            $"per query ({queries.Count} edited NTREX sentences): pg_trgm + Levenshtein {pgMs:F2} ms, Tarjuma index {ourMs:F3} ms: ratio {pgMs / ourMs:F0}x"));
        Console.WriteLine(Invariant($"queries with a match >= 70: pg_trgm {pgHits}/{queries.Count}, Tarjuma {ourHits}/{queries.Count}"));
        Console.WriteLine(Invariant($"unrelated Tajik sentences (UDHR) scoring >= 70: pg_trgm + Levenshtein {pgUnrelated}/{unrelated.Count} ")
            + Invariant($"= {100.0 * pgUnrelated / unrelated.Count:F1} %, ")
            + Invariant($"Tarjuma {ourUnrelated}/{unrelated.Count} = {100.0 * ourUnrelated / unrelated.Count:F1} %"));
        return 0;
    }

    private static async Task LoadAsync(NpgsqlDataSource source, List<TranslationUnit> memory)
    {
        await using var connection = await source.OpenConnectionAsync();
        await Execute(connection,
            "CREATE EXTENSION IF NOT EXISTS pg_trgm; DROP TABLE IF EXISTS tarjuma_trgm; CREATE TABLE tarjuma_trgm (id bigint PRIMARY KEY, source text NOT "
                + "NULL, target text NOT NULL);");
        await using (var writer = await connection.BeginBinaryImportAsync("COPY tarjuma_trgm (id, source, target) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var unit in memory)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(unit.Id, NpgsqlDbType.Bigint);
                await writer.WriteAsync(unit.Source.Text, NpgsqlDbType.Text);
                await writer.WriteAsync(unit.Target.Text, NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await Execute(connection, "CREATE INDEX tarjuma_trgm_source ON tarjuma_trgm USING gin (source gin_trgm_ops); ANALYZE tarjuma_trgm;");
    }

    /// <summary>The best Levenshtein ratio (0–100) among the 10 units most trigram-similar to <paramref name="query"/>; 0 when none passes <c>%</c>.</summary>
    private static async Task<int> TrigramBestAsync(NpgsqlConnection connection, string query)
    {
        await using var command = new NpgsqlCommand("SELECT source FROM tarjuma_trgm WHERE source % $1 ORDER BY similarity(source, $1) DESC LIMIT 10",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = query });
        await using var reader = await command.ExecuteReaderAsync();
        var best = 0;
        while (await reader.ReadAsync())
        {
            best = Math.Max(best, LevenshteinRatio(query, reader.GetString(0)));
        }

        return best;
    }

    /// <summary>100·(1 − distance / max length) over characters, case-folded.</summary>
    private static int LevenshteinRatio(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 100 : (int)Math.Floor(100.0 * (1 - ((double)previous[b.Length] / longest)));
    }

    private static async Task<(double MeanMs, int Hits)> TimeAsync(List<string> queries, Func<string, Task<bool>> run)
    {
        var hits = 0;
        var clock = Stopwatch.StartNew();
        foreach (var query in queries)
        {
            hits += await run(query) ? 1 : 0;
        }

        return (clock.Elapsed.TotalMilliseconds / queries.Count, hits);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
