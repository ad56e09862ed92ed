using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Keeps the retrieval indexes current with writes other processes make to the database (the
/// command line with --db, another server): polls the store's change log every
/// <see cref="TarjumaServerOptions.ChangePollInterval"/> and applies what is new. Lookups also sync
/// before they read, so this bounds the lag only for indexes nobody is reading.
/// </summary>
internal sealed class ChangeFollower(IndexedMemoryStore store, IOptions<TarjumaServerOptions> options, TimeProvider clock, ILogger<ChangeFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ChangePollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.SyncAsync(wait: true, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed read (disk trouble, a lock) leaves the position where it was: the next tick retries.
                ServerLog.ChangeSyncFailed(logger, exception);
            }
        }
    }
}
