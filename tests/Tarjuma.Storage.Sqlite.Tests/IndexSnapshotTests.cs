using System.Text;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// Index snapshots (issue #12, restarts): a restart reads a valid snapshot and applies the change log
/// written since; a corrupt, truncated, stale, foreign or old-version file is rebuilt from the store,
/// and the answers are always those of an index built from the store.
/// </summary>
public sealed class IndexSnapshotTests : IDisposable
{
    private const int Units = 300;
    private readonly TempDatabase _database = new();

    private string Snapshots => Path.Combine(_database.Folder, "indexes");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public async Task A_restart_reads_the_snapshot_and_answers_as_a_fresh_build()
    {
        await FillAndSnapshotAsync();
        using var restarted = Open();
        await AssertAnswersAsBuiltAsync(restarted);
        Assert.Equal(1, restarted.SnapshotsLoaded);
        Assert.Equal(0, restarted.SnapshotsRejected);
    }

    [Fact]
    public async Task Writes_made_after_the_snapshot_are_applied_from_the_change_log()
    {
        await FillAndSnapshotAsync();

        // Another process writes while no server runs: an add, an import, an edit and a deletion.
        using (var cli = SqliteMemoryStore.Open(_database.Options))
        {
            await cli.AddUnitsAsync("tg-en", [Unit("Ин ҷумлаи нав пас аз акс илова шуд.", "Added after the snapshot.")]);
            await cli.ImportAsync("tg-en", Stream(NumberedItems(20, 5_000)), new ImportOptions());
            var first = (await cli.ListUnitsAsync("tg-en", 0, 1))[0];
            await cli.UpdateUnitAsync("tg-en", first with { Target = SegmentText.Plain("Edited after the snapshot.") });
            var second = (await cli.ListUnitsAsync("tg-en", first.Id, 1))[0];
            await cli.DeleteUnitAsync("tg-en", second.Id);
        }

        using var restarted = Open();
        await AssertAnswersAsBuiltAsync(restarted);
        Assert.Equal(1, restarted.SnapshotsLoaded);
        Assert.Equal("Added after the snapshot.", await BestTargetAsync(restarted, "Ин ҷумлаи нав пас аз акс илова шуд."));
        Assert.Equal(Numbered(5_010).Target.Text, await BestTargetAsync(restarted, Numbered(5_010).Source.Text));
    }

    [Theory]
    [InlineData("corrupt")]
    [InlineData("truncated")]
    [InlineData("old-version")]
    [InlineData("empty")]
    [InlineData("not-a-snapshot")]
    public async Task A_damaged_snapshot_is_rebuilt_from_the_store(string damage)
    {
        await FillAndSnapshotAsync();
        var file = Assert.Single(Directory.GetFiles(Snapshots, "*.tjix"));
        var bytes = await File.ReadAllBytesAsync(file);
        switch (damage)
        {
            case "corrupt":
                bytes[bytes.Length / 2] ^= 0x5A;
                break;
            case "truncated":
                bytes = bytes[..(bytes.Length * 2 / 3)];
                break;
            case "old-version":
                // The version follows the 4-byte magic; the checksum is made right so only the version is wrong.
                BitConverter.GetBytes(MemoryIndex.SnapshotVersion - 1).CopyTo(bytes, 4);
                var hash = System.IO.Hashing.XxHash64.Hash(bytes.AsSpan(0, bytes.Length - 8));
                hash.CopyTo(bytes, bytes.Length - 8);
                break;
            case "empty":
                bytes = [];
                break;
            default:
                bytes = "<tmx version=\"1.4\"></tmx>"u8.ToArray();
                break;
        }

        await File.WriteAllBytesAsync(file, bytes);
        using var restarted = Open();
        await AssertAnswersAsBuiltAsync(restarted);
        Assert.Equal(0, restarted.SnapshotsLoaded);
        Assert.Equal(1, restarted.SnapshotsRejected);
        Assert.NotNull(restarted.LastSnapshotProblem);

        // The rebuilt index is saved again, and the next start reads it.
        await restarted.WaitForSnapshotsAsync();
        using var again = Open();
        await AssertAnswersAsBuiltAsync(again);
        Assert.Equal(1, again.SnapshotsLoaded);
    }

    [Fact]
    public async Task A_snapshot_of_a_memory_deleted_and_created_again_is_not_used()
    {
        await FillAndSnapshotAsync();
        using (var cli = SqliteMemoryStore.Open(_database.Options))
        {
            await cli.DeleteMemoryAsync("tg-en");
            await cli.CreateMemoryAsync(Memory());
            await cli.AddUnitsAsync("tg-en", [Unit("Танҳо як воҳид дар хотираи нав.", "Only one unit in the new memory.")]);
        }

        using var restarted = Open();
        var memory = (await restarted.FindMemoryAsync("tg-en"))!;
        var index = await restarted.GetIndexAsync(memory, MemorySide.Source);
        Assert.Equal(1, index.Count);
        Assert.Equal(0, restarted.SnapshotsLoaded);
        Assert.Null(await BestTargetAsync(restarted, Numbered(3).Source.Text));

        // The rebuilt index's snapshot is written in the background: done before the folder is removed.
        await restarted.WaitForSnapshotsAsync();
    }

