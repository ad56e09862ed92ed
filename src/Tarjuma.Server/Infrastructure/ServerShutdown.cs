using Microsoft.Extensions.Options;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Graceful shutdown: when the host stops, in-flight calls get <see cref="TarjumaServerOptions.ShutdownGrace"/>
/// to finish; then <see cref="Token"/> fires, every call still running is cancelled (an import rolls
/// back) and ends with <c>Unavailable</c>, before the host's own timeout would cut connections.
/// </summary>
internal sealed class ServerShutdown : IDisposable
{
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

    /// <summary>Links each request's abort token with <see cref="Token"/>; gRPC calls see it as their cancellation token.</summary>
    public async Task LinkAsync(HttpContext context, Func<Task> next)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Token);
        context.RequestAborted = linked.Token;
        await next();
    }

    public void Dispose()
    {
        _registration.Dispose();
        _stopping.Dispose();
    }
}
