using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Contract;

/// <summary>Import: all or nothing, rejections, duplicates, progress.</summary>
public abstract partial class MemoryStoreContractTests
{
    /// <summary>A memory with two units, one of which the failing imports below would have merged into.</summary>
    private async Task<(List<TranslationUnit> Units, MemoryInfo Memory)> SeedAsync()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en", [Numbered(0) with { Notes = [new UnitNote("seed")] }, Unit(Pairs[0].Source, Pairs[0].Target)]);
        return (await AllUnitsAsync(), (await Store.FindMemoryAsync("tg-en"))!);
    }

    private async Task AssertUnchangedAsync((List<TranslationUnit> Units, MemoryInfo Memory) before)
    {
        Assert.Equal(before.Units, await AllUnitsAsync());
        Assert.Equal(before.Memory, await Store.FindMemoryAsync("tg-en"));
    }

    /// <summary>Items that add units and merge into the seeded one (a changed note).</summary>
    private static IEnumerable<ImportItem> SeedTouchingItems() =>
        NumberedItems(60).Select((item, i) => i == 0 ? ImportItem.Accept(item.Unit! with { Notes = [new UnitNote("import")] }) : item);

    [SkippableFact]
    public async Task Import_adds_units_and_merges_duplicates()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.AddUnitsAsync("tg-en", [Numbered(0)]);

        var summary = await Store.ImportAsync("tg-en", Stream(NumberedItems(10).Concat(NumberedItems(3, 5))), new ImportOptions());

        Assert.Equal((13L, 9L, 4L, 0L), (summary.Read, summary.Added, summary.Updated, summary.RejectedCount));
        Assert.Empty(summary.Rejected);
        Assert.Equal(10, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        Assert.Equal(10, (await AllUnitsAsync()).Count);
    }

    [SkippableFact]
    public async Task Import_reports_progress_up_to_the_items_read()
    {
        await Store.CreateMemoryAsync(Memory());
        var reported = new List<long>();

        await Store.ImportAsync("tg-en", Stream(NumberedItems(25)), new ImportOptions { BatchSize = 10, Progress = reported.Add });

        Assert.NotEmpty(reported);
        Assert.Equal(reported.Order(), reported);
        Assert.Equal(25, reported[^1]);
    }

    [SkippableFact]
    public async Task Import_that_fails_midway_leaves_the_memory_as_it_was()
    {
        var before = await SeedAsync();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.ImportAsync(
            "tg-en", StreamThen(SeedTouchingItems(), 40, () => throw new InvalidDataException("the file is truncated")), new ImportOptions { BatchSize = 7 }));

        Assert.Equal("the file is truncated", error.Message);
        await AssertUnchangedAsync(before);
    }

    [SkippableFact]
    public async Task Import_cancelled_midway_leaves_the_memory_as_it_was()
    {
        var before = await SeedAsync();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ImportAsync(
            "tg-en", StreamThen(SeedTouchingItems(), 40, cancellation.Cancel), new ImportOptions { BatchSize = 7 }, cancellation.Token));

        await AssertUnchangedAsync(before);
    }

    [SkippableFact]
    public async Task Import_with_a_rejection_fails_whole_unless_skipping()
    {
        var before = await SeedAsync();
        var items = SeedTouchingItems().Take(30).Append(ImportItem.Reject(new ImportRejection(31, 5, "<seg> is missing"))).Concat(NumberedItems(5, 100));

        var error = await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ImportAsync("tg-en", Stream(items), new ImportOptions()));

        Assert.Contains("line 31", error.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(before);
    }

    [SkippableFact]
    public async Task Import_with_an_invalid_unit_fails_whole_unless_skipping()
    {
        var before = await SeedAsync();
        var items = SeedTouchingItems().Take(30).Append(ImportItem.Accept(Unit("Салом.", ""))).Concat(NumberedItems(5, 100));

        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.ImportAsync("tg-en", Stream(items), new ImportOptions()), "unit.target");

        await AssertUnchangedAsync(before);
    }

    [SkippableFact]
    public async Task Import_skipping_invalid_items_lists_them_and_imports_the_rest()
    {
        await Store.CreateMemoryAsync(Memory());
        ImportItem[] items =
        [
            ImportItem.Accept(Numbered(1)),
            ImportItem.Reject(new ImportRejection(12, 3, "<tuv> without xml:lang")),
            ImportItem.Accept(Unit("", "Orphan target.")),
            ImportItem.Accept(Numbered(2)),
        ];

        var summary = await Store.ImportAsync("tg-en", Stream(items), new ImportOptions { SkipInvalid = true });

        Assert.Equal((4L, 2L, 0L, 2L), (summary.Read, summary.Added, summary.Updated, summary.RejectedCount));
        Assert.Equal(2, summary.Rejected.Count);
        Assert.Equal(new ImportRejection(12, 3, "<tuv> without xml:lang"), summary.Rejected[0]);
        Assert.Contains("unit.source", summary.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Import_lists_rejections_up_to_the_limit_and_counts_them_all()
    {
        await Store.CreateMemoryAsync(Memory());
        var rejections = Enumerable.Range(1, ImportSummary.MaxListedRejections + 5)
            .Select(line => ImportItem.Reject(new ImportRejection(line, 1, "bad")));

        var summary = await Store.ImportAsync("tg-en", Stream(rejections.Append(ImportItem.Accept(Numbered(1)))), new ImportOptions { SkipInvalid = true });

        Assert.Equal(ImportSummary.MaxListedRejections, summary.Rejected.Count);
        Assert.Equal(ImportSummary.MaxListedRejections + 5, summary.RejectedCount);
        Assert.Equal(1, summary.Rejected[0].Line);
        Assert.Equal(1, summary.Added);
    }
}
