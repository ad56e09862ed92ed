using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

public sealed class AlignmentServiceTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    private AlignmentService.AlignmentServiceClient Client => new(_app.Channel);

    [Fact]
    public async Task Seed_article_aligns_with_its_translation_into_the_memory()
    {
        var tajik = await File.ReadAllTextAsync(Path.Combine(Tarjuma.Tests.SharedData.RepositoryRoot, "seeds", "president-2024-04-30.tg.txt"));
        var english = await File.ReadAllTextAsync(Path.Combine(Tarjuma.Tests.SharedData.RepositoryRoot, "seeds", "president-2024-04-30.en.txt"));
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "aligned", SourceLanguage = "tg", TargetLanguage = "en" });

        var response = await Client.AlignAsync(new AlignRequest { SourceText = tajik, TargetText = english, Memory = "aligned" });

        Assert.True(response.SourceSegments.Count >= 14);
        Assert.True(response.Beads.Count >= 14);
        Assert.All(response.Beads, b => Assert.InRange(b.Confidence, 0, 1));
        Assert.True(response.Added > 0);
        var memory = await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "aligned" });
        Assert.Equal(response.Added, memory.UnitCount);
        var lookup = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "aligned", Text = response.SourceSegments[1] });
        Assert.Contains("conversation", lookup.Matches[0].Unit.Target.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presegmented_documents_in_reverse_direction_give_index_beads()
    {
        var response = await Client.AlignAsync(new AlignRequest
        {
            SourceLanguage = "en",
            TargetLanguage = "tg",
            SourceSegments = { "The meeting began at 10 o'clock.", "Ministers discussed the budget.", "The session ended at noon." },
            TargetSegments = { "Ҷаласа соати 10 оғоз ёфт.", "Вазирон буҷаро муҳокима карданд.", "Ҷаласа нисфирӯзӣ анҷом ёфт." },
        });

        Assert.Equal([[0], [1], [2]], response.Beads.Select(b => b.SourceIndices.ToArray()));
        Assert.Equal([[0], [1], [2]], response.Beads.Select(b => b.TargetIndices.ToArray()));
    }

    [Theory]
    [InlineData("", "", "source_text")]
    [InlineData("Як ҷумла.", " ", "target_text")]
    public async Task An_empty_side_is_refused_with_its_field(string source, string target, string field)
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Client.AlignAsync(new AlignRequest { SourceText = source, TargetText = target }));

        Assert.Equal([field], GrpcAssert.BadFields(exception));
    }

    [Fact]
    public async Task Empty_segment_lists_on_one_side_are_refused_with_its_field()
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await Client.AlignAsync(new AlignRequest { SourceSegments = { "Як ҷумла." } }));

        Assert.Equal(["target_segments"], GrpcAssert.BadFields(exception));
    }

    [Fact]
    public async Task Two_english_documents_are_refused_with_the_field()
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () => await Client.AlignAsync(new AlignRequest
        {
            SourceLanguage = "en",
            TargetLanguage = "en",
            SourceSegments = { "One." },
            TargetSegments = { "One." },
        }));

        Assert.Contains("source_language", GrpcAssert.BadFields(exception));
    }
}
