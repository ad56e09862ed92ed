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
