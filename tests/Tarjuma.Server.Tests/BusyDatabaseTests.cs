using Grpc.Core;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Tests;

/// <summary>A write while another process holds the database's write lock: Unavailable, with a clear message.</summary>
public sealed class BusyDatabaseTests : IDisposable
{
    private readonly TarjumaApplication _app = new(new Dictionary<string, string?> { ["Tarjuma:BusyTimeout"] = "00:00:00.300" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public void Unavailable_maps_to_the_grpc_Unavailable_status()
    {
        var exception = ErrorInterceptor.ToRpcException(new TarjumaException(ErrorKind.Unavailable, "the database is busy.", "database"));

        Assert.Equal(StatusCode.Unavailable, exception.StatusCode);
        Assert.Equal("the database is busy.", exception.Status.Detail);
    }

    [Fact]
    public async Task Write_behind_another_process_lock_is_Unavailable_and_succeeds_once_it_is_released()
    {
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "news", SourceLanguage = "tg", TargetLanguage = "en" });
        using var holder = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        holder.Open();
        var transaction = holder.BeginTransaction(deferred: false);

        var exception = await GrpcAssert.FailsWith(StatusCode.Unavailable, async () =>
            await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "other", SourceLanguage = "tg", TargetLanguage = "en" }));
        var list = await _app.Memories.ListMemoriesAsync(new ListMemoriesRequest());
        transaction.Rollback();
        transaction.Dispose();

        Assert.Contains("is busy: another process", exception.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["news"], list.Memories.Select(m => m.Name));
        await _app.Memories.CreateMemoryAsync(new CreateMemoryRequest { Name = "other", SourceLanguage = "tg", TargetLanguage = "en" });
    }
}
