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
        // Segments are looked up concurrently by worker loops, up to twice the core count at once and ahead, and answered
        // in request order: one document's stream keeps every core busy instead of one (issue #12). The loops take the
        // next segment as soon as they finish one, with no thread-pool hop or task per segment. One loop per core measured
        // lower rates on the shared machine (two pairs at load 15–22), where the stream's threads compete with other processes.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var ahead = Math.Max(2, Environment.ProcessorCount * 2);
        var inOrder = Channel.CreateBounded<PendingAnswer>(new BoundedChannelOptions(ahead)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        // Unbounded, but never holds more than inOrder does: a segment goes here only once it has its place there.
        var work = Channel.CreateUnbounded<PendingAnswer>(new UnboundedChannelOptions { SingleWriter = true });
        var workers = new Task[ahead];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => AnswerLoopAsync(work.Reader, stop.Token), CancellationToken.None);
        }

        var writer = WriteInOrderAsync(inOrder.Reader, responseStream, stop);
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(stop.Token))
            {
                var pending = new PendingAnswer(request);
                await inOrder.Writer.WriteAsync(pending, stop.Token);
                work.Writer.TryWrite(pending);
            }
        }
        catch (OperationCanceledException) when (writer.IsFaulted)
        {
            // The writer failed and stopped the reading: its error is the call's.
        }
        finally
        {
            inOrder.Writer.TryComplete();
            work.Writer.TryComplete();
        }

        await writer;
        await Task.WhenAll(workers);
    }

    /// <summary>A worker loop: answers segments until the stream's requests end; every segment taken gets its answer or its error.</summary>
    private async Task AnswerLoopAsync(ChannelReader<PendingAnswer> work, CancellationToken cancellationToken)
    {
        // Not cancelled itself: the writer may be waiting for any segment already queued.
        await foreach (var pending in work.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                pending.Answer.TrySetResult(await AnswerAsync(pending.Request, cancellationToken));
            }
            catch (Exception exception)
            {
                pending.Answer.TrySetException(exception);
            }
        }
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

    /// <summary>A write that only appends to the response (no flush): used while the next answer is already there.</summary>
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private static async Task WriteInOrderAsync(
        ChannelReader<PendingAnswer> inOrder, IServerStreamWriter<LookupResponse> responseStream, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var pending in inOrder.ReadAllAsync(CancellationToken.None))
            {
                var response = await pending.Answer.Task;

                // Answers finished together go out in one flush; the last of them flushes (grpc-dotnet flushes a streamed
                // write unless it carries BufferHint), so no answer waits in the buffer for a later one.
                responseStream.WriteOptions = inOrder.TryPeek(out var next) && next.Answer.Task.IsCompleted ? Buffered : null;
                await responseStream.WriteAsync(response, stop.Token);
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

    /// <summary>One segment of a stream: its request and, once a worker has looked it up, its answer.</summary>
    private sealed class PendingAnswer(LookupRequest request)
    {
        public LookupRequest Request { get; } = request;

        // Continuations run on the worker that answers: the writer goes on in its thread, no hop.
        public TaskCompletionSource<LookupResponse> Answer { get; } = new();
    }
}
