using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Units;
using Tarjuma.Storage.Postgres.Units;

namespace Tarjuma.Storage.Postgres;

/// <summary>Unit operations of the store; limits and rules are the SQLite store's.</summary>
public sealed partial class PostgresMemoryStore
{
    /// <summary>Largest page <see cref="ListUnitsAsync"/> returns; a larger limit is lowered to it (AIP-158).</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Most units one <see cref="AddUnitsAsync"/> call takes; larger loads go through import.</summary>
    public const int MaxUnitsPerAdd = 10_000;

    /// <summary>Units read per query while streaming: a short query per page, no long-held snapshot.</summary>
    private const int StreamChunkSize = 5_000;

    public async Task<IReadOnlyList<UnitWriteResult>> AddUnitsAsync(string memory, IReadOnlyList<TranslationUnit> units,
        CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count > MaxUnitsPerAdd)
        {
            throw TarjumaException.InvalidArgument("units", $"at most {MaxUnitsPerAdd} units per call; import larger sets.");
        }

        var prepared = new PreparedUnit[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            prepared[i] = Prepare(units[i]);
        }

        await using var write = await BeginWriteAsync(cancellationToken);
        var memoryId = await LockMemoryAsync(write, memory, cancellationToken);
        if (prepared.Length == 0)
        {
            return [];
        }