    [Fact]
    public async Task A_snapshot_newer_than_the_store_is_not_used()
    {
        // A database restored from an older backup: the snapshot claims changes the store never had.
        await FillAndSnapshotAsync();
        var backup = Path.Combine(_database.Folder, "backup.db");
        using (var store = SqliteMemoryStore.Open(_database.Options))
        {
            await store.AddUnitsAsync("tg-en", [Unit("Пеш аз нусха.", "Before the copy.")]);
        }

        SqliteConnection.ClearAllPools();
        File.Copy(_database.DatabasePath, backup);
        using (var store = Open())
        {
            await store.AddUnitsAsync("tg-en", [Unit("Пас аз нусха.", "After the copy.")]);
            var memory = (await store.FindMemoryAsync("tg-en"))!;
            var index = await store.GetIndexAsync(memory, MemorySide.Source);
            Assert.True(index.Count > Units);

            // Loaded and caught up with two changes: saved again at the store's latest position.
            await store.WaitForSnapshotsAsync();
            Assert.Equal(1, store.SnapshotsLoaded);
            Assert.Equal(1, store.SnapshotsWritten);
        }

        // The latest snapshot (written by that store's build) now knows the later unit; go back to the copy.
        SqliteConnection.ClearAllPools();
        File.Copy(backup, _database.DatabasePath, overwrite: true);
        foreach (var wal in Directory.GetFiles(Path.GetDirectoryName(_database.DatabasePath)!, "*.db-*"))
        {
            File.Delete(wal);
        }

        using var restarted = Open();
        await AssertAnswersAsBuiltAsync(restarted);
        Assert.Equal(0, restarted.SnapshotsLoaded);
        Assert.Null(await BestTargetAsync(restarted, "Пас аз нусха."));
    }

    [Fact]
    public void Translations_come_back_from_the_index_and_its_snapshot_exactly_as_stored()
    {
        // The index keeps a translation without tags as UTF-8 bytes (issue #12): every form of text must survive that and a snapshot.
        var translations = new[]
        {
            SegmentText.Plain("Plain English."),
            SegmentText.Plain("An emoji 😀 (a surrogate pair) and a private-use \uF000 and \uFFFD character."),
            SegmentText.Plain("An unpaired \uD800 surrogate."),
            new SegmentText("Bold text.",
                [new InlineTag(InlineTagKind.Begin, 0, "<bpt i=\"1\">&lt;b&gt;</bpt>"), new InlineTag(InlineTagKind.End, 4, "<ept i=\"1\">&lt;/b&gt;</ept>")]),
        };
        var index = new MemoryIndex(Tajik, English);
        for (var i = 0; i < translations.Length; i++)
        {
            index.Add(new TranslationUnit { Id = i + 1, Source = SegmentText.Plain($"Ҷумлаи рақами {i} бо тарҷума."), Target = translations[i] });
        }

        Directory.CreateDirectory(Snapshots);
        var path = Path.Combine(Snapshots, "translations.tjix");
        using (var file = File.Create(path))
        {
            index.WriteSnapshot(file, new IndexSnapshotInfo("tg-en", 0, 0));
        }

        var (read, _) = MemoryIndex.ReadSnapshot(path);
        foreach (var searched in new[] { index, read })
        {
            for (var i = 0; i < translations.Length; i++)
            {
                var hit = searched.Search(MatchQuery.Plain($"Ҷумлаи рақами {i} бо тарҷума."))[0];
                // Snapshots hold UTF-8, as SQLite does: an unpaired surrogate comes back as U+FFFD, as it would from the store.
                var expected = searched == index ? translations[i].Text : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(translations[i].Text));
                Assert.Equal(expected, hit.Target.Text);
                Assert.Equal(translations[i].Tags.ToArray(), hit.Target.Tags.ToArray());
            }
        }
    }

    private IndexedMemoryStore Open() => new(SqliteMemoryStore.Open(_database.Options)) { SnapshotDirectory = Snapshots };

    private async Task FillAndSnapshotAsync()
    {
        using var store = Open();
        await store.CreateMemoryAsync(Memory());
        await store.ImportAsync("tg-en", Stream(NumberedItems(Units)), new ImportOptions());
        var memory = (await store.FindMemoryAsync("tg-en"))!;
        await store.GetIndexAsync(memory, MemorySide.Source);
        await store.WaitForSnapshotsAsync();
        Assert.Null(store.LastSnapshotProblem);
        Assert.Equal(1, store.SnapshotsWritten);
    }

    /// <summary>Every unit's source, and edited ones, get the same matches as from an index built from the store.</summary>
    private async Task AssertAnswersAsBuiltAsync(IndexedMemoryStore store)
    {
        var memory = (await store.FindMemoryAsync("tg-en"))!;
        var index = await store.GetIndexAsync(memory, MemorySide.Source);
        using var plain = SqliteMemoryStore.Open(_database.Options);
        using var built = await MemoryIndex.BuildAsync(plain.StreamUnitsAsync("tg-en"), memory.SourceLanguage, memory.TargetLanguage, MemorySide.Source);
        Assert.Equal(built.Count, index.Count);
        var options = new MatchOptions { MinScore = 50 };
        await foreach (var unit in plain.StreamUnitsAsync("tg-en"))
        {
            foreach (var text in new[] { unit.Source.Text, unit.Source.Text + " ва ғайра" })
            {
                var expected = built.Search(MatchQuery.Plain(text), options).Select(m => (m.UnitId, m.Score, m.Target.Text));
                var actual = index.Search(MatchQuery.Plain(text), options).Select(m => (m.UnitId, m.Score, m.Target.Text));
                Assert.Equal(expected, actual);
            }
        }

        // A build or catch-up writes a snapshot in the background: done before the test's folder is removed.
        await store.WaitForSnapshotsAsync();
    }

    private static async Task<string?> BestTargetAsync(IndexedMemoryStore store, string text)
    {
        var memory = (await store.FindMemoryAsync("tg-en"))!;
        var index = await store.GetIndexAsync(memory, MemorySide.Source);
        var hits = index.Search(MatchQuery.Plain(text));
        return hits.Count > 0 && hits[0].Score >= 100 ? hits[0].Target.Text : null;
    }
}
