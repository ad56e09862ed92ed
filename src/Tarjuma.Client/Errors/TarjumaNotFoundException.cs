using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>NotFound</c>: the memory, unit or key does not exist.</summary>
public sealed class TarjumaNotFoundException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaNotFoundException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
