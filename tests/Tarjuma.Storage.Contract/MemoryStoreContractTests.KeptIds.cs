using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Contract;

/// <summary>Import keeping the units' own ids (<see cref="ImportOptions.KeepIds"/>, what <c>tarjuma migrate</c> uses).</summary>
public abstract partial class MemoryStoreContractTests
{
    private static readonly ImportOptions KeepingIds = new() { KeepIds = true };

    /// <summary>Numbered units under the given ids, in the given order (not ascending: a stream need not be).</summary>
    private static IAsyncEnumerable<ImportItem> WithIds(params long[] ids) =>
        Stream(ids.Select((id, i) => ImportItem.Accept(Numbered(i) with { Id = id })));

    [SkippableFact]
    public async Task Import_keeping_ids_stores_the_given_ids_and_later_adds_go_above_them()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.CreateMemoryAsync(Memory("other"));

        var summary = await Store.ImportAsync("tg-en", WithIds(1_000, 20, 500), KeepingIds);
        var later = await Store.AddUnitsAsync("other", [Numbered(7)]);

        Assert.Equal(3, summary.Added);
        Assert.Equal([20L, 500L, 1_000L], (await AllUnitsAsync()).Select(u => u.Id));
        Assert.Equal(Numbered(0).Source, (await Store.FindUnitAsync("tg-en", 1_000))!.Source);
        Assert.True(later[0].Id > 1_000, $"a later add got id {later[0].Id}, not above the kept ids");
        // The change log's import entry covers every kept id, the lowest first.
        var changes = (await Store.ReadChangesAsync(0, 100)).Changes;
        Assert.Contains(changes, c => c.Kind == ChangeKind.UnitsImported && c.UnitId == 20);
    }

    [SkippableFact]
    public async Task Import_keeping_an_id_in_use_fails_naming_the_field_and_writes_nothing()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.CreateMemoryAsync(Memory("other"));
        var taken = (await Store.AddUnitsAsync("other", [Numbered(50)]))[0].Id;

        var error = await Assert.ThrowsAsync<TarjumaException>(() => Store.ImportAsync("tg-en", WithIds(taken + 100, taken), KeepingIds));

        Assert.Equal(ErrorKind.AlreadyExists, error.Kind);
        Assert.Equal("unit.id", error.Field);
        Assert.Empty(await AllUnitsAsync());
        Assert.Equal(0, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Import_keeping_ids_is_refused_for_a_memory_with_units_and_for_ids_not_above_0()
    {
        await Store.CreateMemoryAsync(Memory());
        await Store.CreateMemoryAsync(Memory("other"));
        await Store.AddUnitsAsync("other", [Numbered(50)]);

        var notEmpty = await Assert.ThrowsAsync<TarjumaException>(() => Store.ImportAsync("other", WithIds(9_000), KeepingIds));
        var zero = await Assert.ThrowsAsync<TarjumaException>(() => Store.ImportAsync("tg-en", WithIds(0), KeepingIds));

        Assert.Equal((ErrorKind.FailedPrecondition, "keep_ids"), (notEmpty.Kind, notEmpty.Field));
        Assert.Equal((ErrorKind.InvalidArgument, "unit.id"), (zero.Kind, zero.Field));
        Assert.Single(await AllUnitsAsync("other"));
        Assert.Empty(await AllUnitsAsync());
    }
}
