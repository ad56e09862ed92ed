using Tarjuma.Core.Storage;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Segmentation;

/// <summary>
/// Learns memories' abbreviations in the background, one memory at a time: each memory an import
/// or an add reports, and every memory now and then (<see cref="SweepInterval"/>).
/// </summary>
internal sealed class AbbreviationLearningWorker(MemoryRules rules, IMemoryStore store, ILogger<AbbreviationLearningWorker> logger) : BackgroundService
{
    /// <summary>
    /// How often every memory is checked again. A report can be missed (units written by another
    /// process reach this one through the change log, not through a call; a learning run can fail),
    /// and the check is cheap: two indexed reads per memory, learning only when it is due.
    /// </summary>
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = SweepAsync(stoppingToken);
        await foreach (var memory in rules.Queue.ReadAllAsync(stoppingToken))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                if (await rules.LearnIfDueAsync(memory, stoppingToken))
                {
                    ServerLog.AbbreviationsLearned(logger, memory, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A memory deleted meanwhile, a full disk: the next report or sweep tries again.
                ServerLog.AbbreviationLearningFailed(logger, memory, exception);
            }
        }

        await sweep;
    }

    /// <summary>Reports every memory at start-up and then every <see cref="SweepInterval"/>.</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        do
        {
            try
            {
                foreach (var memory in await store.ListMemoriesAsync(stoppingToken))
                {
                    rules.MemoryGrew(memory.Name);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                ServerLog.AbbreviationLearningFailed(logger, "(every memory)", exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
