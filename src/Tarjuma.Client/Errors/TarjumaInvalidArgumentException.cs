using Grpc.Core;

namespace Tarjuma.Client;

/// <summary><c>InvalidArgument</c>: a bad request field or input; <see cref="TarjumaRpcException.Field"/> (and for TMX <see cref="TarjumaRpcException.Line"/>)
/// say which.</summary>
public sealed class TarjumaInvalidArgumentException : TarjumaRpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaInvalidArgumentException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, field, line, column)
    {
    }
}
