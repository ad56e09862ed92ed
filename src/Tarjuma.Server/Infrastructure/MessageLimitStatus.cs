using Microsoft.AspNetCore.Http.Features;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// grpc-dotnet refuses a message over <c>MaxReceiveMessageSize</c> with RESOURCE_EXHAUSTED
/// "Received message exceeds the maximum configured message size.", before any interceptor sees
/// the call (for unary and server-streaming calls). This middleware rewrites that status message
/// to name the limit and the setting that raises it, as every other limit does.
/// </summary>
internal static class MessageLimitStatus
{
    private const string GrpcStatus = "grpc-status";
    private const string GrpcMessage = "grpc-message";
    private const string ResourceExhausted = "8";
    private const string FrameworkMessage = "Received message exceeds the maximum configured message size";

    public static async Task InvokeAsync(HttpContext context, Func<Task> next, int limit)
    {
        await next();

        // A call that fails before writing anything answers "trailers-only": the status is in the headers.
        if (!context.Response.HasStarted)
        {
            Rewrite(context.Response.Headers, limit);
        }

        if (context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { IsReadOnly: false } trailers)
        {
            Rewrite(trailers, limit);
        }
    }

    private static void Rewrite(IHeaderDictionary headers, int limit)
    {
        if (headers[GrpcStatus] == ResourceExhausted
            && headers[GrpcMessage].ToString().StartsWith(FrameworkMessage, StringComparison.Ordinal))
        {
            // ASCII only: grpc-message is percent-encoded on the wire and this needs no escaping.
            headers[GrpcMessage] = $"a message is larger than the limit of {limit} bytes "
                + $"(setting {TarjumaLimits.Section}:{nameof(TarjumaLimits.MaxMessageBytes)}); send smaller messages (TMX in chunks, long documents "
                    + $"through the stream calls).";
        }
    }
}
