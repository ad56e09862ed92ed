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
