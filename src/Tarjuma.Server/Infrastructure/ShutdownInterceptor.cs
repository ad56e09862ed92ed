using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// A call cancelled because the server is stopping ends with <c>Unavailable</c> (retry elsewhere or
/// later, https://grpc.github.io/grpc/core/md_doc_statuscodes.html), not <c>Cancelled</c>, which
/// would say the client gave up. Runs inside <see cref="ErrorInterceptor"/>.
/// </summary>
internal sealed class ShutdownInterceptor(ServerShutdown shutdown) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsShutdown(exception))
        {
            throw Unavailable();
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (IsShutdown(exception))
        {
            throw Unavailable();
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest,
            TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (IsShutdown(exception))
        {
            throw Unavailable();
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (IsShutdown(exception))
        {
            throw Unavailable();
        }
    }

    private bool IsShutdown(Exception exception) =>
        shutdown.Token.IsCancellationRequested && exception is OperationCanceledException or IOException or RpcException { StatusCode: StatusCode.Cancelled };

    private static RpcException Unavailable() =>
        new(new Status(StatusCode.Unavailable, "The server is shutting down; retry the call."));
}
