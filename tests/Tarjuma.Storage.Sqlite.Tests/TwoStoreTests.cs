using Microsoft.Data.Sqlite;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// Two stores on one file, as a server and the command line are: the indexes of one follow the
/// other's writes through the change log; a held write lock gives a clear, retryable error; pruning
/// never makes a reader miss a change silently; a file that is not a database is refused.
/// </summary>
public sealed class TwoStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<string?> BestTargetAsync(IndexedMemoryStore store, string text)
    {
        var memory = (await store.FindMemoryAsync("tg-en"))!;
        var index = await store.GetIndexAsync(memory, MemorySide.Source);
        var hits = index.Search(MatchQuery.Plain(text));
        return hits.Count > 0 && hits[0].Score >= 100 ? hits[0].Target.Text : null;
    }

    [Fact]
    public async Task Index_of_one_store_follows_units_written_deleted_and_replaced_by_another()
    {
        using var server = new IndexedMemoryStore(SqliteMemoryStore.Open(_database.Options));
        using var cli = SqliteMemoryStore.Open(_database.Options);
        await server.CreateMemoryAsync(Memory());
        await server.AddUnitsAsync("tg-en", [Numbered(0)]);
        Assert.Equal(Numbered(0).Target.Text, await BestTargetAsync(server, Numbered(0).Source.Text));

        var added = await cli.AddUnitsAsync("tg-en", [Numbered(1)]);
        await cli.ImportAsync("tg-en", Stream(NumberedItems(3, 2)), new ImportOptions());
        Assert.Equal(Numbered(1).Target.Text, await BestTargetAsync(server, Numbered(1).Source.Text));
        Assert.Equal(Numbered(4).Target.Text, await BestTargetAsync(server, Numbered(4).Source.Text));

        var edited = (await cli.FindUnitAsync("tg-en", added[0].Id))! with { Target = SegmentText.Plain("Edited elsewhere.") };
        await cli.UpdateUnitAsync("tg-en", edited);
        Assert.Equal("Edited elsewhere.", await BestTargetAsync(server, Numbered(1).Source.Text));

        await cli.DeleteUnitAsync("tg-en", added[0].Id);
        Assert.Null(await BestTargetAsync(server, Numbered(1).Source.Text));

        // Delete and re-import under the same name: the old units must not answer any more.
        await cli.DeleteMemoryAsync("tg-en");
        await cli.ImportAsync("tg-en", Stream([ImportItem.Accept(Unit("Китоб дар хона аст.", "The book is at home."))]),
            new ImportOptions { CreateMemory = Memory() });
        Assert.Null(await BestTargetAsync(server, Numbered(0).Source.Text));
        Assert.Equal("The book is at home.", await BestTargetAsync(server, "Китоб дар хона аст."));
    }

    [Fact]
    public async Task Memory_version_moves_with_every_change_to_its_memory_from_either_store_and_never_comes_back()
    {
        using var server = new IndexedMemoryStore(SqliteMemoryStore.Open(_database.Options));
        using var cli = SqliteMemoryStore.Open(_database.Options);
        await server.CreateMemoryAsync(Memory());
        await server.CreateMemoryAsync(Memory("other"));
        var seen = new List<long> { await server.GetMemoryVersionAsync("tg-en") };
        async Task MovedAsync()
        {
            var version = await server.GetMemoryVersionAsync("tg-en");
            Assert.DoesNotContain(version, seen);
            seen.Add(version);
        }

        await server.AddUnitsAsync("tg-en", [Numbered(0)]);
        await MovedAsync();
        var added = await cli.AddUnitsAsync("tg-en", [Numbered(1)]);
        await MovedAsync();
        await cli.ImportAsync("tg-en", Stream(NumberedItems(3, 2)), new ImportOptions());
        await MovedAsync();
        await cli.UpdateUnitAsync("tg-en", (await cli.FindUnitAsync("tg-en", added[0].Id))! with { Target = SegmentText.Plain("Edited elsewhere.") });
        await MovedAsync();
        await cli.DeleteUnitAsync("tg-en", added[0].Id);
        await MovedAsync();

        // Another memory's writes leave it as it is (its feed stays 304).
        var before = await server.GetMemoryVersionAsync("tg-en");
        await cli.AddUnitsAsync("other", [Numbered(9)]);
        Assert.Equal(before, await server.GetMemoryVersionAsync("tg-en"));

        await cli.DeleteMemoryAsync("tg-en");
        await cli.CreateMemoryAsync(Memory());
        await MovedAsync();

        // Another process starts from its own position: at or past every version given for older content.
        using var restarted = new IndexedMemoryStore(SqliteMemoryStore.Open(_database.Options));
        Assert.True(await restarted.GetMemoryVersionAsync("tg-en") >= seen.Max());
    }

    [Fact]
    public async Task A_memory_deleted_and_created_again_by_another_process_is_looked_up_as_it_is_now()
    {
        // Lookups keep the memory row (issue #12); the change log must still reach them.
        using var server = new IndexedMemoryStore(SqliteMemoryStore.Open(_database.Options));
        using var cli = SqliteMemoryStore.Open(_database.Options);
        await server.CreateMemoryAsync(Memory());
        await server.AddUnitsAsync("tg-en", [Numbered(0)]);
        for (var i = 0; i < 3; i++)
        {
            // The first builds the index, the second keeps the row, the third is answered with it.
            var found = await MemoryLookup.LookupAsync(server, new LookupQuery("tg-en", Numbered(0).Source.Text), CancellationToken.None);
            Assert.Equal(Numbered(0).Target.Text, Assert.Single(found).Unit.Target.Text);
        }

        await cli.DeleteMemoryAsync("tg-en");
        var gone = await Assert.ThrowsAsync<TarjumaException>(
            () => MemoryLookup.LookupAsync(server, new LookupQuery("tg-en", Numbered(0).Source.Text), CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, gone.Kind);

        // Created again with the languages the other way round: the query's language now names the other side.
        await cli.CreateMemoryAsync(new NewMemory("tg-en", English, Tajik));
        await cli.AddUnitsAsync("tg-en", [Unit("Sentence number 7 in the file.", "Ҷумлаи рақами 7 дар файл.")]);
        var again = await MemoryLookup.LookupAsync(server, new LookupQuery("tg-en", "Ҷумлаи рақами 7 дар файл.", Tajik), CancellationToken.None);
        Assert.Equal("Sentence number 7 in the file.", Assert.Single(again).Unit.Target.Text);
    }

    [Fact]
    public async Task Reader_behind_the_pruned_log_is_told_and_rebuilds_instead_of_missing_changes()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var options = _database.Options with { ChangeRetention = TimeSpan.FromMinutes(10) };
        using var server = new IndexedMemoryStore(SqliteMemoryStore.Open(options, clock));
        using var cli = SqliteMemoryStore.Open(options, clock);
        await server.CreateMemoryAsync(Memory());
        await server.AddUnitsAsync("tg-en", [Numbered(0)]);
        Assert.NotNull(await BestTargetAsync(server, Numbered(0).Source.Text));
        var position = await cli.GetLatestChangeAsync();

        // Written while the reader looks away; an hour later another write prunes those entries.
        await cli.AddUnitsAsync("tg-en", [Numbered(1)]);
        clock.Now += TimeSpan.FromHours(1);
        await cli.AddUnitsAsync("tg-en", [Numbered(2)]);

        var page = await cli.ReadChangesAsync(position, 100);
        Assert.True(page.Truncated);
        Assert.Equal([ChangeKind.UnitUpserted], page.Changes.Select(change => change.Kind));
        Assert.False((await cli.ReadChangesAsync(page.Changes[0].Sequence, 100)).Truncated);
        Assert.Equal(Numbered(1).Target.Text, await BestTargetAsync(server, Numbered(1).Source.Text));
        Assert.Equal(Numbered(2).Target.Text, await BestTargetAsync(server, Numbered(2).Source.Text));
    }

    [Fact]
    public async Task Entries_within_the_retention_are_kept()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        using var store = SqliteMemoryStore.Open(_database.Options, clock);
        await store.CreateMemoryAsync(Memory());
        clock.Now += TimeSpan.FromMinutes(9);
        await store.AddUnitsAsync("tg-en", [Numbered(0)]);

        var page = await store.ReadChangesAsync(0, 100);

        Assert.False(page.Truncated);
        Assert.Equal([ChangeKind.MemoryCreated, ChangeKind.UnitUpserted], page.Changes.Select(change => change.Kind));
    }

    [Fact]
    public async Task Write_while_another_process_holds_the_lock_fails_as_unavailable_and_reads_go_on()
    {
        using (var setup = SqliteMemoryStore.Open(_database.Options))
        {
            await setup.CreateMemoryAsync(Memory());
        }

        using var holder = new SqliteConnection($"Data Source={_database.DatabasePath};Pooling=False");
        holder.Open();
        using var transaction = holder.BeginTransaction(deferred: false);

        // Opening and reading do not need the write lock (WAL): `memory list` works beside an import.
        using var store = SqliteMemoryStore.Open(_database.Options with { BusyTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.Single(await store.ListMemoriesAsync());
        var error = await Assert.ThrowsAsync<TarjumaException>(() => store.AddUnitsAsync("tg-en", [Numbered(0)]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("is busy: another process", error.Message, StringComparison.Ordinal);
        Assert.Contains("retry later", error.Message, StringComparison.Ordinal);
        transaction.Rollback();
        Assert.Single(await store.AddUnitsAsync("tg-en", [Numbered(0)]));
    }

    [Fact]
    public void A_tmx_file_or_a_folder_given_as_the_database_is_refused_and_left_alone()
    {
        Directory.CreateDirectory(_database.Folder);
        var tmx = Path.Combine(_database.Folder, "memory.tmx");
        var bytes = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\"/><body/></tmx>\n"u8.ToArray();
        File.WriteAllBytes(tmx, bytes);

        var notDatabase = Assert.Throws<TarjumaException>(() => SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = tmx }));
        var folder = Assert.Throws<TarjumaException>(() => SqliteMemoryStore.Open(new SqliteStoreOptions { DatabasePath = _database.Folder }));

        Assert.Equal((ErrorKind.FailedPrecondition, "database"), (notDatabase.Kind, notDatabase.Field));
        Assert.Contains("is not a Tarjuma database", notDatabase.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory, not a Tarjuma database", folder.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(tmx));
    }
}
