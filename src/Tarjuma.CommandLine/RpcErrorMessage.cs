using System.Net.Sockets;
using Grpc.Core;
using Tarjuma.CommandLine.Backends;

namespace Tarjuma.CommandLine;

/// <summary>
/// Turns a failed server call into one line a person can act on: what went wrong and what to do,
/// instead of the transport's own words ("Error connecting to subchannel").
/// </summary>
internal static class RpcErrorMessage
{
    public static string Describe(RpcException exception, string? server)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = server ?? "the server";
        return exception.StatusCode switch
        {
            StatusCode.Unavailable when Find<SocketException>(exception) is { } socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"cannot reach the server at {where} (connection refused: is 'tarjuma serve' running there?)",
                SocketError.HostNotFound or SocketError.NoData => $"cannot reach the server at {where} (unknown host)",
                SocketError.TimedOut => $"cannot reach the server at {where} (timed out)",
                _ => $"cannot reach the server at {where} ({socket.Message})",
            },
            StatusCode.Unavailable when Find<HttpRequestException>(exception) is { } http =>
                $"cannot reach the server at {where} ({http.Message})",
            StatusCode.Unauthenticated => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RemoteBackend.ApiKeyVariable))
                ? $"the server at {where} needs an API key: set {RemoteBackend.ApiKeyVariable} to a key's secret ('tarjuma keys create'). Server said "
                    + $"Unauthenticated: {exception.Status.Detail}"
                : $"the server at {where} refused the key in {RemoteBackend.ApiKeyVariable} (revoked or mistyped?). Server said "
                    + $"Unauthenticated: {exception.Status.Detail}",
            StatusCode.PermissionDenied =>
                $"the key in {RemoteBackend.ApiKeyVariable} has no grant for this. Server said PermissionDenied: {exception.Status.Detail}",
            _ => $"server said {exception.StatusCode}: {exception.Status.Detail}",
        };
    }

    /// <summary>The first exception of type <typeparamref name="T"/> in the call's debug exception chain.</summary>
    private static T? Find<T>(RpcException exception)
        where T : Exception
    {
        for (var inner = exception.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }
}
