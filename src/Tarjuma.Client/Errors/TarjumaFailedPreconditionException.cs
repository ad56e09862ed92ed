using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>FailedPrecondition</c>: the request is valid but the server's state does not allow it (e.g. languages that do not match the memory).</summary>
public sealed class TarjumaFailedPreconditionException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaFailedPreconditionException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
