using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

public sealed class MemoryServiceTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Created_memory_has_canonical_languages_and_can_be_read_back()
    {
        var created = await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest
        {
            Name = "news",
            SourceLanguage = "TG-tj",
            TargetLanguage = "EN-gb",
            Description = "News"
        });

        Assert.Equal("tg-TJ", created.SourceLanguage);
        Assert.Equal("en-GB", created.TargetLanguage);
        var read = await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "news" });
        Assert.Equal(created, read);
        Assert.Equal(0, read.UnitCount);
        Assert.NotNull(read.CreatedAt);
    }

    [Fact]
    public async Task Memories_are_listed_updated_and_deleted()
    {
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "a", SourceLanguage = "tg", TargetLanguage = "en" });
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "b", SourceLanguage = "en", TargetLanguage = "tg" });

        var updated = await _app.Memories.UpdateMemoryAsync(new UpdateMemoryRequest { Name = "a", Description = "changed" });
        Assert.Equal("changed", updated.Description);
        await _app.Memories.DeleteMemoryAsync(new DeleteMemoryRequest { Name = "b" });

        var list = await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest());
        Assert.Equal(["a"], list.Memories.Select(m => m.Name));
        await GrpcAssert.FailsWith(StatusCode.NotFound, async () => await _app.Memories.GetMemoryAsync(new GetMemoryRequest { Name = "b" }));
    }

    [Fact]
    public async Task Second_memory_with_the_same_name_is_AlreadyExists()
    {
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });

        await GrpcAssert.FailsWith(StatusCode.AlreadyExists, async () =>
            await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" }));
    }

    [Theory]
    [InlineData("", "tg", "en", "name")]
    [InlineData("has space", "tg", "en", "name")]
    [InlineData("news", "", "en", "source_language")]
    [InlineData("news", "tg", "not a tag", "target_language")]
    [InlineData("news", "tg-TJ-TJ", "en", "source_language")]
    [InlineData("news", "klingon-xx-yy-zz", "en", "source_language")]
    [InlineData("news", "tg", "tg", "target_language")]
    [InlineData("news", "tg-TJ", "TG", "target_language")]
    public async Task Invalid_create_request_names_the_field(string name, string source, string target, string field)
    {
        var exception = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, async () =>
            await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = name, SourceLanguage = source, TargetLanguage = target }));

        Assert.Contains(field, GrpcAssert.BadFields(exception));
        Assert.StartsWith(field, exception.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_count_units_words_and_characters()
    {
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });
        await _app.Units.AddUnitAsync(new AddUnitRequest { Memory = "news", Unit = Units.Pair("Салом, дунё!", "Hello, world!") });

        var statistics = await _app.Memories.GetMemoryStatisticsAsync(new GetMemoryStatisticsRequest { Name = "news" });

        Assert.Equal(1, statistics.UnitCount);
        Assert.Equal(2, statistics.SourceWords);
        Assert.Equal(2, statistics.TargetWords);
        Assert.Equal("Салом,дунё!".Length, statistics.SourceCharacters); // characters without spaces, as analyze counts
    }

    [Fact]
    public async Task Call_past_its_deadline_is_DeadlineExceeded_or_cancelled_cleanly()
    {
        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
            await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest(), deadline: DateTime.UtcNow.AddMilliseconds(-1)));

        Assert.Equal(StatusCode.DeadlineExceeded, exception.StatusCode);
    }
}
