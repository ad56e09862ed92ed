using System.Globalization;
using Npgsql;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.Units;
using Tarjuma.Storage.Postgres.Units;

namespace Tarjuma.Storage.Postgres;

/// <summary>Bulk import of the store: binary COPY inside the import's one transaction.</summary>
public sealed partial class PostgresMemoryStore
{
    /// <summary>
    /// Largest memory whose pair hashes an import loads to know which units are new without asking
    /// (about 20 bytes each, so 100 MB at most); beyond it every unit is probed in the database.
    /// </summary>
    private const int MaxPreloadedPairHashes = 5_000_000;

    /// <summary>
    /// Imports the stream in one transaction holding the memory's row lock: other writes to the memory
    /// wait, readers see the memory as it was until the commit, and a failure, a cancellation or a
    /// rejection without <see cref="ImportOptions.SkipInvalid"/> rolls everything back. New units go
    /// through one binary COPY straight into <c>units</c> (a staging table would write each row twice
    /// for no gain: the transaction already makes the import all-or-nothing). A unit whose pair hash
    /// is already known (stored, or earlier in the file) is set aside and merged after the COPY, in
    /// file order, by <see cref="PgUnitBatch"/>: the single-unit duplicate rule, set-based.
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

        if (options.CreateMemory is { } newMemory && !string.Equals(ValidateNewMemory(newMemory), memory, StringComparison.Ordinal))
        {
            throw TarjumaException.InvalidArgument("memory", $"the memory to create is '{newMemory.Name}', not '{memory}'.");
        }

        await using var write = await BeginWriteAsync(cancellationToken);
        var (memoryId, created) = await FindOrCreateForImportAsync(write, memory, options.CreateMemory, cancellationToken);
        var lastIdBefore = await LastUnitIdAsync(write, memoryId, cancellationToken);
        if (options.KeepIds && lastIdBefore != 0)
        {
            throw new TarjumaException(ErrorKind.FailedPrecondition, $"memory '{memory}' already holds units; ids are kept only in an empty memory.",
                "keep_ids");
        }

