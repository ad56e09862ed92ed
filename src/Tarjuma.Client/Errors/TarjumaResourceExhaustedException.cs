using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>ResourceExhausted</c>: a rate or size limit; the message says which and how long to wait.</summary>
public sealed class TarjumaResourceExhaustedException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaResourceExhaustedException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
