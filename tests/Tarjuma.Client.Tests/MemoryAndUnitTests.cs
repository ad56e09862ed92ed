using Tarjuma.Protos.V1;

namespace Tarjuma.Client.Tests;

public sealed class MemoryAndUnitTests : IDisposable
{
    private readonly ClientApplication _app = new();
    private readonly TarjumaClient _client;

    public MemoryAndUnitTests() => _client = _app.CreateTarjumaClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Memories_are_created_found_listed_described_counted_and_deleted()
    {
        Assert.Null(await _client.FindMemoryAsync("news"));

        var created = await _client.CreateMemoryAsync("news", "TG-tj", "en", "articles");
        Assert.Equal("tg-TJ", created.SourceLanguage);
        Assert.Equal("news", (await _client.FindMemoryAsync("news"))!.Name);
        Assert.Equal("articles", (await _client.GetMemoryAsync("news")).Description);
        Assert.Equal(["news"], (await _client.ListMemoriesAsync()).Select(m => m.Name));

        Assert.Equal("updated", (await _client.UpdateMemoryAsync("news", "updated")).Description);
        await _client.AddUnitAsync("news", Fixtures.Book, Fixtures.BookEn);
        var statistics = await _client.GetMemoryStatisticsAsync("news");
        Assert.Equal(1, statistics.UnitCount);
        Assert.Equal(3, statistics.SourceWords);

        await _client.DeleteMemoryAsync("news");
        Assert.Empty(await _client.ListMemoriesAsync());
    }

    [Fact]
    public async Task Units_are_added_read_updated_paged_and_deleted()
    {
        await _client.CreateMemoryAsync("news", "tg", "en");
        var added = await _client.AddUnitAsync("news", Fixtures.Book, Fixtures.BookEn);
        Assert.Equal(WriteOutcome.Added, added.Outcome);
        Assert.Equal(WriteOutcome.Updated, (await _client.AddUnitAsync("news", Fixtures.Book, Fixtures.BookEn)).Outcome);

        var many = await _client.AddUnitsAsync("news", [TarjumaClient.NewUnit(Fixtures.Weather, Fixtures.WeatherEn), TarjumaClient.NewUnit(Fixtures.Garden,
            Fixtures.GardenEn)]);
        Assert.Equal(2, many.Added);
        Assert.Equal(2, many.Ids.Count);

        var unit = await _client.GetUnitAsync("news", added.Id);
        Assert.Equal(Fixtures.BookEn, unit.Target.Text);
        unit.Target = new Segment { Text = "I read a book." };
        Assert.Equal("I read a book.", (await _client.UpdateUnitAsync("news", unit)).Target.Text);

        var first = await _client.ListUnitsAsync("news", pageSize: 2);
        Assert.Equal(2, first.Items.Count);
        Assert.False(first.IsLast);
        var second = await _client.ListUnitsAsync("news", pageSize: 2, first.NextPageToken);
        Assert.Single(second.Items);
        Assert.True(second.IsLast);
        Assert.Equal(3, first.Items.Concat(second.Items).Select(u => u.Id).Distinct().Count());

        await _client.DeleteUnitAsync("news", added.Id);
        await Assert.ThrowsAsync<TarjumaNotFoundException>(() => _client.GetUnitAsync("news", added.Id));
    }
}
