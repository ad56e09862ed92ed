using System.Collections.Concurrent;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;

namespace Tarjuma.Core.Lookup;

/// <summary>
/// A store that keeps the retrieval indexes of its memories current from the store's change log:
/// <see cref="SyncAsync"/> applies every logged change after its position, in order, by re-reading
/// the units concerned, so writes through it and writes by other processes (the command line with
/// --db, another server on the same database) take one path. Writes through it sync before they
/// return (a lookup after a write sees it); a server also syncs on a timer and before lookups.
/// Indexes are built from the store on first use (or by <see cref="WarmUpAsync"/> at start-up),
/// one per memory and side, so they survive restarts by being rebuilt.
/// </summary>
public sealed class IndexedMemoryStore(IMemoryStore inner) : IMemoryStore, IDisposable
{
    /// <summary>Units read per page when catching an index up after an import.</summary>
    private const int CatchUpPage = 10_000;

    /// <summary>Change-log entries read per query while syncing.</summary>
    private const int ChangePage = 5_000;

    private readonly ConcurrentDictionary<(string Memory, MemorySide Side), IndexEntry> _indexes = new();
    private readonly SemaphoreSlim _syncGate = new(1, 1);

    /// <summary>The last change-log position applied; -1 until the first index is built or synced.</summary>
    private long _applied = -1;

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

