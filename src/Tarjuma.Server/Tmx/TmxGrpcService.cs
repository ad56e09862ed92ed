using System.IO.Pipelines;
using Google.Protobuf;
using Grpc.Core;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Segmentation;

namespace Tarjuma.Server.Tmx;

/// <summary>gRPC adapter for TMX import (client streaming) and export (server streaming).</summary>
public sealed class TmxGrpcService(IMemoryStore store, MemoryRules memoryRules, ILogger<TmxGrpcService> logger) : TmxService.TmxServiceBase
{
    /// <summary>Export chunk size when the request leaves it at 0.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    /// <summary>Largest export chunk: stays well under gRPC's default 4 MiB message limit.</summary>
    public const int MaxChunkSize = 1024 * 1024;

    public override async Task<ImportTmxResponse> ImportTmx(IAsyncStreamReader<ImportTmxRequest> requestStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            throw TarjumaException.InvalidArgument("memory", "the import stream carried no message.");
        }

        var first = requestStream.Current;
        var request = new TmxImportRequest(
            Validate.MemoryName(first.Memory),
            first.SourceLanguage.Length == 0 ? null : Validate.Language(first.SourceLanguage),
            first.TargetLanguage.Length == 0 ? null : Validate.Language(first.TargetLanguage),
            first.SkipInvalid,
            first.User.Length == 0 ? null : first.User)
        {
            MayCreateMemory = Security.CallerIdentity.Of(context).IsAdmin,
        };

        // The file arrives in chunks; the TMX reader pulls from a pipe that the request stream fills.
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(first.Data, requestStream, pipe.Writer, stop.Token);
        TmxImportResult result;
        try
        {
            await using var tmx = pipe.Reader.AsStream();
            result = await TmxExchange.ImportAsync(store, request, tmx, progress: null, cancellationToken);
        }
        catch (TarjumaException exception) when (exception.Field is "items" or "tmx")
        {
            // The store calls the file's units "items" and the reader the file "tmx"; the client sent
            // both in the data field.
            ServerLog.ImportFailed(logger, request.Memory, exception.Message);
            throw exception.AsField("data");
        }
        catch (Exception exception) when (exception is TarjumaException or OperationCanceledException)
        {
            ServerLog.ImportFailed(logger, request.Memory, exception.Message);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await pipe.Reader.CompleteAsync();
            await SwallowCancellation(pump);
        }

        var summary = result.Summary;
        ServerLog.ImportCompleted(logger, request.Memory, summary.Read, summary.Added, summary.Updated, summary.RejectedCount);
        memoryRules.MemoryGrew(request.Memory);
        return result.ToProto();
    }

    public override async Task ExportTmx(ExportTmxRequest request, IServerStreamWriter<TmxChunk> responseStream, ServerCallContext context)
    {
        var name = Validate.MemoryName(request.Memory);
        var chunkSize = Validate.InRange(request.ChunkSize, 1024, MaxChunkSize, DefaultChunkSize);
        // Fail before the first chunk so a missing memory is NotFound, not a broken stream.
        await Memories.MemoryGrpcService.RequireMemoryAsync(store, name, context.CancellationToken);
        await using var output = new ChunkingStream(chunkSize, (chunk, ct) => responseStream.WriteAsync(new TmxChunk { Data = ByteString.CopyFrom(chunk.Span) },
            ct));
        await TmxExchange.ExportAsync(store, name, output, context.CancellationToken);
        await output.FlushAsync(context.CancellationToken);
    }

    private static async Task PumpAsync(ByteString firstData, IAsyncStreamReader<ImportTmxRequest> requestStream, PipeWriter writer,
        CancellationToken cancellationToken)
    {
        try
        {
            if (!firstData.IsEmpty)
            {
                await writer.WriteAsync(firstData.Memory, cancellationToken);
            }

            while (await requestStream.MoveNext(cancellationToken))
            {
                var result = await writer.WriteAsync(requestStream.Current.Data.Memory, cancellationToken);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await writer.CompleteAsync();
        }
        catch (Exception exception)
        {
            // The reader sees the failure (e.g. the client cancelled) as an error of the stream.
            await writer.CompleteAsync(exception);
        }
    }

    private static async Task SwallowCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
