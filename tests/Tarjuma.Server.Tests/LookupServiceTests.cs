using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

public sealed class LookupServiceTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public LookupServiceTests()
    {
        _app.Memories.CreateMemory(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg-TJ", TargetLanguage = "en" });
        _app.Units.AddUnit(new AddUnitRequest { Memory = "news", Unit = Units.Pair(Seeds.FirstTajikSentence, Seeds.FirstEnglishSentence) });
        _app.Units.AddUnit(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Ватани азизӣ мо.", "Our dear homeland.") });
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Identical_source_is_a_100_match_with_its_translation()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = Seeds.FirstTajikSentence });

        var match = Assert.Single(response.Matches);
        Assert.Equal(100, match.Score);
        Assert.Equal(Seeds.FirstEnglishSentence, match.Unit.Target.Text);
        Assert.Equal("news", match.Memory);
    }

    [Fact]
    public async Task Decomposed_query_matches_the_composed_unit()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Ватани азизи\u0304 мо." });

        Assert.Equal("Our dear homeland.", Assert.Single(response.Matches).Unit.Target.Text);
    }

    [Fact]
    public async Task English_query_searches_the_memory_in_reverse()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Our dear homeland.", Language = "en-US" });

        var match = Assert.Single(response.Matches);
        Assert.Equal("Our dear homeland.", match.Unit.Source.Text);
        Assert.Equal("Ватани азизӣ мо.", match.Unit.Target.Text);
    }

    [Fact]
    public async Task Unknown_segment_has_no_match()
    {
        var response = await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = "Ин ҷумла дар хотира нест." });

        Assert.Empty(response.Matches);
    }

    [Theory]
    [InlineData("fr", "language")]
    [InlineData("", "text")]
    public async Task Invalid_lookup_names_the_field(string language, string field)
    {
        var text = field == "text" ? string.Empty : "Салом.";

        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await _app.Lookup.LookupAsync(new LookupRequest { Memory = "news", Text = text, Language = language }));

        Assert.Contains(field, GrpcAssert.BadFields(exception));
    }

    [Fact]
    public async Task Health_check_reports_serving()
    {
        var health = new Health.HealthClient(_app.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_tarjuma_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_app.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("tarjuma.v1.MemoryService", services);
        Assert.Contains("tarjuma.v1.UnitService", services);
        Assert.Contains("tarjuma.v1.TmxService", services);
        Assert.Contains("tarjuma.v1.LookupService", services);
    }
}
