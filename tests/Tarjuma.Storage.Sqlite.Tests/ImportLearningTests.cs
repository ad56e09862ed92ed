using Microsoft.Data.Sqlite;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using static Tarjuma.Storage.Contract.ContractData;

namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>
/// An import into an empty memory learns its abbreviations from the sources the store reports as it
/// adds them (issue #12), and must learn exactly what reading the memory back would.
/// </summary>
public sealed class ImportLearningTests : IDisposable
{
    private static readonly string[] Sources =
    [
        "Кишварҳои ҳамсоя, мас. Ӯзбекистон, дар ҷаласа ширкат доштанд.",
        "Баъзе соҳаҳо, мас. кишоварзӣ ва сохтмон, зуд рушд карданд.",
        "Нархҳо, мас. нархи нон, боло рафтанд.",
        "Ӯзбекистон ҳамсояи мо аст.",
    ];

    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    /// <summary>Each source with three translations, then exact repeats and a repeat in decomposed form (NFD), which merge.</summary>
    private static List<ImportItem> Items()
    {
        var items = new List<ImportItem>();
        for (var copy = 0; copy < 3; copy++)
        {
            items.AddRange(Sources.Select(s => ImportItem.Accept(Unit(s, $"Translation {copy}."))));
        }

        items.AddRange(Sources.Select(s => ImportItem.Accept(Unit(s, "Translation 1."))));
        items.Add(ImportItem.Accept(Unit(Sources[3].Normalize(System.Text.NormalizationForm.FormD), "Translation 2.")));
        return items;
    }

    [Fact]
    public async Task Learning_from_the_added_sources_equals_learning_from_the_memory_read_back()
    {
        using var store = SqliteMemoryStore.Open(_database.Options);
        var learning = await ImportLearning.StartAsync(store, "tg-en", CancellationToken.None);
        Assert.NotNull(learning);
        var reported = new List<string>();

        var summary = await store.ImportAsync("tg-en", Stream(Items()), new ImportOptions
        {
            CreateMemory = Memory(),
            SourceAdded = source =>
            {
                reported.Add(source);
                learning.Add(source);
            },
        });
        Assert.True(await learning.FinishAsync(store, store, "tg-en", CancellationToken.None));
        var fromImport = await store.GetAbbreviationsAsync("tg-en");
        var readBack = await MemoryAbbreviationLearning.LearnAsync(store, store, "tg-en", CancellationToken.None);

        Assert.Equal((17L, 12L, 5L), (summary.Read, summary.Added, summary.Updated));
        var stored = new List<string>();
        await foreach (var unit in store.StreamUnitsAsync("tg-en"))
        {
            stored.Add(unit.Source.Text);
        }

        Assert.Equal(stored, reported);
        Assert.Equal(12, fromImport.LearnedFromUnits);
        Assert.Equal("мас", fromImport.Learned[0].Text);
        Assert.Equal(readBack.Learned, fromImport.Learned);
        Assert.Equal(readBack.LearnedFromUnits, fromImport.LearnedFromUnits);
    }

    [Fact]
    public async Task A_TMX_import_reports_every_added_source_in_order_on_another_thread_before_it_returns()
    {
        // 600 units and 20 repeats: more than one batch of sources, and a partial last one.
        var tus = Enumerable.Range(0, 600).Concat(Enumerable.Range(0, 20)).Select(i =>
            $"<tu><tuv xml:lang=\"tg\"><seg>Ҷумлаи {i}, мас. рақами {i}.</seg></tuv><tuv xml:lang=\"en\"><seg>Sentence {i}.</seg></tuv></tu>");
        var tmx = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
            + "segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"tg\" datatype=\"plaintext\"/><body>" + string.Concat(tus) + "</body></tmx>";
        using var store = SqliteMemoryStore.Open(_database.Options);
        var reported = new List<string>();
        var onThePool = new HashSet<bool>();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tmx));

        var result = await TmxExchange.ImportAsync(store, new TmxImportRequest("tg-en", Tajik, English), input, null, source =>
        {
            reported.Add(source);
            onThePool.Add(Thread.CurrentThread.IsThreadPoolThread);
        }, CancellationToken.None);

        Assert.Equal((620L, 600L, 20L), (result.Summary.Read, result.Summary.Added, result.Summary.Updated));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"Ҷумлаи {i}, мас. рақами {i}."), reported);

        // The store writes on the thread pool; the learner's calls come from a thread of their own.
        Assert.Equal([false], onThePool);
    }

    [Fact]
    public async Task A_memory_that_holds_units_is_not_learned_from_the_import_alone()
    {
        using var store = SqliteMemoryStore.Open(_database.Options);
        await store.ImportAsync("tg-en", Stream(NumberedItems(3)), new ImportOptions { CreateMemory = Memory() });

        Assert.Null(await ImportLearning.StartAsync(store, "tg-en", CancellationToken.None));
        Assert.NotNull(await ImportLearning.StartAsync(store, "missing", CancellationToken.None));
    }

    [Fact]
    public async Task Units_added_by_another_writer_meanwhile_make_it_read_the_memory()
    {
        using var store = SqliteMemoryStore.Open(_database.Options);
        var learning = (await ImportLearning.StartAsync(store, "tg-en", CancellationToken.None))!;
        await store.ImportAsync("tg-en", Stream(Items()), new ImportOptions { CreateMemory = Memory(), SourceAdded = learning.Add });
        await store.AddUnitsAsync("tg-en", [.. Sources.Select(s => Unit(s, "Another writer's translation."))]);

        Assert.True(await learning.FinishAsync(store, store, "tg-en", CancellationToken.None));
        Assert.Equal(16, (await store.GetAbbreviationsAsync("tg-en")).LearnedFromUnits);
    }
}
