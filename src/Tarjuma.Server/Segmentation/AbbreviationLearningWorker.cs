using Tarjuma.Core.Storage;
using Tarjuma.Server.Infrastructure;

namespace Tarjuma.Server.Segmentation;

/// <summary>
/// Learns memories' abbreviations in the background, one memory at a time: at start-up every
/// memory not yet learned (or grown since), then each memory an import or an add reports.
/// </summary>
internal sealed class AbbreviationLearningWorker(MemoryRules rules, IMemoryStore store, ILogger<AbbreviationLearningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var memory in await store.ListMemoriesAsync(stoppingToken))
        {
            rules.MemoryGrew(memory.Name);
        }

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
                // A memory deleted meanwhile, a full disk: the next growth tries again.
                ServerLog.AbbreviationLearningFailed(logger, memory, exception);
            }
        }
    }
}
