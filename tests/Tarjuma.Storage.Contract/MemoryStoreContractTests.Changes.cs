using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Contract;

/// <summary>
/// The change log that keeps other serving processes current, memory languages, and an import that
/// creates its memory in its own transaction.
/// </summary>
public abstract partial class MemoryStoreContractTests
{
    private async Task<List<StoreChange>> ChangesAfterAsync(long after)
    {
        var page = await Store.ReadChangesAsync(after, 1_000);
        Assert.False(page.Truncated);
        return [.. page.Changes];
    }

    private static (ChangeKind, string, long?) Entry(StoreChange change) => (change.Kind, change.Memory, change.UnitId);

    [SkippableFact]
    public async Task A_new_store_has_an_empty_change_log()
    {
        Assert.Equal(0, await Store.GetLatestChangeAsync());
        Assert.Empty(await ChangesAfterAsync(0));
    }

    [SkippableFact]
    public async Task Every_unit_and_memory_write_is_logged_in_order_with_growing_sequences()
    {
        await Store.CreateMemoryAsync(Memory());
        var added = await Store.AddUnitsAsync("tg-en", [Numbered(0), Numbered(1)]);
        var first = (await Store.FindUnitAsync("tg-en", added[0].Id))!;
        await Store.UpdateUnitAsync("tg-en", first with { Target = SegmentText.Plain("Changed.") });
        await Store.DeleteUnitAsync("tg-en", added[1].Id);
        await Store.UpdateMemoryDescriptionAsync("tg-en", "not an index change");
        await Store.RecordUsageAsync("tg-en", [added[0].Id]);
        await Store.DeleteMemoryAsync("tg-en");

        var changes = await ChangesAfterAsync(0);

        Assert.Equal(
            [
                (ChangeKind.MemoryCreated, "tg-en", null),
                (ChangeKind.UnitUpserted, "tg-en", added[0].Id),
                (ChangeKind.UnitUpserted, "tg-en", added[1].Id),
                (ChangeKind.UnitUpserted, "tg-en", added[0].Id),
                (ChangeKind.UnitDeleted, "tg-en", added[1].Id),
                (ChangeKind.MemoryDeleted, "tg-en", null),
            ],
            changes.Select(Entry));
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.Equal(changes[^1].Sequence, await Store.GetLatestChangeAsync());
    }

