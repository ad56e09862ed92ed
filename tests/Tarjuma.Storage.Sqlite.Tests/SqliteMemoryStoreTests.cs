using Microsoft.Data.Sqlite;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>What the SQLite store promises beyond the contract: settings, files, integrity.</summary>
public sealed class SqliteMemoryStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Indexed_store_compacts_an_index_once_updates_have_doubled_it_and_keeps_finding_the_current_text()
    {
        using var store = new Core.Lookup.IndexedMemoryStore(SqliteMemoryStore.Open(_database.Options)) { CompactionMinimum = 10 };
        var memory = await store.CreateMemoryAsync(new Core.Model.NewMemory("tm", Core.Model.LanguageTag.Parse("tg", "l"), Core.Model.LanguageTag.Parse("en",
            "l")));
        var ids = (await store.AddUnitsAsync("tm", [.. Enumerable.Range(0, 12).Select(Numbered)])).Select(r => r.Id).ToArray();
        var index = await store.GetIndexAsync(memory, Core.Model.MemorySide.Source);

        for (var round = 1; round <= 2; round++)
        {
            foreach (var id in ids)
            {
                var unit = (await store.FindUnitAsync("tm", id))!;
                await store.UpdateUnitAsync("tm", unit with { Target = Core.Model.SegmentText.Plain($"{unit.Target.Text} {round}") });
            }
        }

        var current = await store.GetIndexAsync(memory, Core.Model.MemorySide.Source);
        Assert.NotSame(index, current);
        Assert.InRange(current.DeadCount, 0, 11);
        Assert.Equal(12, current.Count);
        var unit0 = (await store.FindUnitAsync("tm", ids[0]))!;
        var hit = current.Search(Core.Matching.MatchQuery.Plain(unit0.Source.Text))[0];
        Assert.Equal((ids[0], unit0.Target.Text), (hit.UnitId, hit.Target.Text));
        Assert.EndsWith(" 2", hit.Target.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_creates_the_folder_and_the_file()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(_database.DatabasePath)));

        using var store = SqliteMemoryStore.Open(_database.Options);

        Assert.True(File.Exists(_database.DatabasePath));
    }

    [Fact]
    public void Connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout()
    {
        using var store = SqliteMemoryStore.Open(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(3) });
        using var connection = store.OpenConnection();

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", Scalar(connection, "PRAGMA synchronous;")); // 2 = FULL
        Assert.Equal("1", Scalar(connection, "PRAGMA foreign_keys;"));
        Assert.Equal("3000", Scalar(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public void Pooled_and_new_connections_alike_have_the_connection_settings()
    {
        // The settings run once per SQLite connection (issue #12): a pooled reopen keeps them, a connection the pool opens anew gets them.
        using var store = SqliteMemoryStore.Open(_database.Options with { BusyTimeout = TimeSpan.FromSeconds(3) });
        using (var first = store.OpenConnection())
        {
            using var second = store.OpenConnection();
            Assert.NotSame(first.Handle, second.Handle);
            Assert.Equal(["2", "1", "3000"], Settings(second));
        }

        for (var i = 0; i < 3; i++)
        {
            using var reopened = store.OpenConnection();
            Assert.Equal(["2", "1", "3000"], Settings(reopened));
        }

        using (var any = store.OpenConnection())
        {
            SqliteConnection.ClearPool(any);
        }

        using var fresh = store.OpenConnection();
        Assert.Equal(["2", "1", "3000"], Settings(fresh));

        static string[] Settings(SqliteConnection connection) =>
            [Scalar(connection, "PRAGMA synchronous;"), Scalar(connection, "PRAGMA foreign_keys;"), Scalar(connection, "PRAGMA busy_timeout;")];
    }

    [Fact]
    public void Default_path_is_data_tarjuma_db_under_the_given_or_current_folder()
    {
        Assert.Equal(Path.GetFullPath(Path.Combine("/srv/tarjuma", "data", "tarjuma.db")), SqliteStoreOptions.DefaultDatabasePath("/srv/tarjuma"));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "tarjuma.db"), SqliteStoreOptions.DefaultDatabasePath());
        Assert.Equal(SqliteStoreOptions.DefaultDatabasePath(), SqliteStoreOptions.Default().DatabasePath);
    }

    [Fact]
    public async Task Database_is_intact_and_counts_agree_after_imports_edits_and_a_rollback()
    {
        using var store = SqliteMemoryStore.Open(_database.Options);
        await store.CreateMemoryAsync(Memory());
        await store.CreateMemoryAsync(Memory("other"));
        await store.ImportAsync("tg-en", Stream(NumberedItems(3_000).Concat(NumberedItems(500, 100))), new ImportOptions { BatchSize = 250 });
        await store.ImportAsync("other", Stream(NumberedItems(200)), new ImportOptions());
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            store.ImportAsync("tg-en", StreamThen(NumberedItems(100, 5_000), 50, () => throw new InvalidDataException("broken")), new ImportOptions()));
        var page = await store.ListUnitsAsync("tg-en", 0, 10);
        await store.DeleteUnitAsync("tg-en", page[0].Id);
        await store.UpdateUnitAsync("tg-en", page[1] with { Target = Core.Model.SegmentText.Plain("Edited.") });
        await store.DeleteMemoryAsync("other");

        using var connection = store.OpenConnection();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check;"));
        Assert.Equal(string.Empty, Scalar(connection, "PRAGMA foreign_key_check;"));
        Assert.Equal("2999", Scalar(connection, "SELECT COUNT(*) FROM units;"));
        Assert.Equal("2999", Scalar(connection, "SELECT unit_count FROM memories WHERE name = 'tg-en';"));
        Assert.Equal(2_999, (await store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [Fact]
    public async Task Two_stores_on_one_file_write_concurrently_without_failing()
    {
        // As the server and the CLI would: two processes' worth of connections, SQLite's own locking between them.
        using var first = SqliteMemoryStore.Open(_database.Options);
        using var second = SqliteMemoryStore.Open(_database.Options);
        await first.CreateMemoryAsync(Memory());

        await Task.WhenAll(
            Task.Run(() => first.ImportAsync("tg-en", Stream(NumberedItems(400)), new ImportOptions())),
            Task.Run(async () =>
            {
                for (var i = 0; i < 40; i++)
                {
                    await second.AddUnitsAsync("tg-en", [Numbered(10_000 + i)]);
                }
            }));

        Assert.Equal(440, (await second.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [Fact]
    public void Disposed_store_refuses_calls()
    {
        var store = SqliteMemoryStore.Open(_database.Options);
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.OpenConnection());
    }
}
