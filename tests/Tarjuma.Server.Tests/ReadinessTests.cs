using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Tests;

public sealed class ReadinessTests : IDisposable
{
    private readonly TarjumaApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Health_is_serving_with_the_store_open_and_not_serving_while_a_component_is_pending()
    {
        var health = new Health.HealthClient(_app.Channel);
        var readiness = _app.Services.GetRequiredService<IReadinessSignal>();

        var initially = await health.CheckAsync(new HealthCheckRequest());
        readiness.NotReady("matching-index", "building the index of memory 'news'");
        var pending = await health.CheckAsync(new HealthCheckRequest());
        readiness.Ready("matching-index");
        var ready = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, initially.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, pending.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, ready.Status);
    }

    [Fact]
    public async Task Health_is_not_serving_when_the_store_does_not_answer()
    {
        var health = new Health.HealthClient(_app.Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        // Replace the database file by a directory of the same name: the store can no longer open it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_app.DatabasePath);
        File.Delete(_app.DatabasePath + "-wal");
        File.Delete(_app.DatabasePath + "-shm");
        Directory.CreateDirectory(_app.DatabasePath);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }
}
