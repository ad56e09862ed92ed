using Grpc.Core;

namespace Tarjuma.Client;

/// <summary>
/// A call the server refused or could not complete. Derives from <see cref="RpcException"/>, so code
/// catching that keeps working; subclasses name the common status codes. <see cref="Field"/> and
/// <see cref="Line"/> say what the server pointed at, when it did.
/// </summary>
public class TarjumaRpcException : RpcException
{
    /// <summary>An error with the server's status and, if known, the field, line and column it named.</summary>
    public TarjumaRpcException(Status status, Metadata trailers, string? field, int? line, int? column)
        : base(status, trailers, Describe(status, field))
    {
        Field = field;
        Line = line;
        Column = column;
    }

    /// <summary>
    /// The request field the server named (a <c>google.rpc.BadRequest</c> field violation), e.g.
    /// <c>source_language</c> or <c>tmx</c>; null when it named none.
    /// </summary>
    public string? Field { get; }

    /// <summary>The 1-based line of the input (a TMX file) the server named, or null.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column on <see cref="Line"/>, or null.</summary>
    public int? Column { get; }

    /// <summary>
    /// The typed exception for a status that did not come through this client's calls (an in-process
    /// service, a hand-made call): the same kind, field, line and column a call would throw.
    /// </summary>
    /// <param name="exception">The status, e.g. with a <c>google.rpc.BadRequest</c> naming the field.</param>
    public static TarjumaRpcException From(RpcException exception)
    {
        TarjumaClient.ThrowIfNull(exception, nameof(exception));

        // No caller token: a Cancelled status stays an error of that code, never an OperationCanceledException.
        return (TarjumaRpcException)RpcErrors.Map(exception, CancellationToken.None);
    }

    private static string Describe(Status status, string? field) =>
        field is null || status.Detail.StartsWith(field, StringComparison.Ordinal)
            ? status.StatusCode + ": " + status.Detail
            : status.StatusCode + ": " + field + ": " + status.Detail;
}
