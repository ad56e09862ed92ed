using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>AlreadyExists</c>: a memory with that name exists.</summary>
public sealed class TarjumaAlreadyExistsException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaAlreadyExistsException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
