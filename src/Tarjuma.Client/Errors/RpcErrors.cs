using System.Globalization;
using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace Tarjuma.Client;

/// <summary>The one place that turns a gRPC status into the client's typed exceptions.</summary>
internal static class RpcErrors
{
    // The server's TMX reader starts its messages "line L, column C: …" (src/Tarjuma.Core/Tmx/TmxReader.cs).
    private static readonly Regex LinePrefix = new(@"\bline (\d+), column (\d+):", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The exception to throw for <paramref name="exception"/>: an <see cref="OperationCanceledException"/>
    /// when the caller cancelled, else a <see cref="TarjumaRpcException"/> of the status's kind.
    /// </summary>
    public static Exception Map(RpcException exception, CancellationToken cancellationToken)
    {
        if (exception is TarjumaRpcException)
        {
            return exception;
        }

        if (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The call was cancelled.", exception, cancellationToken);
        }

        var field = FieldOf(exception);
        int? line = null;
        int? column = null;
        var match = LinePrefix.Match(exception.Status.Detail);
        if (match.Success)
        {
            line = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            column = int.Parse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var status = exception.Status;
        var trailers = exception.Trailers;
        return status.StatusCode switch
        {
            StatusCode.InvalidArgument => new TarjumaInvalidArgumentException(status, trailers, field, line, column),
            StatusCode.NotFound => new TarjumaNotFoundException(status, trailers, field, line, column),
            StatusCode.AlreadyExists => new TarjumaAlreadyExistsException(status, trailers, field, line, column),
            StatusCode.FailedPrecondition => new TarjumaFailedPreconditionException(status, trailers, field, line, column),
            StatusCode.PermissionDenied => new TarjumaPermissionDeniedException(status, trailers, field, line, column),
            StatusCode.Unauthenticated => new TarjumaUnauthenticatedException(status, trailers, field, line, column),
            StatusCode.ResourceExhausted => new TarjumaResourceExhaustedException(status, trailers, field, line, column),
            StatusCode.Unavailable => new TarjumaUnavailableException(status, trailers, field, line, column),
            StatusCode.DeadlineExceeded => new TarjumaDeadlineExceededException(status, trailers, field, line, column),
            _ => new TarjumaRpcException(status, trailers, field, line, column),
        };
    }

    /// <summary>The first field violation of a google.rpc.BadRequest in the status details, if any.</summary>
    private static string? FieldOf(RpcException exception)
    {
        Google.Rpc.Status? rich;
        try
        {
            rich = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A proxy's malformed grpc-status-details-bin: the code and message still say enough.
            return null;
        }

        var badRequest = rich?.GetDetail<BadRequest>();
        return badRequest is { FieldViolations.Count: > 0 } ? badRequest.FieldViolations[0].Field : null;
    }
}
