using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>Unavailable</c>: the server cannot be reached or is shutting down (idempotent calls were already retried).</summary>
public sealed class TarjumaUnavailableException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaUnavailableException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
