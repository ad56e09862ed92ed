using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// An import into an empty memory drops the <c>units</c> indexes once past the threshold and builds
/// them again before it commits (issue #12): the result must be the same database as a plain import.
/// </summary>
public sealed class BulkLoadTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    private SqliteStoreOptions Options(int threshold) => _database.Options with { BulkLoadMinUnits = threshold };

    /// <summary>Items 0–29, repeats of 0–4 (before the indexes go), 30–99, repeats of 60–69 (after).</summary>
    private static IEnumerable<ImportItem> WithRepeats() =>
        NumberedItems(30).Concat(NumberedItems(5)).Concat(NumberedItems(70, 30)).Concat(NumberedItems(10, 60));

    [Fact]
    public async Task Bulk_import_merges_repeats_and_ends_with_every_index_as_before()
    {
        using var store = SqliteMemoryStore.Open(Options(threshold: 50));
        await store.CreateMemoryAsync(Memory("other"));
        await store.ImportAsync("other", Stream(NumberedItems(20, 1_000)), new ImportOptions());
        var before = Indexes(store);

        var summary = await store.ImportAsync("tg-en", Stream(WithRepeats()), new ImportOptions { CreateMemory = Memory() });

        Assert.Equal((115L, 100L, 15L), (summary.Read, summary.Added, summary.Updated));
        Assert.Equal(before, Indexes(store));
        using (var connection = store.OpenConnection())
        {
            Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check;"));

            // The pooled connection the import used (the pool's only idle one) has its sorting threads and cache back.
            Assert.Equal(("0", "-2000"), (Scalar(connection, "PRAGMA threads;"), Scalar(connection, "PRAGMA cache_size;")));
        }

        // Exact lookups go through the rebuilt hash indexes.
        var found = await store.FindExactAsync("tg-en", MemorySide.Source, Numbered(65).Source.Text);
        Assert.Equal(Numbered(65).Target.Text, Assert.Single(found).Target.Text);
        Assert.Equal(100, (await store.FindMemoryAsync("tg-en"))!.UnitCount);

        // A later import into the now non-empty memory still finds its duplicates (by the pair index).
        var again = await store.ImportAsync("tg-en", Stream(NumberedItems(3, 97).Concat(NumberedItems(2, 100))), new ImportOptions());
        Assert.Equal((3L, 2L), (again.Updated, again.Added));
    }

    [Fact]
    public async Task Failed_bulk_import_leaves_no_memory_and_the_indexes_as_they_were()
    {
        using var store = SqliteMemoryStore.Open(Options(threshold: 10));
        var before = Indexes(store);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.ImportAsync(
            "tg-en", StreamThen(NumberedItems(100), 60, () => throw new InvalidDataException("broken")), new ImportOptions { CreateMemory = Memory() }));

        Assert.Equal(before, Indexes(store));
        Assert.Null(await store.FindMemoryAsync("tg-en"));
        using var connection = store.OpenConnection();
        Assert.Equal("0", Scalar(connection, "SELECT COUNT(*) FROM units;"));
    }

    [Fact]
    public async Task Import_below_the_other_memories_size_keeps_the_indexes()
    {
        // 30 units into an empty memory beside 40 others: rebuilding would cost more than it saves.
        using var store = SqliteMemoryStore.Open(Options(threshold: 10));
        await store.CreateMemoryAsync(Memory("other"));
        await store.ImportAsync("other", Stream(NumberedItems(40, 1_000)), new ImportOptions());
        using var connection = store.OpenConnection();
        var schema = Scalar(connection, "PRAGMA schema_version;");

        await store.ImportAsync("tg-en", Stream(NumberedItems(30)), new ImportOptions { CreateMemory = Memory() });

        // Dropping an index and creating it again would have moved the schema cookie.
        Assert.Equal(schema, Scalar(connection, "PRAGMA schema_version;"));
    }

    [Fact]
    public async Task Bulk_and_plain_imports_into_an_empty_memory_store_the_same_rows()
    {
        // Repeats before and after the indexes go, decomposed text (NFC), a store-refused unit and a reader's rejection.
        var items = WithRepeats()
            .Append(ImportItem.Accept(Unit("Зиндаги\u0304 хуш", "Life is good")))
            .Append(ImportItem.Accept(Unit("Зиндагӣ хуш", "Life is good")))
            .Append(ImportItem.Accept(Unit("   ", "Empty source")))
            .Append(ImportItem.Reject(new ImportRejection(7, 3, "broken <tu>")))
            .ToList();
        using var other = new TempDatabase();
        var dumps = new List<List<string>>();
        var summaries = new List<ImportSummary>();
        foreach (var options in new[] { Options(threshold: 1), other.Options with { BulkLoadMinUnits = int.MaxValue } })
        {
            using var store = SqliteMemoryStore.Open(options);
            summaries.Add(await store.ImportAsync("tg-en", Stream(items), new ImportOptions { CreateMemory = Memory(), SkipInvalid = true }));
            dumps.Add(Dump(store));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal((119L, 101L, 16L, 2L), (summaries[0].Read, summaries[0].Added, summaries[0].Updated, summaries[0].RejectedCount));
        Assert.Equal(summaries[1].Rejected, summaries[0].Rejected);
        Assert.Equal((summaries[1].Read, summaries[1].Added, summaries[1].Updated), (summaries[0].Read, summaries[0].Added, summaries[0].Updated));
        Assert.Equal(101, dumps[0].Count);
        Assert.Equal(dumps[1], dumps[0]);
    }

    /// <summary>Every stored column of every unit but the import's own clock readings, in id order.</summary>
    private static List<string> Dump(SqliteMemoryStore store)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, memory_id, source_text, source_tags, target_text, target_tags, source_hash, target_hash, pair_hash, prev_source, "
            + "next_source, external_id, props, notes, created_by, changed_by, usage_count, last_used_at FROM units ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    private static List<string> Indexes(SqliteMemoryStore store)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND sql IS NOT NULL ORDER BY name;";
        using var reader = command.ExecuteReader();
        var indexes = new List<string>();
        while (reader.Read())
        {
            indexes.Add(reader.GetString(0));
        }

        Assert.NotEmpty(indexes);
        return indexes;
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