    /// <summary>Builds the source-side index of every memory (reverse indexes are built on first use).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        foreach (var memory in await inner.ListMemoriesAsync(cancellationToken))
        {
            await GetIndexAsync(memory, MemorySide.Source, cancellationToken);
        }
    }

    /// <summary>The index of one side of a memory, built from the store when first asked for.</summary>
    public Task<MemoryIndex> GetIndexAsync(MemoryInfo memory, MemorySide side, CancellationToken cancellationToken = default) =>
        GetIndexAsync(memory, side, progress: null, cancellationToken);

    /// <summary>As above; <paramref name="progress"/> hears the units indexed so far during a build.</summary>
    public async Task<MemoryIndex> GetIndexAsync(MemoryInfo memory, MemorySide side, Action<long>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);

        // Cheap when nothing changed (one indexed read); never waits behind a sync in progress.
        await SyncAsync(wait: false, cancellationToken);
        var entry = _indexes.GetOrAdd((memory.Name, side), _ => new IndexEntry());
        if (entry.Index is { } built)
        {
            return built;
        }

        // The position is taken before the build reads: what the build misses, a later sync applies.
        await EnsurePositionAsync(cancellationToken);

        // The gate is held for the whole build: writes arriving meanwhile wait and are applied after.
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Index is null)
            {
                var index = new MemoryIndex(memory.SourceLanguage, memory.TargetLanguage, side);
                long count = 0;
                await foreach (var unit in inner.StreamUnitsAsync(memory.Name, cancellationToken))
                {
                    index.Add(unit);
                    if (++count % ProgressInterval == 0)
                    {
                        progress?.Invoke(count);
                    }
                }

                progress?.Invoke(count);
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
        await SyncAfterWriteAsync();
    }

    public Task<MemoryStatistics> GetStatisticsAsync(string name, CancellationToken cancellationToken = default) =>
        inner.GetStatisticsAsync(name, cancellationToken);

    public async Task<IReadOnlyList<UnitWriteResult>> AddUnitsAsync(string memory, IReadOnlyList<TranslationUnit> units, CancellationToken cancellationToken = default)
    {
        var results = await inner.AddUnitsAsync(memory, units, cancellationToken);
        await SyncAfterWriteAsync();
        return results;
    }

    public Task<TranslationUnit?> FindUnitAsync(string memory, long id, CancellationToken cancellationToken = default) =>
        inner.FindUnitAsync(memory, id, cancellationToken);

    public Task<IReadOnlyList<TranslationUnit>> FindUnitsAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default) =>
        inner.FindUnitsAsync(memory, ids, cancellationToken);

    public async Task<TranslationUnit> UpdateUnitAsync(string memory, TranslationUnit unit, CancellationToken cancellationToken = default)
    {
        var updated = await inner.UpdateUnitAsync(memory, unit, cancellationToken);
        await SyncAfterWriteAsync();
        return updated;
    }

    public async Task DeleteUnitAsync(string memory, long id, CancellationToken cancellationToken = default)
    {
        await inner.DeleteUnitAsync(memory, id, cancellationToken);
        await SyncAfterWriteAsync();
    }

    public Task<IReadOnlyList<TranslationUnit>> ListUnitsAsync(string memory, long afterId, int limit, CancellationToken cancellationToken = default) =>
        inner.ListUnitsAsync(memory, afterId, limit, cancellationToken);

    public IAsyncEnumerable<TranslationUnit> StreamUnitsAsync(string memory, CancellationToken cancellationToken = default) =>
        inner.StreamUnitsAsync(memory, cancellationToken);

    public async Task<ImportSummary> ImportAsync(string memory, IAsyncEnumerable<ImportItem> items, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var summary = await inner.ImportAsync(memory, items, options, cancellationToken);
        await SyncAfterWriteAsync();
        return summary;
    }

    public Task<IReadOnlyList<TranslationUnit>> FindExactAsync(string memory, MemorySide side, string text, CancellationToken cancellationToken = default) =>
        inner.FindExactAsync(memory, side, text, cancellationToken);

    public Task RecordUsageAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default) =>
        inner.RecordUsageAsync(memory, ids, cancellationToken);

    public Task<long> GetLatestChangeAsync(CancellationToken cancellationToken = default) =>
        inner.GetLatestChangeAsync(cancellationToken);

    public Task<ChangePage> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadChangesAsync(afterSequence, limit, cancellationToken);

    /// <summary>
    /// Applies the change log after the last applied position to the built indexes; true when there
    /// was anything to apply. One sync runs at a time; with <paramref name="wait"/> false a sync
    /// already running is not waited for (a lookup goes on with the indexes as they are).
    /// </summary>
    public async Task<bool> SyncAsync(bool wait = true, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _applied) < 0 || await inner.GetLatestChangeAsync(cancellationToken) <= Volatile.Read(ref _applied))
        {
            // Nothing built yet (a build reads the store as it is), or nothing new.
            return false;
        }

        if (!await _syncGate.WaitAsync(wait ? Timeout.Infinite : 0, cancellationToken))
        {
            return false;
        }

        try
        {
            var applied = false;
            while (true)
            {
                var page = await inner.ReadChangesAsync(_applied, ChangePage, cancellationToken);
                if (page.Truncated)
                {
                    // Entries this process never saw were pruned: rebuild every index from the store.
                    var latest = await inner.GetLatestChangeAsync(cancellationToken);
                    foreach (var key in _indexes.Keys)
                    {
                        DropIndexes(key.Memory);
                    }

                    Volatile.Write(ref _applied, latest);
                    return true;
                }

                if (page.Changes.Count == 0)
                {
                    return applied;
                }

                await ApplyChangesAsync(page.Changes);
                Volatile.Write(ref _applied, page.Changes[^1].Sequence);
                applied = true;
            }
        }
        finally
        {
            _syncGate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _indexes.Values)
        {
            entry.Index?.Dispose();
            entry.Gate.Dispose();
        }

        _syncGate.Dispose();
        (inner as IDisposable)?.Dispose();
    }

    /// <summary>The store has committed: the indexes must follow, whatever the caller's token says now.</summary>
    private Task<bool> SyncAfterWriteAsync() => SyncAsync(wait: true, CancellationToken.None);

    private async Task EnsurePositionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _applied) >= 0)
        {
            return;
        }

        var latest = await inner.GetLatestChangeAsync(cancellationToken);
        Interlocked.CompareExchange(ref _applied, latest, -1);
    }

    /// <summary>
    /// Applies changes in log order. Units are re-read as they are now, so applying a change twice,
    /// or after a later change to the same unit, ends in the store's state.
    /// </summary>
    private async Task ApplyChangesAsync(IReadOnlyList<StoreChange> changes)
    {
        var touched = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case ChangeKind.UnitUpserted or ChangeKind.UnitDeleted when change.UnitId is { } id:
                    if (HasIndex(change.Memory))
                    {
                        if (!touched.TryGetValue(change.Memory, out var ids))
                        {
                            touched[change.Memory] = ids = [];
                        }

                        ids.Add(id);
                    }

                    break;
                case ChangeKind.UnitsImported when change.UnitId is { } first:
                    await FlushAsync(change.Memory, touched);
                    await CatchUpAsync(change.Memory, first);
                    break;
                case ChangeKind.MemoryCreated or ChangeKind.MemoryDeleted:
                    // A name may come back with other languages: its indexes are rebuilt on next use.
                    touched.Remove(change.Memory);
                    DropIndexes(change.Memory);
                    break;
            }
        }

        foreach (var memory in touched.Keys.ToList())
        {
            await FlushAsync(memory, touched);
        }
    }

    /// <summary>Re-reads the touched units of a memory and puts each index in step with them.</summary>
    private async Task FlushAsync(string memory, Dictionary<string, HashSet<long>> touched)
    {
        if (!touched.Remove(memory, out var ids) || ids.Count == 0)
        {
            return;
        }

        IReadOnlyList<TranslationUnit> units;
        try
        {
            units = await inner.FindUnitsAsync(memory, [.. ids], CancellationToken.None);
        }
        catch (TarjumaException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            // Deleted since: its memory-deleted entry follows in the log.
            DropIndexes(memory);
            return;
        }

        var found = units.Select(unit => unit.Id).ToHashSet();
        await ApplyAsync(memory, index =>
        {
            foreach (var unit in units)
            {
                index.Add(unit);
            }

            foreach (var id in ids.Where(id => !found.Contains(id)))
            {
                index.Remove(id);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>An import added units with ids from <paramref name="firstId"/> on: page through them.</summary>
    private async Task CatchUpAsync(string memory, long firstId)
    {
        if (!HasIndex(memory))
        {
            return;
        }

        try
        {
            await ApplyAsync(memory, async index =>
            {
                var after = firstId - 1;
                while (true)
                {
                    var page = await inner.ListUnitsAsync(memory, after, CatchUpPage, CancellationToken.None);
                    if (page.Count == 0)
                    {
                        break;
                    }

                    foreach (var unit in page)
                    {
                        index.Add(unit);
                    }

                    after = page[^1].Id;
                }
            });
        }
        catch (TarjumaException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            DropIndexes(memory);
        }
    }

    private bool HasIndex(string memory) =>
        Enum.GetValues<MemorySide>().Any(side => _indexes.ContainsKey((memory, side)));

    private void DropIndexes(string memory)
    {
        foreach (var side in Enum.GetValues<MemorySide>())
        {
            if (_indexes.TryRemove((memory, side), out var entry))
            {
                // Lookups may still hold it: it is left to the collector rather than disposed under them.
                entry.Index = null;
            }
        }
    }

    /// <summary>
    /// Applies a committed write to every built index of <paramref name="memory"/>. Not cancellable:
    /// the store has committed, so the index must follow. An index not built yet needs nothing: its
    /// build will read the committed data.
    /// </summary>
    private async Task ApplyAsync(string memory, Func<MemoryIndex, Task> apply)
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
                    await apply(index);
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
    }
}
