using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Reliability.Tests;

/// <summary>
/// SIGTERM while streams are in flight: each ends with a status (Unavailable after the grace
/// period, or OK when it finished in time), never a hang or Unknown, and the store stays consistent.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private static readonly Dictionary<string, string> ShortGrace = new(StringComparer.Ordinal) { ["Tarjuma__ShutdownGrace"] = "00:00:01" };

    /// <summary>Grace 1 s + margin 5 s + process exit; far below "hangs".</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Import_stream_open_at_shutdown_ends_unavailable_and_leaves_the_memory_untouched()
    {
        await using (var server = await ServerProcess.StartAsync(_temp.Database, ShortGrace))
        {
            await new MemoryService.MemoryServiceClient(server.Channel).CreateMemoryAsync(new CreateMemoryRequest
            {
                Name = "slow",
                SourceLanguage = "tg",
                TargetLanguage = "en"
            });
            var bytes = GeneratedTmx.Build("slow", 2_000);
            using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
            await call.RequestStream.WriteAsync(new ImportTmxRequest { Memory = "slow", Data = ByteString.CopyFrom(bytes, 0, bytes.Length / 2) });

            // The client never finishes its upload: the call is in flight when the stop comes.
            await Task.Delay(300);
            server.Terminate();
            var stopwatch = Stopwatch.StartNew();
            var exception = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(ExitTimeout));

            Assert.Equal(StatusCode.Unavailable, exception.StatusCode);
            Assert.True(await server.WaitForExitAsync(ExitTimeout), "the server did not exit after SIGTERM");
            Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, ExitTimeout);
        }

        await using var restarted = await ServerProcess.StartAsync(_temp.Database);
        var memory = await new MemoryService.MemoryServiceClient(restarted.Channel).GetMemoryAsync(new GetMemoryRequest { Name = "slow" });
        Assert.Equal(0, memory.UnitCount);
    }

    [Fact]
    public async Task Import_finished_within_the_grace_after_the_stop_signal_completes_and_is_kept()
    {
        var grace = new Dictionary<string, string>(StringComparer.Ordinal) { ["Tarjuma__ShutdownGrace"] = "00:00:10" };
        const int Units = 2_000;
        await using (var server = await ServerProcess.StartAsync(_temp.Database, grace))
        {
            var bytes = GeneratedTmx.Build("late", Units);
            using var call = new TmxService.TmxServiceClient(server.Channel).ImportTmx();
            await call.RequestStream.WriteAsync(new ImportTmxRequest
            {
                Memory = "late",
                SourceLanguage = "tg",
                TargetLanguage = "en",
                Data = ByteString.CopyFrom(bytes, 0, bytes.Length / 2)
            });
            await Task.Delay(300);

            // The stop comes mid-upload; the client finishes well inside the grace, so the call completes.
            server.Terminate();
            await Task.Delay(300);
            await call.RequestStream.WriteAsync(new ImportTmxRequest
            {
                Data = ByteString.CopyFrom(bytes, bytes.Length / 2,
                bytes.Length - (bytes.Length / 2))
            });
            await call.RequestStream.CompleteAsync();

            Assert.Equal(Units, (await call.ResponseAsync.WaitAsync(ExitTimeout)).Added);
            Assert.True(await server.WaitForExitAsync(ExitTimeout), "the server did not exit once its last call was done");
        }

        await using var restarted = await ServerProcess.StartAsync(_temp.Database);
        var memory = await new MemoryService.MemoryServiceClient(restarted.Channel).GetMemoryAsync(new GetMemoryRequest { Name = "late" });
        Assert.Equal(Units, memory.UnitCount);
    }

    [Fact]
    public async Task Export_stream_read_slowly_at_shutdown_ends_with_a_status_and_the_server_exits()
    {
        const int Units = 20_000;
        await using var server = await ServerProcess.StartAsync(_temp.Database, ShortGrace);
        var bytes = GeneratedTmx.Build("big", Units);
        using (var import = new TmxService.TmxServiceClient(server.Channel).ImportTmx())
        {
            await import.RequestStream.WriteAsync(new ImportTmxRequest
            {
                Memory = "big",
                SourceLanguage = "tg",
                TargetLanguage = "en",
                Data = ByteString.CopyFrom(bytes)
            });
            await import.RequestStream.CompleteAsync();
            Assert.Equal(Units, (await import).Added);
        }

        using var call = new TmxService.TmxServiceClient(server.Channel).ExportTmx(new ExportTmxRequest { Memory = "big", ChunkSize = 4_096 });
        Assert.True(await call.ResponseStream.MoveNext());
        server.Terminate();
        await Task.Delay(2_000);

        // Read on: the stream completes or ends with a status within the timeout; it never hangs.
        var status = StatusCode.OK;
        var detail = string.Empty;
        try
        {
            while (await call.ResponseStream.MoveNext().WaitAsync(ExitTimeout))
            {
            }
        }
        catch (RpcException exception)
        {
            status = exception.StatusCode;
            detail = exception.Status.Detail;
        }

        // When the grace ended while the server's write waited on HTTP/2 flow control (the client was
        // not reading), the server resets the stream with REFUSED_STREAM, which the client sees as Unavailable.
        Assert.True(status is StatusCode.OK or StatusCode.Unavailable, $"the export ended with {status} ({detail})");
        Assert.True(await server.WaitForExitAsync(ExitTimeout), "the server did not exit after SIGTERM");
    }
}
