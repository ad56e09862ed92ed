using System.Collections.Concurrent;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;

namespace Tarjuma.Core.Lookup;

/// <summary>
/// A store that keeps the retrieval indexes of its memories current: every write through it is
/// applied to the built indexes after the store has committed it. Indexes are built from the store
/// on first use (or by <see cref="WarmUpAsync"/> at start-up), one per memory and side, so they
/// survive restarts by being rebuilt. Writes made to the database by another process are not seen.
/// </summary>
public sealed class IndexedMemoryStore(IMemoryStore inner) : IMemoryStore, IDisposable
{
    /// <summary>Units read per page when catching an index up after an import.</summary>
    private const int CatchUpPage = 10_000;

    private readonly ConcurrentDictionary<(string Memory, MemorySide Side), IndexEntry> _indexes = new();
    private volatile bool _ready;

    /// <summary>
    /// Dead entries (replaced or deleted units) an index may carry before it is compacted; it is
    /// compacted once they are at least this many and as many as its live units, so the work is
    /// amortised over the writes that made them.
    /// </summary>
    public int CompactionMinimum { get; init; } = 10_000;

    /// <summary>The store underneath.</summary>
    public IMemoryStore Inner => inner;

    /// <summary>Units indexed between two progress reports: cheap next to indexing them.</summary>
    private const int ProgressInterval = 4_096;

    /// <summary>True once <see cref="WarmUpAsync"/> has built the source index of every memory.</summary>
    public bool IsReady => _ready;

    /// <summary>Builds the source-side index of every memory (reverse indexes are built on first use).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        foreach (var memory in await inner.ListMemoriesAsync(cancellationToken))
        {
            await GetIndexAsync(memory, MemorySide.Source, cancellationToken);
        }

