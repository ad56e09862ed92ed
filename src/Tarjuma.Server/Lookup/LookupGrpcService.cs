using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Protos.V1;
using Tarjuma.Server.Infrastructure;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Lookup;

/// <summary>gRPC adapter for lookups, single and streamed.</summary>
public sealed class LookupGrpcService(IndexedMemoryStore store, IOptions<TarjumaLimits> limits) : LookupService.LookupServiceBase
{
    public override async Task<LookupResponse> Lookup(LookupRequest request, ServerCallContext context) =>
        await LookupAsync(request, context.CancellationToken);

    public override async Task LookupStream(IAsyncStreamReader<LookupRequest> requestStream, IServerStreamWriter<LookupResponse> responseStream,
        ServerCallContext context)
    {
        // Segments are looked up concurrently, up to twice the core count ahead, and answered in request
        // order: one document's stream keeps every core busy instead of one (issue #12).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var pending = Channel.CreateBounded<Task<LookupResponse>>(new BoundedChannelOptions(Math.Max(2, Environment.ProcessorCount * 2))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var writer = WriteInOrderAsync(pending.Reader, responseStream, stop);
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(stop.Token))
            {
                await pending.Writer.WriteAsync(Task.Run(() => AnswerAsync(request, stop.Token), stop.Token), stop.Token);
            }
        }
        catch (OperationCanceledException) when (writer.IsFaulted)
        {
            // The writer failed and stopped the reading: its error is the call's.
        }
        finally
        {
            pending.Writer.TryComplete();
        }

        await writer;
    }

    /// <summary>One stream request's response; a refused request gets its own error response (see <see cref="LimitsInterceptor"/>).</summary>
    private async Task<LookupResponse> AnswerAsync(LookupRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // The stream's reader leaves LookupRequest to this check, so one bad segment gets its own error response.
            LimitsInterceptor.Check(request, limits.Value);
            return await LookupAsync(request, cancellationToken);
        }
        catch (TarjumaException exception)
        {
            // One refused segment of a document must not lose the rest of it.
            return new LookupResponse { Id = request.Id, Error = ErrorInterceptor.ToLookupError(exception) };
        }
    }

    private static async Task WriteInOrderAsync(
        ChannelReader<Task<LookupResponse>> pending, IServerStreamWriter<LookupResponse> responseStream, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var answer in pending.ReadAllAsync(CancellationToken.None))
            {
                await responseStream.WriteAsync(await answer, stop.Token);
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task<LookupResponse> LookupAsync(LookupRequest request, CancellationToken cancellationToken)
    {
        var matches = await MemoryLookup.LookupAsync(store, request.ToQuery(), cancellationToken);
        var response = new LookupResponse { Id = request.Id };
        response.Matches.AddRange(matches.Select(m => m.ToProto()));
        return response;
    }
}
