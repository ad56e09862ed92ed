using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Tarjuma.Core.Model;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// The one place that maps domain errors to gRPC status codes. A <see cref="TarjumaException"/>
/// becomes its status with the message (and a google.rpc.BadRequest naming the field); a
/// cancellation becomes Cancelled or DeadlineExceeded; anything else is logged and reported as
/// Internal without details, never Unknown with a stack trace.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
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
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
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
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    /// <summary>A cancellation this close to the deadline is the deadline's.</summary>
    private static readonly TimeSpan DeadlineTolerance = TimeSpan.FromMilliseconds(100);

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case TarjumaException domain:
                return ToRpcException(domain);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // The deadline timer may fire a little before the clock reaches the deadline.
                var expired = context.Deadline <= DateTime.UtcNow + DeadlineTolerance;
                return new RpcException(new Grpc.Core.Status(
                    expired ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
                    expired ? "The deadline expired before the call completed." : "The call was cancelled."));
            case System.Data.Common.DbException { IsTransient: true }:
                // A networked store (PostgreSQL) that cannot be reached: the client may retry; health says NOT_SERVING.
                ServerLog.UnhandledError(logger, context.Method, exception);
                return new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "The database cannot be reached; retry later."));
            default:
                ServerLog.UnhandledError(logger, context.Method, exception);
                return new RpcException(new Grpc.Core.Status(StatusCode.Internal, "Internal error; the server log has the details."));
        }
    }

    /// <summary>Builds the rich status (google.rpc.Status with BadRequest for invalid fields).</summary>
    public static RpcException ToRpcException(TarjumaException exception)
    {
        var code = CodeOf(exception);
        var status = new Google.Rpc.Status { Code = (int)code, Message = exception.Message };
        if (exception is { Kind: ErrorKind.InvalidArgument, Field: { } field })
        {
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = exception.Message } },
            }));
        }

        return status.ToRpcException();
    }

    /// <summary>The per-request error of a LookupStream response: the code and message the unary call would fail with.</summary>
    public static Protos.V1.LookupError ToLookupError(TarjumaException exception) =>
        new() { Code = (int)CodeOf(exception), Message = exception.Message, Field = exception.Field ?? string.Empty };

    private static Code CodeOf(TarjumaException exception) => exception.Kind switch
    {
        ErrorKind.InvalidArgument => Code.InvalidArgument,
        ErrorKind.NotFound => Code.NotFound,
        ErrorKind.AlreadyExists => Code.AlreadyExists,
        ErrorKind.FailedPrecondition => Code.FailedPrecondition,
        ErrorKind.ResourceExhausted => Code.ResourceExhausted,
        ErrorKind.PermissionDenied => Code.PermissionDenied,
        // Unavailable, not Aborted: nothing conflicted with the request itself, the database was
        // locked for longer than the wait; retrying the same call later is right (AIP-194).
        ErrorKind.Unavailable => Code.Unavailable,
        _ => Code.Internal,
    };
}
