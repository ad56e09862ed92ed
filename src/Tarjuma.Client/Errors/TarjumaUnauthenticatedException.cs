using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>Unauthenticated</c>: no API key, or one the server does not know (or revoked).</summary>
public sealed class TarjumaUnauthenticatedException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaUnauthenticatedException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
