using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>PermissionDenied</c>: the API key has no grant for this memory or call.</summary>
public sealed class TarjumaPermissionDeniedException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaPermissionDeniedException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
