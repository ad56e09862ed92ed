using System.Runtime.CompilerServices;
using Grpc.Core;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client;

public sealed partial class TarjumaClient
{
    /// <summary>
    /// Looks one segment up: matches best first (101 in context, 100 exact, fuzzy below), each with
    /// the suggested target. Retried on <c>Unavailable</c>.
    /// </summary>
    /// <param name="request">Memory, text and options (see protos/tarjuma/v1/lookup.proto).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<LookupResponse> LookupAsync(LookupRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(request, nameof(request));
        return UnaryAsync(() => _lookup.LookupAsync(request, UnaryCall(cancellationToken)), cancellationToken);
    }

    /// <summary>Looks <paramref name="text"/> up in <paramref name="memory"/> with the server's defaults (min score 70, 5 results).</summary>
    /// <returns>The matches, best first; empty when nothing matches.</returns>
    public async Task<IReadOnlyList<Match>> LookupAsync(string memory, string text, CancellationToken cancellationToken = default)
    {
        var response = await LookupAsync(new LookupRequest { Memory = memory ?? string.Empty, Text = text ?? string.Empty },
            cancellationToken).ConfigureAwait(false);
        return [.. response.Matches];
    }

    /// <summary>
    /// Looks up a whole document over one stream: one response per request, in order, yielded as
    /// they arrive while the requests are still being sent. Set <see cref="LookupRequest.PreviousText"/>
    /// and <see cref="LookupRequest.NextText"/> for 101 matches, <see cref="LookupRequest.Id"/> to
    /// correlate. A request the server refuses (an empty or oversized text, a missing memory, a bad
    /// option) gets a response with <see cref="LookupResponse.Error"/> set and no matches, and the
    /// stream goes on; only a failure of the stream itself throws. Uses <see cref="TarjumaClientOptions.StreamingDeadline"/>.
    /// </summary>
    /// <param name="requests">The segments to look up (enumerated once, while the call runs).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public IAsyncEnumerable<LookupResponse> LookupDocumentAsync(IEnumerable<LookupRequest> requests, CancellationToken cancellationToken = default)
    {
        ThrowIfNull(requests, nameof(requests));
        return DuplexAsync(token => _lookup.LookupStream(StreamingCall(token)), requests, cancellationToken);
    }

    /// <summary>
    /// Runs a bidirectional call: sends <paramref name="requests"/> while yielding the responses as
    /// they arrive; failures become the client's exceptions.
    /// </summary>
    private static async IAsyncEnumerable<TResponse> DuplexAsync<TRequest, TResponse>(
        Func<CancellationToken, AsyncDuplexStreamingCall<TRequest, TResponse>> start, IEnumerable<TRequest> requests,
            [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = start(linked.Token);
        var writing = WriteAllAsync(call.RequestStream, requests);
        try
        {
            while (await MoveNextAsync(call.ResponseStream, cancellationToken).ConfigureAwait(false))
            {
                yield return call.ResponseStream.Current;
            }

            await ObserveAsync(writing, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A consumer that stops early ends the call; the writer then stops too.
            linked.Cancel();
            await IgnoreFailureAsync(writing).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every request, then half-closes the stream.</summary>
    private static async Task WriteAllAsync<T>(IClientStreamWriter<T> writer, IEnumerable<T> requests)
    {
        foreach (var request in requests)
        {
            await writer.WriteAsync(request).ConfigureAwait(false);
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task ObserveAsync(Task writing, CancellationToken cancellationToken)
    {
        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw RpcErrors.Map(exception, cancellationToken);
        }
    }

    private static async Task IgnoreFailureAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The call already failed or was abandoned: its outcome was reported by the reader.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