    [SkippableFact]
    public async Task Changes_are_read_after_a_position_and_at_most_the_limit()
    {
        await Store.CreateMemoryAsync(Memory());
        var position = await Store.GetLatestChangeAsync();
        await Store.AddUnitsAsync("tg-en", [.. Enumerable.Range(0, 5).Select(Numbered)]);

        var firstTwo = await Store.ReadChangesAsync(position, 2);
        var rest = await Store.ReadChangesAsync(firstTwo.Changes[^1].Sequence, 100);

        Assert.Equal(2, firstTwo.Changes.Count);
        Assert.Equal(3, rest.Changes.Count);
        Assert.All(firstTwo.Changes.Concat(rest.Changes), change => Assert.Equal(ChangeKind.UnitUpserted, change.Kind));
        Assert.Empty((await Store.ReadChangesAsync(await Store.GetLatestChangeAsync(), 100)).Changes);
        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ReadChangesAsync(0, 0), "limit");
    }

    [SkippableFact]
    public async Task An_import_logs_one_entry_from_its_first_new_unit_and_a_failed_one_logs_nothing()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en", [Numbered(0)]);
        var position = await Store.GetLatestChangeAsync();

        await Assert.ThrowsAsync<TarjumaException>(() => Store.ImportAsync(
            "tg-en", Stream(NumberedItems(5, 1).Append(ImportItem.Reject(new ImportRejection(9, 1, "broken")))), new ImportOptions()));
        Assert.Equal(position, await Store.GetLatestChangeAsync());

        await Store.ImportAsync("tg-en", Stream(NumberedItems(10)), new ImportOptions());
        var units = await AllUnitsAsync();
        var change = Assert.Single(await ChangesAfterAsync(position));

        Assert.Equal((ChangeKind.UnitsImported, "tg-en", (long?)units[1].Id), Entry(change));
        Assert.All(units.Skip(1), unit => Assert.True(unit.Id >= change.UnitId));
    }

    [SkippableFact]
    public async Task An_import_that_only_merges_logs_nothing()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en", [Numbered(0), Numbered(1)]);
        var position = await Store.GetLatestChangeAsync();

        var summary = await Store.ImportAsync("tg-en", Stream(NumberedItems(2)), new ImportOptions());

        Assert.Equal(2, summary.Updated);
        Assert.Empty(await ChangesAfterAsync(position));
    }

    [SkippableFact]
    public async Task An_import_creates_its_memory_in_its_transaction()
    {
        var summary = await Store.ImportAsync("new", Stream(NumberedItems(3)), new ImportOptions { CreateMemory = Memory("new") });

        Assert.True(summary.MemoryCreated);
        Assert.Equal(3, (await Store.FindMemoryAsync("new"))!.UnitCount);
        Assert.Equal([ChangeKind.MemoryCreated, ChangeKind.UnitsImported], (await ChangesAfterAsync(0)).Select(change => change.Kind));
    }

    [SkippableFact]
    public async Task A_failed_or_cancelled_import_leaves_no_memory_it_would_have_created()
    {
        var failing = Stream(NumberedItems(50).Append(ImportItem.Reject(new ImportRejection(3, 4, "broken"))));
        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ImportAsync("new", failing, new ImportOptions { CreateMemory = Memory("new") }));
        using var cancel = new CancellationTokenSource();
        var cancelled = StreamThen(NumberedItems(50), 20, cancel.Cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ImportAsync("new", cancelled, new ImportOptions { CreateMemory = Memory("new") },
            cancel.Token));

        Assert.Null(await Store.FindMemoryAsync("new"));
        Assert.Empty(await Store.ListMemoriesAsync());
        Assert.Equal(0, await Store.GetLatestChangeAsync());
    }

    [SkippableFact]
    public async Task An_import_with_languages_into_an_existing_memory_uses_it_and_reports_no_creation()
    {
        await Store.CreateMemoryAsync(Memory());

        var summary = await Store.ImportAsync("tg-en", Stream(NumberedItems(2)), new ImportOptions { CreateMemory = Memory() });
        var wrong = new NewMemory("tg-en", LanguageTag.Parse("ru", "s"), English);

        Assert.False(summary.MemoryCreated);
        Assert.Equal(2, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ImportAsync("tg-en", Stream(NumberedItems(2)),
            new ImportOptions { CreateMemory = wrong }));
    }

    public static TheoryData<string, string, string> RejectedLanguages() => new()
    {
        { "tg-TJ-TJ", "en", "source_language" },
        { "klingon-xx-yy-zz", "en", "source_language" },
        { "tg", "en-US-x-private", "target_language" },
        { "tg-Cyrl-Latn", "en", "source_language" },
        { "tg", "tg", "target_language" },
        { "tg", "TG-tj", "target_language" },
        { "en-GB", "en-US", "target_language" },
    };

    [SkippableTheory]
    [MemberData(nameof(RejectedLanguages))]
    public async Task A_memory_needs_two_plain_tags_of_different_languages(string source, string target, string field)
    {
        var memory = new NewMemory("bad", LanguageTag.Parse(source, "s"), LanguageTag.Parse(target, "t"));

        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.CreateMemoryAsync(memory), field);
        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ImportAsync("bad", Stream(NumberedItems(1)), new ImportOptions { CreateMemory = memory }),
            field);
        Assert.Empty(await Store.ListMemoriesAsync());
    }

    [SkippableTheory]
    [InlineData("tg-Cyrl-TJ", "en-US")]
    [InlineData("tgk", "en-419")]
    [InlineData("tg-Latn", "en")]
    public async Task Plain_tags_of_two_languages_make_a_memory(string source, string target)
    {
        var created = await Store.CreateMemoryAsync(new NewMemory("ok", LanguageTag.Parse(source, "s"), LanguageTag.Parse(target, "t")));

        Assert.Equal((source, target), (created.SourceLanguage.Value, created.TargetLanguage.Value));
    }
}
