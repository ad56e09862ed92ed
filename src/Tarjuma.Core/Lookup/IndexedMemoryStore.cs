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

    /// <summary>How long <see cref="Dispose"/> waits for snapshots being written.</summary>
    private static readonly TimeSpan SnapshotDisposeWait = TimeSpan.FromSeconds(10);

    /// <summary>An import of at least this many units is followed by a new snapshot of the indexes it went into.</summary>
    private const int SnapshotAfterImport = 10_000;

    /// <summary>Change-log entries read per query while syncing.</summary>
    private const int ChangePage = 5_000;

    private readonly ConcurrentDictionary<(string Memory, MemorySide Side), IndexEntry> _indexes = new();

    /// <summary>Memory rows for lookups (see <see cref="FindMemoryForLookupAsync"/>); dropped with the memory's indexes.</summary>
    private readonly ConcurrentDictionary<string, MemoryInfo> _lookupMemories = new(StringComparer.Ordinal);
    private readonly Lock _lookupMemoriesLock = new();

    /// <summary>Counts <see cref="ForgetMemory"/> calls: a row read before one is not kept (it may be the deleted memory's).</summary>
    private long _forgotten;
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly Lock _snapshotLock = new();
    private readonly Lock _positionLock = new();
    private Task _snapshots = Task.CompletedTask;
    private int _snapshotsLoaded;
    private int _snapshotsRejected;
    private int _snapshotsWritten;

    /// <summary>The last change-log position applied; -1 until the first index is built or synced.</summary>
    private long _applied = -1;

    /// <summary>
    /// The position at which this process started following the log (or reloaded after pruning): every
    /// memory's changes up to it are in the store as read then. -1 until set, always before <see cref="_applied"/>.
    /// </summary>
    private long _versionBase = -1;

    /// <summary>Per memory, the sequence of the latest change applied since <see cref="_versionBase"/> (memory versions).</summary>
    private readonly ConcurrentDictionary<string, long> _lastChange = new(StringComparer.Ordinal);

    /// <summary>
    /// Dead entries (replaced or deleted units) an index may carry before it is compacted; it is
    /// compacted once they are at least this many and as many as its live units, so the work is
    /// amortised over the writes that made them.
    /// </summary>
    public int CompactionMinimum { get; init; } = 10_000;

    /// <summary>
    /// Where index snapshots are kept (the server: a folder beside the database); null keeps none. A
    /// snapshot is written after each build, compaction and large import, and read at start-up instead of
    /// building from the store when it is valid (see <see cref="TryLoadSnapshotAsync"/>).
    /// </summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>Indexes read from snapshots so far.</summary>
    public int SnapshotsLoaded => Volatile.Read(ref _snapshotsLoaded);

    /// <summary>Snapshots found but not used (then built from the store).</summary>
    public int SnapshotsRejected => Volatile.Read(ref _snapshotsRejected);

    /// <summary>Snapshots written so far.</summary>
    public int SnapshotsWritten => Volatile.Read(ref _snapshotsWritten);

    /// <summary>Why the last snapshot was rejected or could not be written; null when none was.</summary>
    public string? LastSnapshotProblem { get; private set; }

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
    public Task<MemoryIndex> GetIndexAsync(MemoryInfo memory, MemorySide side, Action<long>? progress, CancellationToken cancellationToken = default) =>
        GetIndexAsync(memory, side, progress, sync: true, cancellationToken);

    /// <summary>
    /// A memory's row for a lookup, after applying the change log as <see cref="GetIndexAsync(MemoryInfo, MemorySide, CancellationToken)"/>
    /// does; null when there is no such memory. What a lookup needs of it (name, languages, creation time) never changes while the
    /// memory exists, so it is read from the store once and kept until the change log or a call through this store creates or deletes
    /// a memory of that name: one store round trip less per lookup (issue #12). Other fields (counts, description) may be stale.
    /// </summary>
    public async Task<MemoryInfo?> FindMemoryForLookupAsync(string name, CancellationToken cancellationToken = default)
    {
        await SyncAsync(wait: false, cancellationToken);
        if (_lookupMemories.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var forgotten = Interlocked.Read(ref _forgotten);
        var found = await inner.FindMemoryAsync(name, cancellationToken);
        if (found is not null && HasIndex(name))
        {
            // Kept only once the memory has an index (so the change log is followed): DropIndexes, which every create or
            // delete reaches, forgets it.
            lock (_lookupMemoriesLock)
            {
                if (_forgotten == forgotten)
                {
                    _lookupMemories[name] = found;
                }
            }
        }

        return found;
    }

    /// <summary>The index for a lookup that has just synced (<see cref="FindMemoryForLookupAsync"/>): no second change-log read.</summary>
    internal Task<MemoryIndex> GetIndexForLookupAsync(MemoryInfo memory, MemorySide side, CancellationToken cancellationToken) =>
        GetIndexAsync(memory, side, progress: null, sync: false, cancellationToken);

    private async Task<MemoryIndex> GetIndexAsync(MemoryInfo memory, MemorySide side, Action<long>? progress, bool sync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);

        // Cheap when nothing changed (one indexed read); never waits behind a sync in progress.
        if (sync)
        {
            await SyncAsync(wait: false, cancellationToken);
        }

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
            if (entry.Index is null && await TryLoadSnapshotAsync(memory, side, cancellationToken) is { } loaded)
            {
                entry.Index = loaded;
            }

            if (entry.Index is null)
            {
                var position = Volatile.Read(ref _applied);
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
                ScheduleSnapshot(memory, side, index, position);
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
        ForgetMemory(name);
        await SyncAfterWriteAsync();
    }

    public Task<MemoryStatistics> GetStatisticsAsync(string name, CancellationToken cancellationToken = default) =>
        inner.GetStatisticsAsync(name, cancellationToken);

    public async Task<IReadOnlyList<UnitWriteResult>> AddUnitsAsync(string memory, IReadOnlyList<TranslationUnit> units,
        CancellationToken cancellationToken = default)
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

    public async Task<ImportSummary> ImportAsync(string memory, IAsyncEnumerable<ImportItem> items, ImportOptions options,
        CancellationToken cancellationToken = default)
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

                    // Every memory's version moves to the new base (before the per-memory ones go): no version is reused.
                    Volatile.Write(ref _versionBase, latest);
                    _lastChange.Clear();
                    Volatile.Write(ref _applied, latest);
                    return true;
                }

                if (page.Changes.Count == 0)
                {
                    return applied;
                }

                await ApplyChangesAsync(page.Changes);
                foreach (var change in page.Changes)
                {
                    _lastChange[change.Memory] = change.Sequence;
                }

                Volatile.Write(ref _applied, page.Changes[^1].Sequence);
                applied = true;
            }
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>
    /// A version of one memory that changes whenever its units or its existence change (every change-log
    /// entry for it, written by this process or another): the sequence of its latest change this
    /// process applied, or the position it started following the log from when it has applied none.
    /// Cheap (the log is synced first: one indexed read when nothing is new). Never reused for other
    /// content, though a restart or a pruned log may give unchanged content a new version. Not covered:
    /// what the log does not record (descriptions, usage counts); <see cref="MemoryInfo.UpdatedAt"/> moves with those.
    /// </summary>
    public async Task<long> GetMemoryVersionAsync(string memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        await EnsurePositionAsync(cancellationToken);
        await SyncAsync(wait: true, cancellationToken);
        return _lastChange.TryGetValue(memory, out var sequence) ? sequence : Volatile.Read(ref _versionBase);
    }

    /// <summary>Completes once the snapshots scheduled so far are written (or have failed).</summary>
    public Task WaitForSnapshotsAsync()
    {
        lock (_snapshotLock)
        {
            return _snapshots;
        }
    }

    public void Dispose()
    {
        // A snapshot being written is let finish (briefly): the folder may be removed right after, and the next
        // start reads it. One still writing after that is abandoned as a temporary file, never a half snapshot.
        _ = WaitForSnapshotsAsync().Wait(SnapshotDisposeWait);
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
        lock (_positionLock)
        {
            // The base first: whoever sees a position sees the base that goes with it.
            if (Volatile.Read(ref _applied) < 0)
            {
                Volatile.Write(ref _versionBase, latest);
                Volatile.Write(ref _applied, latest);
            }
        }
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

                // An import can be most of a memory: without a new snapshot a restart would re-add it unit by unit.
                if (after >= firstId + SnapshotAfterImport && await FindMemoryAsync(memory, CancellationToken.None) is { } info)
                {
                    ScheduleSnapshot(info, index.Side, index, Volatile.Read(ref _applied));
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

    private void ForgetMemory(string memory)
    {
        lock (_lookupMemoriesLock)
        {
            _forgotten++;
            _lookupMemories.TryRemove(memory, out _);
        }
    }

    private void DropIndexes(string memory)
    {
        ForgetMemory(memory);
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
                        if (await FindMemoryAsync(memory, CancellationToken.None) is { } info)
                        {
                            ScheduleSnapshot(info, side, entry.Index, Volatile.Read(ref _applied));
                        }
                    }
                }
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    /// <summary>The snapshot file of one side of a memory in <see cref="SnapshotDirectory"/> (the name hashed: any name is a safe file name).</summary>
    private string SnapshotPath(string memory, MemorySide side) =>
        Path.Combine(SnapshotDirectory!, $"{Fnv.Hash(memory):x16}.{(side == MemorySide.Source ? "source" : "target")}.tjix");

    /// <summary>
    /// Writes a snapshot of <paramref name="index"/> in the background, after the ones already scheduled.
    /// <paramref name="sequence"/> is a change-log position whose changes are all in the index (read before the
    /// index's state is); the file replaces the old one only once complete and flushed.
    /// </summary>
    private void ScheduleSnapshot(MemoryInfo memory, MemorySide side, MemoryIndex index, long sequence)
    {
        if (SnapshotDirectory is null || sequence < 0)
        {
            return;
        }

        lock (_snapshotLock)
        {
            _snapshots = _snapshots.ContinueWith(
                _ => WriteSnapshot(memory, side, index, sequence), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void WriteSnapshot(MemoryInfo memory, MemorySide side, MemoryIndex index, long sequence)
    {
        var path = SnapshotPath(memory.Name, side);
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(SnapshotDirectory!);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                index.WriteSnapshot(file, new IndexSnapshotInfo(memory.Name, memory.CreatedAt.UtcTicks, sequence));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            Interlocked.Increment(ref _snapshotsWritten);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A snapshot only saves start-up time: without one the next start builds from the store.
            LastSnapshotProblem = $"writing {path}: {exception.Message}";
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Overwritten by the next attempt.
            }
        }
    }

    /// <summary>
    /// The index of one side of a memory from its snapshot, brought up to date with the change log from the
    /// snapshot's sequence on; null (and the caller builds from the store) when there is none, or it is
    /// unreadable (checksum, version, truncation), of another memory by that name, newer than the store, or
    /// older than the change log still held.
    /// </summary>
    private async Task<MemoryIndex?> TryLoadSnapshotAsync(MemoryInfo memory, MemorySide side, CancellationToken cancellationToken)
    {
        if (SnapshotDirectory is null || !File.Exists(SnapshotPath(memory.Name, side)))
        {
            return null;
        }

        var path = SnapshotPath(memory.Name, side);
        try
        {
            var (index, info) = await Task.Run(() => MemoryIndex.ReadSnapshot(path), cancellationToken);
            var latest = await inner.GetLatestChangeAsync(cancellationToken);
            if (!string.Equals(info.Memory, memory.Name, StringComparison.Ordinal) || info.CreatedAtTicks != memory.CreatedAt.UtcTicks
                || index.Side != side || info.Sequence > latest
                || !(side == MemorySide.Source ? index.Language == memory.SourceLanguage : index.Language == memory.TargetLanguage))
            {
                return Reject($"{path} is of another memory, side or store state (sequence {info.Sequence}, store at {latest}).");
            }

            if (await CatchUpSnapshotAsync(memory.Name, index, info.Sequence, cancellationToken) is not { } reached)
            {
                return Reject($"{path} is older than the change log still held, or its memory was deleted since.");
            }

            Interlocked.Increment(ref _snapshotsLoaded);
            if (reached > info.Sequence)
            {
                // The next start need not apply these changes again.
                ScheduleSnapshot(memory, side, index, reached);
            }

            return index;
        }
        catch (InvalidDataException exception)
        {
            return Reject($"{path}: {exception.Message}");
        }
        catch (IOException exception)
        {
            return Reject($"{path}: {exception.Message}");
        }

        MemoryIndex? Reject(string why)
        {
            Interlocked.Increment(ref _snapshotsRejected);
            LastSnapshotProblem = why;
            return null;
        }
    }

    /// <summary>
    /// Applies to a loaded snapshot the logged changes of its memory after <paramref name="sequence"/>, re-reading
    /// the units concerned as a sync does (idempotent, so changes also applied later by a sync do no harm).
    /// Returns the position reached; null when the log no longer reaches back there or the memory was deleted
    /// or created since.
    /// </summary>
    private async Task<long?> CatchUpSnapshotAsync(string memory, MemoryIndex index, long sequence, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        while (true)
        {
            var page = await inner.ReadChangesAsync(sequence, ChangePage, cancellationToken);
            if (page.Truncated)
            {
                return null;
            }

            if (page.Changes.Count == 0)
            {
                break;
            }

            foreach (var change in page.Changes.Where(c => string.Equals(c.Memory, memory, StringComparison.Ordinal)))
            {
                switch (change.Kind)
                {
                    case ChangeKind.UnitUpserted or ChangeKind.UnitDeleted when change.UnitId is { } id:
                        ids.Add(id);
                        break;
                    case ChangeKind.UnitsImported when change.UnitId is { } first:
                        await ReindexAsync(memory, index, ids, cancellationToken);
                        for (var after = first - 1; ;)
                        {
                            var units = await inner.ListUnitsAsync(memory, after, CatchUpPage, cancellationToken);
                            if (units.Count == 0)
                            {
                                break;
                            }

                            foreach (var unit in units)
                            {
                                index.Add(unit);
                            }

                            after = units[^1].Id;
                        }

                        break;
                    case ChangeKind.MemoryCreated or ChangeKind.MemoryDeleted:
                        return null;
                }
            }

            sequence = page.Changes[^1].Sequence;
        }

        await ReindexAsync(memory, index, ids, cancellationToken);
        return sequence;
    }

    /// <summary>Puts the units <paramref name="ids"/> in <paramref name="index"/> as the store has them now (removed when gone).</summary>
    private async Task ReindexAsync(string memory, MemoryIndex index, HashSet<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var units = await inner.FindUnitsAsync(memory, [.. ids], cancellationToken);
        foreach (var unit in units)
        {
            index.Add(unit);
        }

        foreach (var id in ids.Except(units.Select(u => u.Id)))
        {
            index.Remove(id);
        }

        ids.Clear();
    }

    private sealed class IndexEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile MemoryIndex? Index;
    }
}
