using Grpc.Core;
using Tarjuma.Protos.V1;
using Tarjuma.Tests;

namespace Tarjuma.Server.Tests;

/// <summary>Segmentation by a memory's rules: abbreviations learned when it grows, and an administrator's edits.</summary>
public sealed class MemoryRulesServiceTests : IDisposable
{
    private const string Example = AbbreviationText.Example;

    private static readonly IReadOnlyList<string> DomainSources = AbbreviationText.DomainSources;

    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    private SegmentationService.SegmentationServiceClient Client => new(_app.Channel);

    private async Task CreateMemoryAsync(string name = "law") =>
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = name, SourceLanguage = "tg", TargetLanguage = "en" });

    private async Task<List<string>> SegmentAsync(string text, string memory = "") =>
        [.. (await Client.SegmentAsync(new SegmentRequest { Text = text, Language = "tg", Memory = memory })).Segments.Select(s => s.Text)];

    [Fact]
    public async Task A_memory_that_grows_learns_its_abbreviations_and_segments_by_them()
    {
        await CreateMemoryAsync();
        using (var call = _app.Units.AddUnits())
        {
            for (var copy = 0; copy < 3; copy++)
            {
                foreach (var source in DomainSources)
                {
                    await call.RequestStream.WriteAsync(new AddUnitRequest { Memory = "law", Unit = Units.Pair(source, $"Translation {copy}.") });
                }
            }

            await call.RequestStream.CompleteAsync();
            await call;
        }

        var learned = await WaitForLearningAsync("law");

        Assert.Contains("мас", learned.Effective);
        Assert.Equal(12, learned.LearnedFromUnits);
        Assert.Equal(2, (await SegmentAsync(Example)).Count);
        Assert.Equal([Example], await SegmentAsync(Example, memory: "law"));
    }

    [Fact]
    public async Task Units_written_by_another_process_are_learned_from_on_the_next_sweep()
    {
        await CreateMemoryAsync();
        await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest());

        // Another process's store on the same file (as `tarjuma import --db` beside the server): no call
        // reaches the server, which learns of the units only by checking its memories again.
        using (var other = Tarjuma.Storage.Sqlite.SqliteMemoryStore.Open(new Tarjuma.Storage.Sqlite.SqliteStoreOptions { DatabasePath = _app.DatabasePath }))
        {
            var units = Enumerable.Range(0, 3).SelectMany(copy => DomainSources.Select(source => new Core.Model.TranslationUnit
            {
                Source = Core.Model.SegmentText.Plain(source),
                Target = Core.Model.SegmentText.Plain($"Translation {copy}."),
            })).ToList();
            await other.AddUnitsAsync("law", units);
        }

        var learned = await WaitForLearningAsync("law");

        Assert.Contains("мас", learned.Effective);
        Assert.Equal([Example], await SegmentAsync(Example, memory: "law"));
    }

    [Fact]
    public async Task An_administrators_additions_and_removals_apply_at_once()
    {
        await CreateMemoryAsync();

        var added = await Client.EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "law", Add = { "Мас." } });
        var whole = await SegmentAsync(Example, memory: "law");
        var removed = await Client.EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "law", Remove = { "мас" } });
        var cut = await SegmentAsync(Example, memory: "law");

        Assert.Equal(["мас"], added.Added);
        Assert.Equal([Example], whole);
        Assert.Equal(["мас"], removed.Removed);
        Assert.Empty(removed.Effective);
        Assert.Equal(2, cut.Count);
    }

    [Fact]
    public async Task The_memory_rules_are_listed_as_an_srx_rule_set_with_the_abbreviations()
    {
        await CreateMemoryAsync();
        await Client.EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "law", Add = { "мас", "д.и.ф" } });

        var response = await Client.ListRulesAsync(new ListRulesRequest { Memory = "law" });

        Assert.Equal(["tarjuma", "memory law"], response.RuleSets.Select(r => r.Name));
        Assert.Contains("мас", response.RuleSets[1].Srx, StringComparison.Ordinal);
        Assert.Equal(["д.и.ф", "мас"], response.MemoryAbbreviations.Effective);
        var exported = Core.Segmentation.SrxDocument.Parse(response.RuleSets[1].Srx);
        Assert.Equal(["memory law", "Tajik", "Common"], exported.RuleNamesFor("tg"));
    }

    [Fact]
    public async Task Analysis_segments_the_document_by_the_memory_rules()
    {
        await CreateMemoryAsync();
        var documents = new DocumentService.DocumentServiceClient(_app.Channel);
        var before = await documents.AnalyzeAsync(new DocumentRequest { Memory = "law", Text = Example });
        await Client.EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "law", Add = { "мас" } });

        var after = await documents.AnalyzeAsync(new DocumentRequest { Memory = "law", Text = Example });

        Assert.Equal(2, before.Total.Segments);
        Assert.Equal(1, after.Total.Segments);
    }

    [Fact]
    public async Task A_memory_with_srx_rules_a_missing_memory_and_a_bad_entry_are_clear_errors()
    {
        await CreateMemoryAsync();

        var both = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Client.SegmentAsync(new SegmentRequest { Text = Example, Memory = "law", Rules = "tarjuma" }));
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await Client.SegmentAsync(new SegmentRequest { Text = Example, Memory = "nowhere" }));
        var bad = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Client.EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "law", Add = { "мас", "5 %" } }));
        var empty = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Client.EditAbbreviationsAsync(new EditAbbreviationsRequest { Memory = "law" }));

        Assert.Contains("memory", GrpcAssert.BadFields(both));
        Assert.Contains("add", GrpcAssert.BadFields(bad));
        Assert.Contains("add", GrpcAssert.BadFields(empty));
        Assert.Empty((await Client.ListRulesAsync(new ListRulesRequest { Memory = "law" })).MemoryAbbreviations.Added);
    }

    /// <summary>Learning runs in the background after a write: waits for it (at most 30 s).</summary>
    private async Task<MemoryAbbreviations> WaitForLearningAsync(string memory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var current = (await Client.ListRulesAsync(new ListRulesRequest { Memory = memory })).MemoryAbbreviations;
            if (current.LearnedFromUnits > 0 || DateTime.UtcNow > deadline)
            {
                return current;
            }

            await Task.Delay(50);
        }
    }
}
