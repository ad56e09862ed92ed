using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Tarjuma.Protos.V1;

namespace Tarjuma.Client.Tests;

/// <summary>
/// The client against a server from before <c>offsets_only</c> (issue #12): such a server ignores the field and sends
/// each segment's text, which the client must keep, giving the same segments as a current server.
/// </summary>
public sealed class OlderServerTests : IDisposable
{
    private readonly ClientApplication _app = new(services =>
        services.Configure<GrpcServiceOptions>(options => options.Interceptors.Add<IgnoreOffsetsOnly>()));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_server_that_ignores_offsets_only_sends_text_and_the_client_keeps_it()
    {
        var client = _app.CreateTarjumaClient();
        var text = string.Join("\n\n", Enumerable.Range(0, 10).Select(i => $"{Fixtures.Book} {Fixtures.Weather} {Fixtures.Garden}"));
        var whole = await client.SegmentAsync(text, "tg");
        var pieces = Enumerable.Range(0, (text.Length + 10) / 11).Select(i => text.Substring(i * 11, Math.Min(11, text.Length - (i * 11))));

        var streamed = new List<TextSegment>();
        var requests = pieces.Select((piece, i) => new SegmentRequest { Text = piece, Language = i == 0 ? "tg" : "" });
        await foreach (var segment in client.SegmentDocumentAsync(requests))
        {
            streamed.Add(segment);
        }

        Assert.Equal(30, whole.Count);
        Assert.Equal(whole.Select(s => (s.Start, s.Length, s.Text)), streamed.Select(s => (s.Start, s.Length, s.Text)));
        Assert.Equal(1, IgnoreOffsetsOnly.Cleared);
    }

    /// <summary>Clears <c>offsets_only</c> on every segmentation request before the service reads it: an older server.</summary>
    private sealed class IgnoreOffsetsOnly : Interceptor
    {
        private static int _cleared;

        public static int Cleared => Volatile.Read(ref _cleared);

        public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
            IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
            continuation(new Clearing<TRequest>(requestStream), responseStream, context);

        private sealed class Clearing<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
        {
            public T Current => inner.Current;

            public async Task<bool> MoveNext(CancellationToken cancellationToken)
            {
                var more = await inner.MoveNext(cancellationToken);
                if (more && inner.Current is SegmentRequest { OffsetsOnly: true } request)
                {
                    request.OffsetsOnly = false;
                    Interlocked.Increment(ref _cleared);
                }

                return more;
            }
        }
    }
}
