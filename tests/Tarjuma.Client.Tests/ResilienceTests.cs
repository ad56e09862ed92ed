using Grpc.Core;

namespace Tarjuma.Client.Tests;

/// <summary>Retries, deadlines and cancellation.</summary>
public sealed class ResilienceTests : IDisposable
{
    private static readonly TarjumaClientOptions FastRetries = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50)
    };

    private readonly ClientApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_idempotent_call_is_retried_after_Unavailable()
    {
        await _app.CreateTarjumaClient().CreateMemoryAsync("news", "tg", "en");
        var flaky = new FlakyHandler(failures: 2);
        var client = _app.CreateTarjumaClient(FastRetries, wrap: flaky);

        Assert.Equal("news", (await client.GetMemoryAsync("news")).Name);
        Assert.Equal(3, flaky.Attempts("/tarjuma.v1.MemoryService/GetMemory"));
        Assert.Empty(await client.LookupAsync("news", Fixtures.Book));
        Assert.Equal(3, flaky.Attempts("/tarjuma.v1.LookupService/Lookup"));
    }

    [Fact]
    public async Task A_write_is_never_retried_and_reports_Unavailable()
    {
        var direct = _app.CreateTarjumaClient();
        await direct.CreateMemoryAsync("news", "tg", "en");
        var flaky = new FlakyHandler(failures: 1);
        var client = _app.CreateTarjumaClient(FastRetries, wrap: flaky);

        var error = await Assert.ThrowsAsync<TarjumaUnavailableException>(() => client.AddUnitAsync("news", Fixtures.Book, Fixtures.BookEn));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, flaky.Attempts("/tarjuma.v1.UnitService/AddUnit"));
        await Assert.ThrowsAsync<TarjumaUnavailableException>(() => client.CreateMemoryAsync("other", "tg", "en"));
        Assert.Equal(1, flaky.Attempts("/tarjuma.v1.MemoryService/CreateMemory"));
        Assert.Equal(0, (await direct.GetMemoryStatisticsAsync("news")).UnitCount);
    }

    [Fact]
    public async Task Retries_can_be_turned_off()
    {
        await _app.CreateTarjumaClient().CreateMemoryAsync("news", "tg", "en");
        var flaky = new FlakyHandler(failures: 1);
        var client = _app.CreateTarjumaClient(new TarjumaClientOptions { MaxAttempts = 1 }, wrap: flaky);

        await Assert.ThrowsAsync<TarjumaUnavailableException>(() => client.GetMemoryAsync("news"));
        Assert.Equal(1, flaky.Attempts("/tarjuma.v1.MemoryService/GetMemory"));
    }

    [Fact]
    public async Task A_call_slower_than_its_deadline_fails_with_DeadlineExceeded()
    {
        var client = _app.CreateTarjumaClient(new TarjumaClientOptions { Deadline = TimeSpan.FromMilliseconds(300) },
            wrap: new SlowHandler(TimeSpan.FromSeconds(20)));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<TarjumaDeadlineExceededException>(() => client.ListMemoriesAsync());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_a_call_throws_OperationCanceledException()
    {
        var client = _app.CreateTarjumaClient(wrap: new SlowHandler(TimeSpan.FromSeconds(20)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListMemoriesAsync(cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ImportTmxAsync(new TmxImportOptions("news"), new MemoryStream(Fixtures.Tmx()),
            cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Bad_options_name_the_property()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TarjumaClient.Create("http://127.0.0.1:1",
            options: new TarjumaClientOptions { MaxAttempts = 9 }));
        Assert.Equal("MaxAttempts", error.ParamName);
        Assert.Equal("address", Assert.Throws<ArgumentException>(() => TarjumaClient.Create("127.0.0.1:5151")).ParamName);
    }
}
