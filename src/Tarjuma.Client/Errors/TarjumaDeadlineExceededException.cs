using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>DeadlineExceeded</c>: the call did not finish within its deadline (<see cref="TarjumaClientOptions.Deadline"/>).</summary>
public sealed class TarjumaDeadlineExceededException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaDeadlineExceededException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