        var knownPairs = await LoadPairHashesAsync(write, memoryId, cancellationToken);
        var now = Now();
        long read = 0, added = 0, updated = 0, rejectedCount = 0;
        var rejected = new List<ImportRejection>();
        var maybeDuplicates = new List<PreparedUnit>();
        NpgsqlBinaryImporter? copy = null;
        var duplicates = new PgUnitBatch(write, memoryId, options.KeepIds);
        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read++;
                var rejection = item.Rejection;
                if (item.Unit is { } unit)
                {
                    PreparedUnit? prepared = null;
                    try
                    {
                        PreparedUnit.CheckKeptId(unit, options.KeepIds);
                        prepared = Prepare(unit);
                    }
                    catch (TarjumaException e) when (options.SkipInvalid)
                    {
                        rejection = new ImportRejection(0, 0, string.Create(CultureInfo.InvariantCulture, $"item {read}: {e.Message}"));
                    }

                    if (prepared is not null)
                    {
                        if (knownPairs is not null && knownPairs.Add(prepared.PairHash))
                        {
                            copy ??= await write.Connection.BeginBinaryImportAsync(
                                $"COPY units ({(options.KeepIds ? "id, " : "")}{PgUnitRow.InsertColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
                            await PgUnitRow.WriteCopyRowAsync(copy, memoryId, prepared, now, options.KeepIds, cancellationToken);
                            added++;
                        }
                        else
                        {
                            // Maybe a duplicate (of a stored unit or one earlier in the file): merged after the COPY.
                            maybeDuplicates.Add(prepared);
                        }
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

            await CompleteAsync(copy, cancellationToken);
            copy = null;
            await duplicates.WriteAsync(maybeDuplicates, now, cancellationToken);
        }
        catch (PostgresException e) when (options.KeepIds && e.SqlState == UniqueViolation)
        {
            // Only the primary key is unique in units: a kept id is taken (by another memory, or twice in the stream).
            throw new TarjumaException(ErrorKind.AlreadyExists, $"a unit id to keep is already in use ({e.Detail}); nothing was imported.", "unit.id");
        }
        finally
        {
            if (copy is not null)
            {
                // Disposed without Complete: the COPY is cancelled; the transaction then rolls back.
                try
                {
                    await copy.DisposeAsync();
                }
                catch (NpgsqlException)
                {
                    // The cancelled COPY reports itself as an error; the rollback that follows is what counts.
                }
            }
        }

        added += duplicates.Added;
        updated += duplicates.Merged;
        cancellationToken.ThrowIfCancellationRequested();
        await TouchMemoryAsync(write, memoryId, added, now, cancellationToken);
        if (created)
        {
            await write.LogAsync(ChangeKind.MemoryCreated, memory, [null], cancellationToken);
        }

        if (options.KeepIds && added > 0)
        {
            await MoveIdSequencePastAsync(write, cancellationToken);
        }

        if (added > 0)
        {
            // One entry for the whole import: the memory's row lock kept every other writer out, so
            // every unit above the previous last id is new.
            var firstAdded = await FirstUnitIdAfterAsync(write, memoryId, lastIdBefore, cancellationToken);
            await write.LogAsync(ChangeKind.UnitsImported, memory, [firstAdded], cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        options.Progress?.Invoke(read);
        return new ImportSummary(read, added, updated, rejected) { RejectedCount = rejectedCount, MemoryCreated = created };
    }

    private static async Task CompleteAsync(NpgsqlBinaryImporter? copy, CancellationToken cancellationToken)
    {
        if (copy is not null)
        {
            await copy.CompleteAsync(cancellationToken);
            await copy.DisposeAsync();
        }
    }

    private async Task<(long Id, bool Created)> FindOrCreateForImportAsync(WriteTransaction write, string memory, NewMemory? create,
        CancellationToken cancellationToken)
    {
        await using (var find = write.Command("SELECT id, source_lang, target_lang FROM memories WHERE name = $1 FOR UPDATE;"))
        {
            find.Parameters.AddWithValue(memory);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var source = LanguageTag.Parse(reader.GetString(1), "source_language");
                var target = LanguageTag.Parse(reader.GetString(2), "target_language");
                if (create is not null && (!source.Accepts(create.SourceLanguage) || !target.Accepts(create.TargetLanguage)))
                {
                    throw TarjumaException.InvalidArgument("source_language",
                        $"memory '{memory}' is {source} → {target}, not {create.SourceLanguage} → {create.TargetLanguage}.");
                }

                return (id, false);
            }
        }

        if (create is null)
        {
            throw TarjumaException.MemoryNotFound(memory);
        }

        // Logged at the end with the import: the log's lock is held from the first entry to the commit.
        return (await InsertMemoryAsync(write, create, cancellationToken), true);
    }

    /// <summary>
    /// After ids were given by the caller: the identity's next value goes above every stored id, so later
    /// adds do not collide. setval is not transactional; a rolled-back import leaves a gap in the ids, no more.
    /// </summary>
    private static async Task MoveIdSequencePastAsync(WriteTransaction write, CancellationToken cancellationToken)
    {
        await using var command = write.Command(
            "SELECT setval(s, greatest((SELECT max(id) FROM units), coalesce(pg_sequence_last_value(s::regclass), 0), 1)) "
            + "FROM pg_get_serial_sequence('units', 'id') AS s;");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<long> LastUnitIdAsync(WriteTransaction write, long memoryId, CancellationToken cancellationToken)
    {
        await using var command = write.Command("SELECT coalesce(max(id), 0) FROM units WHERE memory_id = $1;");
        command.Parameters.AddWithValue(memoryId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> FirstUnitIdAfterAsync(WriteTransaction write, long memoryId, long afterId, CancellationToken cancellationToken)
    {
        await using var command = write.Command("SELECT min(id) FROM units WHERE memory_id = $1 AND id > $2;");
        command.Parameters.AddWithValue(memoryId);
        command.Parameters.AddWithValue(afterId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<HashSet<long>?> LoadPairHashesAsync(WriteTransaction write, long memoryId, CancellationToken cancellationToken)
    {
        await using var count = write.Command("SELECT unit_count FROM memories WHERE id = $1;");
        count.Parameters.AddWithValue(memoryId);
        var units = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (units > MaxPreloadedPairHashes)
        {
            return null;
        }

        var hashes = new HashSet<long>(capacity: (int)units);
        await using var select = write.Command("SELECT pair_hash FROM units WHERE memory_id = $1;");
        select.Parameters.AddWithValue(memoryId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes.Add(reader.GetInt64(0));
        }

        return hashes;
    }
}