        _ready = true;
    }

    /// <summary>The index of one side of a memory, built from the store when first asked for.</summary>
    public Task<MemoryIndex> GetIndexAsync(MemoryInfo memory, MemorySide side, CancellationToken cancellationToken = default) =>
        GetIndexAsync(memory, side, progress: null, cancellationToken);

    /// <summary>As above; <paramref name="progress"/> hears the units indexed so far during a build.</summary>
    public async Task<MemoryIndex> GetIndexAsync(MemoryInfo memory, MemorySide side, Action<long>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var entry = _indexes.GetOrAdd((memory.Name, side), _ => new IndexEntry());
        if (entry.Index is { } built)
        {
            return built;
        }

        // The gate is held for the whole build: writes arriving meanwhile wait and are applied after.
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Index is null)
            {
                var index = new MemoryIndex(memory.SourceLanguage, memory.TargetLanguage, side);
                long maxId = 0;
                long count = 0;
                await foreach (var unit in inner.StreamUnitsAsync(memory.Name, cancellationToken))
                {
                    index.Add(unit);
                    maxId = Math.Max(maxId, unit.Id);
                    if (++count % ProgressInterval == 0)
                    {
                        progress?.Invoke(count);
                    }
                }

                progress?.Invoke(count);

                entry.MaxId = maxId;
                entry.Index = index;
            }

            return entry.Index;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public Task<MemoryInfo> CreateMemoryAsync(NewMemory memory, CancellationToken cancellationToken = default) =>
        inner.CreateMemoryAsync(memory, cancellationToken);

    public Task<MemoryInfo?> FindMemoryAsync(string name, CancellationToken cancellationToken = default) =>
        inner.FindMemoryAsync(name, cancellationToken);

    public Task<IReadOnlyList<MemoryInfo>> ListMemoriesAsync(CancellationToken cancellationToken = default) =>
        inner.ListMemoriesAsync(cancellationToken);

    public Task<MemoryInfo> UpdateMemoryDescriptionAsync(string name, string description, CancellationToken cancellationToken = default) =>
        inner.UpdateMemoryDescriptionAsync(name, description, cancellationToken);

    public async Task DeleteMemoryAsync(string name, CancellationToken cancellationToken = default)
    {
        await inner.DeleteMemoryAsync(name, cancellationToken);
        foreach (var side in Enum.GetValues<MemorySide>())
        {
            if (_indexes.TryRemove((name, side), out var entry))
            {
                entry.Index?.Dispose();
            }
        }
    }

    public Task<MemoryStatistics> GetStatisticsAsync(string name, CancellationToken cancellationToken = default) =>
        inner.GetStatisticsAsync(name, cancellationToken);

    public async Task<IReadOnlyList<UnitWriteResult>> AddUnitsAsync(string memory, IReadOnlyList<TranslationUnit> units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        var results = await inner.AddUnitsAsync(memory, units, cancellationToken);
        await ApplyAsync(memory, async (entry, index) =>
        {
            for (var i = 0; i < results.Count; i++)
            {
                // A merged duplicate may have taken the newcomer's context: re-read what was stored.
                var stored = results[i].Outcome == UnitWriteOutcome.Added
                    ? units[i] with { Id = results[i].Id }
                    : await inner.FindUnitAsync(memory, results[i].Id, CancellationToken.None);
                if (stored is not null)
                {
                    index.Add(stored);
                    entry.MaxId = Math.Max(entry.MaxId, stored.Id);
                }
            }
        });
        return results;
    }

    public Task<TranslationUnit?> FindUnitAsync(string memory, long id, CancellationToken cancellationToken = default) =>
        inner.FindUnitAsync(memory, id, cancellationToken);

    public Task<IReadOnlyList<TranslationUnit>> FindUnitsAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default) =>
        inner.FindUnitsAsync(memory, ids, cancellationToken);

    public async Task<TranslationUnit> UpdateUnitAsync(string memory, TranslationUnit unit, CancellationToken cancellationToken = default)
    {
        var updated = await inner.UpdateUnitAsync(memory, unit, cancellationToken);
        await ApplyAsync(memory, (_, index) =>
        {
            index.Update(updated);
            return Task.CompletedTask;
        });
        return updated;
    }

    public async Task DeleteUnitAsync(string memory, long id, CancellationToken cancellationToken = default)
    {
        await inner.DeleteUnitAsync(memory, id, cancellationToken);
        await ApplyAsync(memory, (_, index) =>
        {
            index.Remove(id);
            return Task.CompletedTask;
        });
    }

    public Task<IReadOnlyList<TranslationUnit>> ListUnitsAsync(string memory, long afterId, int limit, CancellationToken cancellationToken = default) =>
        inner.ListUnitsAsync(memory, afterId, limit, cancellationToken);

    public IAsyncEnumerable<TranslationUnit> StreamUnitsAsync(string memory, CancellationToken cancellationToken = default) =>
        inner.StreamUnitsAsync(memory, cancellationToken);

    public async Task<ImportSummary> ImportAsync(string memory, IAsyncEnumerable<ImportItem> items, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var summary = await inner.ImportAsync(memory, items, options, cancellationToken);
        if (summary.Added > 0 || summary.Updated > 0)
        {
            // New units have ids above every id an index holds (ids only grow): page through them.
            // Merged duplicates keep their text; a context they took over shows after a rebuild.
            await ApplyAsync(memory, async (entry, index) =>
            {
                while (true)
                {
                    var page = await inner.ListUnitsAsync(memory, entry.MaxId, CatchUpPage, CancellationToken.None);
                    if (page.Count == 0)
                    {
                        break;
                    }

                    foreach (var unit in page)
                    {
                        index.Add(unit);
                    }

                    entry.MaxId = page[^1].Id;
                }
            });
        }

        return summary;
    }

    public Task<IReadOnlyList<TranslationUnit>> FindExactAsync(string memory, MemorySide side, string text, CancellationToken cancellationToken = default) =>
        inner.FindExactAsync(memory, side, text, cancellationToken);

    public Task RecordUsageAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default) =>
        inner.RecordUsageAsync(memory, ids, cancellationToken);

    public void Dispose()
    {
        foreach (var entry in _indexes.Values)
        {
            entry.Index?.Dispose();
            entry.Gate.Dispose();
        }

        (inner as IDisposable)?.Dispose();
    }

    /// <summary>
    /// Applies a committed write to every built index of <paramref name="memory"/>. Not cancellable:
    /// the store has committed, so the index must follow. An index not built yet needs nothing: its
    /// build will read the committed data.
    /// </summary>
    private async Task ApplyAsync(string memory, Func<IndexEntry, MemoryIndex, Task> apply)
    {
        foreach (var side in Enum.GetValues<MemorySide>())
        {
            if (!_indexes.TryGetValue((memory, side), out var entry))
            {
                continue;
            }

            await entry.Gate.WaitAsync(CancellationToken.None);
            try
            {
                if (entry.Index is { } index)
                {
                    await apply(entry, index);
                    var dead = index.DeadCount;
                    if (dead >= CompactionMinimum && dead >= index.Count)
                    {
                        // Under the gate, so no write is lost; lookups go on reading the old index meanwhile.
                        entry.Index = index.Compact();
                    }
                }
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    private sealed class IndexEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile MemoryIndex? Index;

        public long MaxId { get; set; }
    }
}