        var now = Now();
        // Set-based: a probe by hash array, one INSERT and one UPDATE from arrays, whatever the count.
        var batch = new PgUnitBatch(write, memoryId);
        var results = await batch.WriteAsync(prepared, now, cancellationToken);
        await TouchMemoryAsync(write, memoryId, batch.Added, now, cancellationToken);
        await write.LogAsync(ChangeKind.UnitUpserted, memory, [.. results.Select(result => (long?)result.Id)], cancellationToken);
        await write.CommitAsync(cancellationToken);
        return results;
    }

    public async Task<TranslationUnit?> FindUnitAsync(string memory, long id, CancellationToken cancellationToken = default)
    {
        var units = await FindUnitsAsync(memory, [id], cancellationToken);
        return units.Count == 0 ? null : units[0];
    }

    /// <summary>The units of <paramref name="ids"/> in the memory, in that order; one round trip (a lookup's read of its matches).</summary>
    public async Task<IReadOnlyList<TranslationUnit>> FindUnitsAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // The memory's row joined in: no row at all means no memory; one with a null unit, none of the ids there.
        await using var command = new NpgsqlCommand(
            $"SELECT {PgUnitRow.QualifiedColumns} FROM memories m LEFT JOIN units u ON u.memory_id = m.id AND u.id = ANY($2) WHERE m.name = $1;",
            connection);
        command.Parameters.AddWithValue(memory);
        command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, ids.Distinct().ToArray());
        var found = new Dictionary<long, TranslationUnit>(ids.Count);
        var memoryFound = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                memoryFound = true;
                if (!reader.IsDBNull(0))
                {
                    var unit = PgUnitRow.Read(reader);
                    found[unit.Id] = unit;
                }
            }
        }

        if (!memoryFound)
        {
            throw TarjumaException.MemoryNotFound(memory);
        }

        var units = new List<TranslationUnit>(found.Count);
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var unit))
            {
                units.Add(unit);
            }
        }

        return units;
    }

    public async Task<TranslationUnit> UpdateUnitAsync(string memory, TranslationUnit unit, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        var prepared = Prepare(unit);
        await using var write = await BeginWriteAsync(cancellationToken);
        var memoryId = await LockMemoryAsync(write, memory, cancellationToken);
        var stored = await ReadUnitAsync(write, memoryId, unit.Id, cancellationToken) ?? throw TarjumaException.UnitNotFound(memory, unit.Id);

        // One content, one unit: an edit may not turn a unit into a copy of another.
        await using (var probe = write.Command(
            $"SELECT {PgUnitRow.Columns} FROM units WHERE memory_id = $1 AND source_hash = $2 AND pair_hash = $3 AND id <> $4;"))
        {
            // By source hash (units_by_source): equal content has an equal source hash; there is no pair-hash index.
            probe.Parameters.AddWithValue(memoryId);
            probe.Parameters.AddWithValue(prepared.SourceHash);
            probe.Parameters.AddWithValue(prepared.PairHash);
            probe.Parameters.AddWithValue(unit.Id);
            foreach (var other in await PgUnitRow.ReadAllAsync(probe, cancellationToken))
            {
                if (other.Source.Equals(prepared.Source) && other.Target.Equals(prepared.Target))
                {
                    throw new TarjumaException(ErrorKind.AlreadyExists, $"unit {other.Id} in memory '{memory}' already has this source and target.", "unit");
                }
            }
        }

        var now = Now();
        await using (var update = write.Command(
            "UPDATE units SET memory_id = $1, source_text = $2, source_tags = $3, target_text = $4, target_tags = $5, source_hash = $6, "
            + "target_hash = $7, pair_hash = $8, prev_source = $9, next_source = $10, external_id = $11, props = $12, notes = $13, "
            + "created_by = $14, created_at = $15, changed_by = $16, changed_at = $17, usage_count = $18, last_used_at = $19 WHERE id = $20;"))
        {
            // Replace, except that a creation the caller does not restate is kept, and the change is stamped.
            var replacement = prepared.Unit with
            {
                CreatedBy = unit.CreatedBy ?? stored.CreatedBy,
                CreatedAt = unit.CreatedAt ?? stored.CreatedAt,
                ChangedAt = unit.ChangedAt ?? now,
            };
            PgUnitRow.AddInsertParameters(update, memoryId, Prepare(replacement), now);
            if (replacement.CreatedAt is null)
            {
                update.Parameters[14].Value = DBNull.Value;
            }

            update.Parameters.AddWithValue(unit.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await TouchMemoryAsync(write, memoryId, 0, now, cancellationToken);
        var updated = await ReadUnitAsync(write, memoryId, unit.Id, cancellationToken);
        await write.LogAsync(ChangeKind.UnitUpserted, memory, [unit.Id], cancellationToken);
        await write.CommitAsync(cancellationToken);
        return updated!;
    }

    public async Task DeleteUnitAsync(string memory, long id, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        await using var write = await BeginWriteAsync(cancellationToken);
        var memoryId = await LockMemoryAsync(write, memory, cancellationToken);
        await using (var delete = write.Command("DELETE FROM units WHERE id = $1 AND memory_id = $2;"))
        {
            delete.Parameters.AddWithValue(id);
            delete.Parameters.AddWithValue(memoryId);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw TarjumaException.UnitNotFound(memory, id);
            }
        }

        await TouchMemoryAsync(write, memoryId, -1, Now(), cancellationToken);
        await write.LogAsync(ChangeKind.UnitDeleted, memory, [id], cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TranslationUnit>> ListUnitsAsync(string memory, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 1)
        {
            throw TarjumaException.InvalidArgument("limit", "must be at least 1.");
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, memory, cancellationToken);
        return await ReadPageAsync(connection, memoryId, afterId, Math.Min(limit, MaxPageSize), cancellationToken);
    }

    public async IAsyncEnumerable<TranslationUnit> StreamUnitsAsync(string memory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, memory, cancellationToken);
        var afterId = 0L;
        while (true)
        {
            var page = await ReadPageAsync(connection, memoryId, afterId, StreamChunkSize, cancellationToken);
            foreach (var unit in page)
            {
                yield return unit;
            }

            if (page.Count < StreamChunkSize)
            {
                yield break;
            }

            afterId = page[^1].Id;
        }
    }

    public async Task<IReadOnlyList<TranslationUnit>> FindExactAsync(string memory, MemorySide side, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sql = side switch
        {
            MemorySide.Source => $"SELECT {PgUnitRow.Columns} FROM units WHERE memory_id = $1 AND source_hash = $2 AND source_text = $3 ORDER BY id;",
            MemorySide.Target => $"SELECT {PgUnitRow.Columns} FROM units WHERE memory_id = $1 AND target_hash = $2 AND target_text = $3 ORDER BY id;",
            _ => throw TarjumaException.InvalidArgument("side", $"unknown side {side}."),
        };

        await using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, memory, cancellationToken);
        var normalized = TextNormalizer.ToNfc(text);
        if (normalized.Contains('\0', StringComparison.Ordinal))
        {
            // No stored text holds U+0000 (PostgreSQL refuses it), so nothing equals this one.
            return [];
        }

        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(memoryId);
        command.Parameters.AddWithValue(TextHash.OfText(normalized));
        command.Parameters.AddWithValue(normalized);
        return await PgUnitRow.ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Adds one use to each unit of <paramref name="ids"/> in the memory; ids not there are ignored.</summary>
    public async Task RecordUsageAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        ArgumentNullException.ThrowIfNull(ids);
        await using var write = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(write.Connection, memory, cancellationToken);
        // unnest, not ANY: an id asked for twice counts twice, as one update per id would.
        await using var update = write.Command(
            "UPDATE units SET usage_count = units.usage_count + u.uses, last_used_at = $1 "
            + "FROM (SELECT id, count(*) AS uses FROM unnest($3::bigint[]) AS t (id) GROUP BY id) AS u WHERE units.id = u.id AND units.memory_id = $2;");
        update.Parameters.AddWithValue(StoredDate.Write(Now()));
        update.Parameters.AddWithValue(memoryId);
        update.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, ids.ToArray());
        await update.ExecuteNonQueryAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>Checks and normalises a unit (the SQLite store's rules) and what PostgreSQL cannot store.</summary>
    private static PreparedUnit Prepare(TranslationUnit unit)
    {
        var prepared = PreparedUnit.From(unit);
        PostgresText.Check(prepared.Unit);
        return prepared;
    }

    private static async Task TouchMemoryAsync(WriteTransaction write, long memoryId, long unitCountDelta, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        write.MemoryChanged = true;
        await using var touch = write.Command("UPDATE memories SET unit_count = unit_count + $1, updated_at = $2 WHERE id = $3;");
        touch.Parameters.AddWithValue(unitCountDelta);
        touch.Parameters.AddWithValue(StoredDate.Write(now));
        touch.Parameters.AddWithValue(memoryId);
        await touch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<TranslationUnit?> ReadUnitAsync(WriteTransaction write, long memoryId, long id, CancellationToken cancellationToken)
    {
        await using var command = write.Command($"SELECT {PgUnitRow.Columns} FROM units WHERE id = $1 AND memory_id = $2;");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(memoryId);
        var units = await PgUnitRow.ReadAllAsync(command, cancellationToken);
        return units.Count == 0 ? null : units[0];
    }

    private static async Task<List<TranslationUnit>> ReadPageAsync(NpgsqlConnection connection, long memoryId, long afterId, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {PgUnitRow.Columns} FROM units WHERE memory_id = $1 AND id > $2 ORDER BY id LIMIT $3;",
            connection);
        command.Parameters.AddWithValue(memoryId);
        command.Parameters.AddWithValue(afterId);
        command.Parameters.AddWithValue(limit);
        return await PgUnitRow.ReadAllAsync(command, cancellationToken);
    }
}
