using Microsoft.Extensions.Options;
using Tarjuma.Core.Lookup;
using Tarjuma.Core.Storage;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Keeps the retrieval indexes current with writes other processes make to the database (the
/// command line with --db, other replicas): reads the store's change log and applies what is new.
/// A store that pushes notifications (PostgreSQL's LISTEN/NOTIFY) wakes it at once; since a
/// notification can be lost (a dropped connection), it also reads every
/// <see cref="TarjumaServerOptions.ChangeFallbackInterval"/>. A store without them is polled every
/// <see cref="TarjumaServerOptions.ChangePollInterval"/>. Lookups also sync before they read, so
/// this bounds the lag only for indexes nobody is reading. A failed read (the database gone) leaves
/// the position where it was: the next round retries and catches up.
/// </summary>
internal sealed class ChangeFollower(
    IndexedMemoryStore store, StorePorts ports, IOptions<TarjumaServerOptions> options, TimeProvider clock, ILogger<ChangeFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ports.Changes is { } signal)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await signal.WaitAsync(options.Value.ChangeFallbackInterval, stoppingToken);
                await SyncAsync(stoppingToken);
            }

            return;
        }

        using var timer = new PeriodicTimer(options.Value.ChangePollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SyncAsync(stoppingToken);
        }
    }

    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.SyncAsync(wait: true, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ServerLog.ChangeSyncFailed(logger, exception);
            // Not in a tight loop while the database is away: a notification may be waiting already.
            await Task.Delay(options.Value.ChangePollInterval, clock, stoppingToken);
        }
    }
}
