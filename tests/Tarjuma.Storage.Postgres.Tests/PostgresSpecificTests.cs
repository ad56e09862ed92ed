using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Postgres.Tests;

/// <summary>What PostgreSQL forced to be explicit, beyond the shared contract.</summary>
public sealed class PostgresSpecificTests : IAsyncLifetime
{
    private TestSchema? _schema;
    private PostgresMemoryStore? _store;

    private PostgresMemoryStore Store => _store!;

    public async Task InitializeAsync()
    {
        _schema = await TestSchema.CreateAsync();
        _store = PostgresMemoryStore.Open(_schema.Options);
        await Store.CreateMemoryAsync(new NewMemory("tg-en", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("en", "t")));
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Text_with_U0000_is_refused_naming_the_field_and_nothing_is_written()
    {
        var unit = new TranslationUnit { Source = new SegmentText("Салом\0дунё"), Target = new SegmentText("Hello") };

        var error = await Assert.ThrowsAsync<TarjumaException>(() => Store.AddUnitsAsync("tg-en", [unit]));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("unit.source", error.Field);
        Assert.Equal(0, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        Assert.Empty(await Store.FindExactAsync("tg-en", MemorySide.Source, "Салом\0дунё"));
    }

    [SkippableFact]
    public async Task Change_log_sequences_follow_commit_order_across_memories()
    {
        await Store.CreateMemoryAsync(new NewMemory("tg-ru", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("ru", "t")));
        var before = await Store.GetLatestChangeAsync();

        // Writes to two memories at once: each takes the log's lock last, so sequences are given out in commit order, gap-free.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Store.AddUnitsAsync(i % 2 == 0 ? "tg-en" : "tg-ru",
            [new TranslationUnit { Source = new SegmentText($"Ҷумла {i}."), Target = new SegmentText($"Sentence {i}.") }])));

        var page = await Store.ReadChangesAsync(before, 100);
        Assert.Equal(Enumerable.Range(1, 40).Select(n => before + n), page.Changes.Select(c => c.Sequence));
        Assert.Equal(before + 40, await Store.GetLatestChangeAsync());
    }

    [SkippableFact]
    public async Task Deleting_a_memory_deletes_its_unit_rows_without_a_foreign_key()
    {
        await Store.CreateMemoryAsync(new NewMemory("tg-ru", LanguageTag.Parse("tg", "s"), LanguageTag.Parse("ru", "t")));
        TranslationUnit[] units = [new() { Source = new SegmentText("Салом."), Target = new SegmentText("Hello.") }];
        await Store.AddUnitsAsync("tg-en", units);
        await Store.AddUnitsAsync("tg-ru", units);

        await Store.DeleteMemoryAsync("tg-en");

        // Schema version 2 dropped units' foreign key (0002-bulk-load.sql): the store deletes them itself, and only the memory's.
        Assert.Equal(1L, await _schema!.ScalarAsync($"SELECT count(*) FROM {_schema.Name}.units;"));
        Assert.Single(await Store.FindExactAsync("tg-ru", MemorySide.Source, "Салом."));
    }
}
