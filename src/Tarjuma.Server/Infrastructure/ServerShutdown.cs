using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Graceful shutdown: when the host stops, in-flight calls get <see cref="TarjumaServerOptions.ShutdownGrace"/>
/// to finish; then <see cref="Token"/> fires, every call still running is cancelled (an import rolls
/// back) and ends with <c>Unavailable</c>, before the host's own timeout would cut connections.
/// </summary>
internal sealed class ServerShutdown : IDisposable
{
    /// <summary>HTTP/2 error code REFUSED_STREAM (RFC 9113 §7).</summary>
    private const int RefusedStream = 0x7;

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenRegistration _registration;

    public ServerShutdown(IHostApplicationLifetime lifetime, IOptions<TarjumaServerOptions> options)
    {
        var grace = options.Value.ShutdownGrace;
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            IsStopping = true;
            _stopping.CancelAfter(grace);
        });
    }

    /// <summary>Cancelled when the grace period after the stop signal is over.</summary>
    public CancellationToken Token => _stopping.Token;

    /// <summary>The host has been asked to stop.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>
    /// Ends each request when the grace is over; gRPC calls see the linked token as their cancellation
    /// token. A response already streaming is reset with REFUSED_STREAM instead: its next write may
    /// be stuck on HTTP/2 flow control (a slow reader), so trailers could not be relied on, and a
    /// cancelled write would reset it with CANCEL, which clients read as "the client gave up".
    /// Every client maps REFUSED_STREAM to Unavailable (gRPC PROTOCOL-HTTP2), which is honest: nothing
    /// a cut call did is kept, so it can be retried.
    /// </summary>
    public async Task LinkAsync(HttpContext context, Func<Task> next)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var stop = Token.Register(() =>
        {
            if (context.Response.HasStarted && context.Features.Get<IHttpResetFeature>() is { } reset)
            {
                reset.Reset(RefusedStream);
            }

            linked.Cancel();
        });
        context.RequestAborted = linked.Token;
        await next();
    }

    public void Dispose()
    {
        _registration.Dispose();
        _stopping.Dispose();
    }
}
