using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Contract;

/// <summary>
/// What every <see cref="IMemoryStore"/> must do. A store's test project derives a class from this
/// one and says how to open (and reopen) a store of its own for each test; xunit runs every test
/// here against it. Each test owns its store: no state is shared between tests.
/// </summary>
public abstract partial class MemoryStoreContractTests : IAsyncLifetime
{
    private IMemoryStore? _store;

    /// <summary>The store under test, opened before each test.</summary>
    protected IMemoryStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>
    /// Opens this test's store; called again after <see cref="CloseStoreAsync"/> to reopen the same data.
    /// A store that needs a server may call <c>Skip.If(...)</c> here: the tests are skippable.
    /// </summary>
    protected abstract Task<IMemoryStore> OpenStoreAsync();

    /// <summary>Closes the store, releasing everything it holds (connections, files).</summary>
    protected abstract Task CloseStoreAsync(IMemoryStore store);

    /// <summary>Removes the test's data after the test; the store is already closed.</summary>
    protected virtual Task DeleteStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await CloseStoreAsync(_store);
            _store = null;
        }

        await DeleteStoreAsync();
    }

    /// <summary>Closes and reopens the store: what is seen afterwards was durably written.</summary>
    protected async Task ReopenAsync()
    {
        await CloseStoreAsync(Store);
        _store = null;
        _store = await OpenStoreAsync();
    }

    protected async Task<List<TranslationUnit>> AllUnitsAsync(string memory = "tg-en")
    {
        var units = new List<TranslationUnit>();
        await foreach (var unit in Store.StreamUnitsAsync(memory))
        {
            units.Add(unit);
        }

        return units;
    }

    protected static async Task<int> CountAsync(IAsyncEnumerable<TranslationUnit> units)
    {
        var count = 0;
        await foreach (var unit in units)
        {
            count++;
        }

        return count;
    }

    protected async Task<long> AddAsync(string source, string target, string memory = "tg-en")
    {
        var results = await Store.AddUnitsAsync(memory, [Unit(source, target)]);
        return results[0].Id;
    }

    protected static async Task<TarjumaException> AssertFailsAsync(ErrorKind kind, Func<Task> action, string? field = null)
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(action);
        Assert.Equal(kind, error.Kind);
        if (field is not null)
        {
            Assert.Equal(field, error.Field);
        }

        return error;
    }

    // --- Memories -------------------------------------------------------------------------------

    [SkippableFact]
    public async Task Created_memory_is_found_with_its_languages_and_no_units()
    {
        var created = await Store.CreateMemoryAsync(new NewMemory("legal.tg-en", LanguageTag.Parse("TG-tj", "s"), English, "Contracts"));

        var found = await Store.FindMemoryAsync("legal.tg-en");

        Assert.NotNull(found);
        Assert.Equal(created, found);
        Assert.Equal("tg-TJ", found.SourceLanguage.Value);
        Assert.Equal("en", found.TargetLanguage.Value);
        Assert.Equal("Contracts", found.Description);
        Assert.Equal(0, found.UnitCount);
        Assert.Equal(found.CreatedAt, found.UpdatedAt);
    }

    [SkippableFact]
    public async Task Missing_memory_is_not_found()
    {
        Assert.Null(await Store.FindMemoryAsync("nothing-here"));
    }

    [SkippableFact]
    public async Task Second_memory_with_the_same_name_already_exists()
    {
        await Store.CreateMemoryAsync(Memory("tm"));

        await AssertFailsAsync(ErrorKind.AlreadyExists, () => Store.CreateMemoryAsync(Memory("tm")), "memory");
    }

    [SkippableFact]
    public async Task Names_differing_only_in_case_are_different_memories()
    {
        await Store.CreateMemoryAsync(Memory("TM"));
        await Store.CreateMemoryAsync(Memory("tm"));

        var names = (await Store.ListMemoriesAsync()).Select(m => m.Name).ToList();

        Assert.Equal(2, names.Count);
        Assert.Contains("TM", names);
        Assert.Contains("tm", names);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData(".hidden")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public async Task Invalid_memory_name_is_rejected(string name)
    {
        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.CreateMemoryAsync(Memory(name)), "memory");
    }

    [SkippableFact]
    public async Task Memory_name_longer_than_the_limit_is_rejected()
    {
        await AssertFailsAsync(ErrorKind.InvalidArgument, () => Store.CreateMemoryAsync(Memory(new string('a', MemoryName.MaxLength + 1))), "memory");
    }

    [SkippableFact]
    public async Task Memories_are_listed_by_name_with_their_unit_counts()
    {
        await Store.CreateMemoryAsync(Memory("b-tm"));
        await Store.CreateMemoryAsync(Memory("a-tm"));
        await Store.AddUnitsAsync("b-tm", [Unit(Pairs[0].Source, Pairs[0].Target), Unit(Pairs[1].Source, Pairs[1].Target)]);

        var memories = await Store.ListMemoriesAsync();

        Assert.Equal(["a-tm", "b-tm"], memories.Select(m => m.Name));
        Assert.Equal([0L, 2L], memories.Select(m => m.UnitCount));
    }

    [SkippableFact]
    public async Task Description_update_is_kept_and_moves_the_update_date()
    {
        var created = await Store.CreateMemoryAsync(Memory());

        var updated = await Store.UpdateMemoryDescriptionAsync("tg-en", "Тарҷумаҳои ҳуқуқӣ");

        Assert.Equal("Тарҷумаҳои ҳуқуқӣ", updated.Description);
        Assert.Equal("Тарҷумаҳои ҳуқуқӣ", (await Store.FindMemoryAsync("tg-en"))!.Description);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt >= created.UpdatedAt);
    }

    [SkippableFact]
    public async Task Description_update_of_a_missing_memory_is_not_found()
    {
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.UpdateMemoryDescriptionAsync("missing", "x"), "memory");
    }

    [SkippableFact]
    public async Task Deleting_a_memory_deletes_its_units_and_nothing_else()
    {
        await Store.CreateMemoryAsync(Memory("doomed"));
        await Store.CreateMemoryAsync(Memory("kept"));
        var doomedId = await AddAsync(Pairs[0].Source, Pairs[0].Target, "doomed");
        var keptId = await AddAsync(Pairs[0].Source, Pairs[0].Target, "kept");

        await Store.DeleteMemoryAsync("doomed");

        Assert.Null(await Store.FindMemoryAsync("doomed"));
        await Store.CreateMemoryAsync(Memory("doomed"));
        Assert.Empty(await AllUnitsAsync("doomed"));
        Assert.Null(await Store.FindUnitAsync("doomed", doomedId));
        Assert.Empty(await Store.FindExactAsync("doomed", MemorySide.Source, Pairs[0].Source));
        Assert.NotNull(await Store.FindUnitAsync("kept", keptId));
        Assert.Equal(1, (await Store.FindMemoryAsync("kept"))!.UnitCount);
    }

    [SkippableFact]
    public async Task Deleting_a_missing_memory_is_not_found()
    {
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.DeleteMemoryAsync("missing"), "memory");
    }

    [SkippableFact]
    public async Task Unit_operations_on_a_missing_memory_are_not_found()
    {
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.AddUnitsAsync("missing", [Unit("а", "a")]), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.FindUnitAsync("missing", 1), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.ListUnitsAsync("missing", 0, 10), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.FindExactAsync("missing", MemorySide.Source, "а"), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.GetStatisticsAsync("missing"), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.RecordUsageAsync("missing", [1]), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => Store.ImportAsync("missing", Stream([]), new ImportOptions()), "memory");
        await AssertFailsAsync(ErrorKind.NotFound, () => CountAsync(Store.StreamUnitsAsync("missing")), "memory");
    }

    // --- Durability and concurrency ---------------------------------------------------------------

    [SkippableFact]
    public async Task Written_data_is_there_after_reopening()
    {
        await Store.CreateMemoryAsync(Memory());
        var id = await AddAsync(Pairs[0].Source, Pairs[0].Target);
        await Store.ImportAsync("tg-en", Stream(NumberedItems(50)), new ImportOptions());

        await ReopenAsync();

        Assert.Equal(51, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        Assert.Equal(Pairs[0].Target, (await Store.FindUnitAsync("tg-en", id))!.Target.Text);
        Assert.Equal(51, (await AllUnitsAsync()).Count);
    }

    [SkippableFact]
    public async Task Concurrent_writers_and_readers_all_succeed()
    {
        await Store.CreateMemoryAsync(Memory());
        const int Writers = 6;
        const int UnitsPerWriter = 20;

        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < UnitsPerWriter; i++)
            {
                var n = (w * UnitsPerWriter) + i;
                await Store.AddUnitsAsync("tg-en", [Numbered(n)]);
                Assert.Single(await Store.FindExactAsync("tg-en", MemorySide.Source, Numbered(n).Source.Text));
            }
        })).Append(Task.Run(() => Store.ImportAsync("tg-en", Stream(NumberedItems(100, 1_000)), new ImportOptions())));

        await Task.WhenAll(tasks);

        Assert.Equal((Writers * UnitsPerWriter) + 100, (await Store.FindMemoryAsync("tg-en"))!.UnitCount);
        Assert.Equal((Writers * UnitsPerWriter) + 100, (await AllUnitsAsync()).Select(u => u.Id).Distinct().Count());
    }

    public static TheoryData<string> Operations() => new()
    {
        "CreateMemory", "FindMemory", "ListMemories", "UpdateMemoryDescription", "DeleteMemory", "GetStatistics",
        "AddUnits", "FindUnit", "UpdateUnit", "DeleteUnit", "ListUnits", "StreamUnits", "Import", "FindExact", "RecordUsage",
    };

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public async Task Cancelled_call_throws_and_changes_nothing(string operation)
    {
        await Store.CreateMemoryAsync(Memory());
        var id = await AddAsync(Pairs[0].Source, Pairs[0].Target);
        var before = await AllUnitsAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;

        Func<Task> call = operation switch
        {
            "CreateMemory" => () => Store.CreateMemoryAsync(Memory("other"), token),
            "FindMemory" => () => Store.FindMemoryAsync("tg-en", token),
            "ListMemories" => () => Store.ListMemoriesAsync(token),
            "UpdateMemoryDescription" => () => Store.UpdateMemoryDescriptionAsync("tg-en", "changed", token),
            "DeleteMemory" => () => Store.DeleteMemoryAsync("tg-en", token),
            "GetStatistics" => () => Store.GetStatisticsAsync("tg-en", token),
            "AddUnits" => () => Store.AddUnitsAsync("tg-en", [Unit(Pairs[1].Source, Pairs[1].Target)], token),
            "FindUnit" => () => Store.FindUnitAsync("tg-en", id, token),
            "UpdateUnit" => () => Store.UpdateUnitAsync("tg-en", before[0] with { Target = SegmentText.Plain("Hi!") }, token),
            "DeleteUnit" => () => Store.DeleteUnitAsync("tg-en", id, token),
            "ListUnits" => () => Store.ListUnitsAsync("tg-en", 0, 10, token),
            "StreamUnits" => () => CountAsync(Store.StreamUnitsAsync("tg-en", token)),
            "Import" => () => Store.ImportAsync("tg-en", Stream(NumberedItems(5)), new ImportOptions(), token),
            "FindExact" => () => Store.FindExactAsync("tg-en", MemorySide.Source, Pairs[0].Source, token),
            "RecordUsage" => () => Store.RecordUsageAsync("tg-en", [id], token),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(call);
        Assert.Equal(before, await AllUnitsAsync());
        Assert.Single(await Store.ListMemoriesAsync());
        Assert.Equal(string.Empty, (await Store.FindMemoryAsync("tg-en"))!.Description);
    }
}
