using Tarjuma.Core.Lookup;
using Tarjuma.Core.Model;
using Tarjuma.Server.Security;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>A protocol call that passed authentication and the key's limits.</summary>
internal sealed record ProtocolCall(HttpContext Http, CallerIdentity Caller)
{
    public HttpRequest Request => Http.Request;

    public IndexedMemoryStore Store => Http.RequestServices.GetRequiredService<IndexedMemoryStore>();

    public CancellationToken Aborted => Http.RequestAborted;
}

/// <summary>How one protocol finds its key and writes its errors.</summary>
/// <param name="Name">For logs.</param>
/// <param name="ProtocolKey">The key when no Authorization header is sent: the path's, or the protocol's parameter.</param>
/// <param name="WriteError">Renders an error in the protocol's shape with this HTTP status.</param>
internal sealed record ProtocolStyle(string Name, Func<HttpContext, string?> ProtocolKey, Func<HttpResponse, int, string, Task> WriteError)
{
    /// <summary>Route value of a key in the path (<c>/tmserver/k/{pathKey}/…</c>), for clients with nowhere else to put one.</summary>
    public const string PathKey = "pathKey";

    public static string? KeyFromPath(HttpContext context) => context.GetRouteValue(PathKey) as string;
}

/// <summary>Runs a protocol handler behind the shared access checks and maps every failure to the protocol's error shape.</summary>
internal static partial class ProtocolEndpoint
{
    public static RequestDelegate Handle(ProtocolStyle style, Func<ProtocolCall, Task> handler) => async context =>
    {
        var access = context.RequestServices.GetRequiredService<ProtocolAccess>();
        int status;
        string message;
        TimeSpan? retryAfter = null;
        try
        {
            if (context.Request.HasFormContentType)
            {
                // Read once, asynchronously, so parameters can be read from it synchronously after.
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            var caller = await access.AuthenticateAsync(context, style.ProtocolKey(context));
            using var lease = access.Acquire(caller);
            await handler(new ProtocolCall(context, caller));
            return;
        }
        catch (ProtocolException exception)
        {
            (status, message, retryAfter) = (exception.Status, exception.Message, exception.RetryAfter);
        }
        catch (TarjumaException exception)
        {
            (status, message) = (StatusFor(exception.Kind), exception.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Failed(context.RequestServices.GetRequiredService<ILogger<ProtocolCall>>(), exception, style.Name, context.Request.Path.Value ?? "");
            (status, message) = (StatusCodes.Status500InternalServerError, "Internal error; the server log has the details.");
        }

        if (context.Response.HasStarted)
        {
            // A streamed body (TMX feed) cannot turn into an error any more: cut it so the client sees a failure.
            context.Abort();
            return;
        }

        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await style.WriteError(context.Response, status, message);
    };

    /// <summary>The HTTP status for an engine error; the same split as the gRPC status mapping.</summary>
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.AlreadyExists or ErrorKind.FailedPrecondition => StatusCodes.Status409Conflict,
        ErrorKind.ResourceExhausted => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.PermissionDenied => StatusCodes.Status403Forbidden,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    [LoggerMessage(200, LogLevel.Error, "{Protocol} call {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string protocol, string path);
}
