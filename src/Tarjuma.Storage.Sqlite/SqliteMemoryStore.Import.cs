using System.Globalization;
using System.Runtime.ExceptionServices;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Sqlite.Units;

namespace Tarjuma.Storage.Sqlite;

/// <summary>Bulk import of the store.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <summary>
    /// Page cache for an import, in KiB (SQLite's negative <c>cache_size</c>). The three hash indexes
    /// take inserts at random places; with SQLite's default 2 MB most of those land on pages that were
    /// just evicted. Measured with <c>import-store 1000000</c>: 64 MB ran as fast as 256 MB with half
    /// the peak working set. It is given back when the import ends.
    /// </summary>
    private const int ImportCacheKib = 64 * 1024;

    /// <summary>
    /// Largest memory whose pair hashes an import loads to skip the duplicate probe for new units:
    /// about 20 bytes each, so 100 MB at most. Beyond it every unit is probed in the database.
    /// </summary>
    private const int MaxPreloadedPairHashes = 5_000_000;

    /// <summary>SQLite's default <c>cache_size</c> (KiB), restored on the pooled connection after an import.</summary>
    private const int DefaultCacheKib = 2_000;

    /// <summary>Items prepared ahead of the writer at most: as many as the TMX reader runs ahead of the store.</summary>
    private const int PreparedAhead = 4_096;

    /// <summary>
    /// Imports the stream in one transaction while holding the writer lock, so other writes wait
    /// for the whole import (readers do not: they see the memory as it was until the commit).
    /// Units the store itself rejects (empty text, too long) count as rejections, listed with
    /// line and column 0 and the item number in the reason.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(string memory, IAsyncEnumerable<ImportItem> items, ImportOptions options,
        CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1)
        {
            throw TarjumaException.InvalidArgument("batch_size", "must be at least 1.");
        }

        if (options.CreateMemory is { } newMemory)
        {
            if (!string.Equals(ValidateNewMemory(newMemory), memory, StringComparison.Ordinal))
            {
                throw TarjumaException.InvalidArgument("memory", $"the memory to create is '{newMemory.Name}', not '{memory}'.");
            }
        }

        // Checking, NFC and hashing run on another thread, ahead of the writer: with the reader's thread
        // before them, an import keeps both cores busy (issue #12).
        return await ReadAhead.ConsumeAsync(items, item => PreparedItem.From(item, options.KeepIds), PreparedAhead,
            prepared => WriteImportAsync(memory, prepared, options, cancellationToken), cancellationToken);
    }

    /// <summary>The import's transaction: writes the prepared items in order, then commits.</summary>
    private async Task<ImportSummary> WriteImportAsync(string memory, IAsyncEnumerable<PreparedItem> items, ImportOptions options,
        CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(cancellationToken);
        var (memoryId, created) = await FindOrCreateForImportAsync(session, memory, options.CreateMemory, cancellationToken);
        using (var cacheSize = session.Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{ImportCacheKib};")))
        {
            cacheSize.ExecuteNonQuery();
        }

        // Pooled connections outlive the import: give the memory back when it ends, however it ends.
        session.SqlOnClose = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{DefaultCacheKib};");
        var now = Now();
        long read = 0, added = 0, updated = 0, rejectedCount = 0;
        long? firstAdded = null;
        var rejected = new List<ImportRejection>();
        var knownPairs = await LoadPairHashesAsync(session, memoryId, cancellationToken);
        if (options.KeepIds && knownPairs is not { Count: 0 })
        {
            throw new TarjumaException(ErrorKind.FailedPrecondition, $"memory '{memory}' already holds units; ids are kept only in an empty memory.",
                "keep_ids");
        }

        var bulk = knownPairs is { Count: 0 }
            ? new BulkLoad(session, Math.Max(Options.BulkLoadMinUnits, await CountUnitsAsync(session, cancellationToken)))
            : null;
        using (var writer = bulk is not null
            ? UnitWriter.ForEmptyMemory(session.Connection, session.Transaction, memoryId, options.KeepIds)
            : new UnitWriter(session.Connection, session.Transaction, memoryId, knownPairs, options.KeepIds))
        {
            await foreach (var entry in items.WithCancellation(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read++;
                var rejection = entry.Item.Rejection;
                if (entry.Refusal is { } refusal)
                {
                    if (!options.SkipInvalid)
                    {
                        ExceptionDispatchInfo.Throw(refusal);
                    }

                    rejection = new ImportRejection(0, 0, string.Create(CultureInfo.InvariantCulture, $"item {read}: {refusal.Message}"));
                }
                else if (entry.Unit is { } prepared)
                {
                    var written = writer.Write(prepared, now);
                    if (written.Outcome == UnitWriteOutcome.Added)
                    {
                        // The lowest new id (kept ids need not ascend): the log entry's readers take every id from it up.
                        firstAdded = Math.Min(firstAdded ?? long.MaxValue, written.Id);
                        added++;
                        options.SourceAdded?.Invoke(prepared.Source.Text);
                        bulk?.Added(added);
                    }
                    else
                    {
                        updated++;
                    }
                }
                else if (rejection is null)
                {
                    throw TarjumaException.InvalidArgument("items", string.Create(CultureInfo.InvariantCulture,
                        $"item {read} has neither a unit nor a rejection."));
                }

                if (rejection is not null)
                {
                    if (!options.SkipInvalid)
                    {
                        throw TarjumaException.InvalidArgument("items", $"{rejection}; nothing was imported.");
                    }

                    rejectedCount++;
                    if (rejected.Count < ImportSummary.MaxListedRejections)
                    {
                        rejected.Add(rejection);
                    }
                }

                if (read % options.BatchSize == 0)
                {
                    options.Progress?.Invoke(read);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        bulk?.RebuildIndexes(cancellationToken);
        await TouchMemoryAsync(session, memoryId, added, now, cancellationToken);
        if (firstAdded is { } first)
        {
            // One entry for the whole import (new ids are above every id before it): logging each
            // unit would add a row per unit to a million-unit import.
            LogChange(session, ChangeKind.UnitsImported, memory, first);
        }

        session.Commit();
        options.Progress?.Invoke(read);
        return new ImportSummary(read, added, updated, rejected) { RejectedCount = rejectedCount, MemoryCreated = created };
    }

    /// <summary>
    /// The memory's id; when it is missing and <paramref name="create"/> is given, creates it inside
    /// the import's transaction, so that it exists only if the import commits.
    /// </summary>
    private async Task<(long Id, bool Created)> FindOrCreateForImportAsync(WriteSession session, string memory, NewMemory? create,
        CancellationToken cancellationToken)
    {
        if (await FindMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken) is { } id)
        {
            if (create is not null)
            {
                // Created meanwhile by someone else: its languages must be those the units were read for.
                var existing = (await ReadMemoryAsync(session.Connection, session.Transaction, memory, cancellationToken))!;
                if (!existing.SourceLanguage.Accepts(create.SourceLanguage) || !existing.TargetLanguage.Accepts(create.TargetLanguage))
                {
                    throw TarjumaException.InvalidArgument("source_language",
                        $"memory '{memory}' is {existing.SourceLanguage} → {existing.TargetLanguage}, not {create.SourceLanguage} → {create.TargetLanguage}.");
                }
            }

            return (id, false);
        }

        if (create is null)
        {
            throw TarjumaException.MemoryNotFound(memory);
        }

        return (await InsertMemoryAsync(session, create, cancellationToken), true);
    }

    /// <summary>Units in the whole table (all memories), from the memories' counts.</summary>
    private static async Task<long> CountUnitsAsync(WriteSession session, CancellationToken cancellationToken)
    {
        using var sum = session.Command("SELECT coalesce(sum(unit_count), 0) FROM memories;");
        return (long)(await sum.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The pair hashes already in the memory, so that the duplicate probe runs only for units that
    /// may be duplicates; null (probe every unit) for a memory too large to hold them in memory.
    /// </summary>
    private static async Task<HashSet<long>?> LoadPairHashesAsync(WriteSession session, long memoryId, CancellationToken cancellationToken)
    {
        using var count = session.Command("SELECT unit_count FROM memories WHERE id = $memory;");
        count.Parameters.AddWithValue("$memory", memoryId);
        var units = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (units > MaxPreloadedPairHashes)
        {
            return null;
        }

        var hashes = new HashSet<long>(capacity: (int)units);
        // The pair index alone, scanned whole (its entries lead with the hash, schema version 5): by units_by_memory, SQLite would read
        // every row of the memory for its hash (0.20-0.26 s against 0.06 s for 950,000 units with the sqlite3 shell).
        using var select = session.Command("SELECT pair_hash FROM units INDEXED BY units_by_pair WHERE memory_id = $memory;");
        select.Parameters.AddWithValue("$memory", memoryId);
        using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes.Add(reader.GetInt64(0));
        }

        return hashes;
    }
}
