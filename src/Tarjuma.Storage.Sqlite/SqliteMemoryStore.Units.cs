using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Units;
using Tarjuma.Storage.Sqlite.Units;

namespace Tarjuma.Storage.Sqlite;

/// <summary>Unit operations of the store.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <summary>Largest page <see cref="ListUnitsAsync"/> returns; a larger limit is lowered to it (AIP-158).</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Most units one <see cref="AddUnitsAsync"/> call takes; larger loads go through import.</summary>
    public const int MaxUnitsPerAdd = 10_000;

    /// <summary>Units read per query while streaming: short queries keep WAL checkpoints unblocked.</summary>
    private const int StreamChunkSize = 1_000;

    /// <summary>Ids bound in one IN list (SQLite allows 32,766 parameters; a lookup asks for a few).</summary>
    private const int UnitsPerRead = 500;

    public async Task<IReadOnlyList<UnitWriteResult>> AddUnitsAsync(string memory, IReadOnlyList<TranslationUnit> units,
        CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count > MaxUnitsPerAdd)
        {
            throw TarjumaException.InvalidArgument("units", $"at most {MaxUnitsPerAdd} units per call; import larger sets.");
        }

        // Validate everything before taking the writer lock: a bad unit fails the call, writes nothing.
        var prepared = new PreparedUnit[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            prepared[i] = PreparedUnit.From(units[i]);
        }

        using var session = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken);
        if (prepared.Length == 0)
        {
            return [];
        }

        var now = Now();
        var results = new UnitWriteResult[prepared.Length];
        using (var writer = new UnitWriter(session.Connection, session.Transaction, memoryId))
        {
            for (var i = 0; i < prepared.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = writer.Write(prepared[i], now);
            }

            await TouchMemoryAsync(session, memoryId, writer.Added, now, cancellationToken);
        }

        LogChanges(session, ChangeKind.UnitUpserted, memory, results.Select(result => (long?)result.Id));
        session.Commit();
        return results;
    }

    public async Task<TranslationUnit?> FindUnitAsync(string memory, long id, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, null, memory, cancellationToken);
        return await ReadUnitAsync(connection, null, memoryId, id, cancellationToken);
    }

    public async Task<IReadOnlyList<TranslationUnit>> FindUnitsAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        MemoryName.Validate(memory);
        using var connection = await OpenConnectionAsync(cancellationToken);
        var found = new Dictionary<long, TranslationUnit>(ids.Count);
        var distinct = ids.Distinct().ToArray();
        foreach (var chunk in distinct.Chunk(UnitsPerRead))
        {
            using var command = connection.CreateCommand();
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = string.Create(CultureInfo.InvariantCulture, $"$id{i}");
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            // The memory's id in the same statement: a lookup's read of its matches is one statement (issue #12).
            command.CommandText = $"SELECT {UnitRow.Columns} FROM units WHERE memory_id = (SELECT id FROM memories WHERE name = $name) "
                + $"AND id IN ({string.Join(", ", names)});";
            command.Parameters.AddWithValue("$name", memory);
            foreach (var unit in await ReadUnitsAsync(command, cancellationToken))
            {
                found[unit.Id] = unit;
            }
        }

        if (found.Count < distinct.Length || distinct.Length == 0)
        {
            // Units missing, or none asked for: NotFound when it is the memory that is missing.
            await RequireMemoryIdAsync(connection, null, memory, cancellationToken);
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
        var prepared = PreparedUnit.From(unit);
        using var session = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken);
        var stored = await ReadUnitAsync(session.Connection, session.Transaction, memoryId, unit.Id, cancellationToken)
            ?? throw TarjumaException.UnitNotFound(memory, unit.Id);

        // One content, one unit: an edit may not turn a unit into a copy of another.
        using (var probe = session.Command($"SELECT {UnitRow.Columns} FROM units WHERE memory_id = $memory AND pair_hash = $pair AND id <> $id;"))
        {
            probe.Parameters.AddWithValue("$memory", memoryId);
            probe.Parameters.AddWithValue("$pair", prepared.PairHash);
            probe.Parameters.AddWithValue("$id", unit.Id);
            using var reader = await probe.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var other = UnitRow.Read(reader);
                if (other.Source.Equals(prepared.Source) && other.Target.Equals(prepared.Target))
                {
                    throw new TarjumaException(ErrorKind.AlreadyExists, $"unit {other.Id} in memory '{memory}' already has this source and target.", "unit");
                }
            }
        }

        var now = Now();
        using (var update = session.Command(
            "UPDATE units SET source_text = $source_text, source_tags = $source_tags, target_text = $target_text, target_tags = $target_tags, "
            + "source_hash = $source_hash, target_hash = $target_hash, pair_hash = $pair_hash, prev_source = $prev_source, next_source = $next_source, "
            + "external_id = $external_id, props = $props, notes = $notes, created_by = $created_by, created_at = $created_at, "
            + "changed_by = $changed_by, changed_at = $changed_at, usage_count = $usage_count, last_used_at = $last_used_at WHERE id = $id;"))
        {
            var p = update.Parameters;
            p.AddWithValue("$id", unit.Id);
            p.AddWithValue("$source_text", prepared.Source.Text);
            p.AddWithValue("$source_tags", (object?)prepared.SourceTags ?? DBNull.Value);
            p.AddWithValue("$target_text", prepared.Target.Text);
            p.AddWithValue("$target_tags", (object?)prepared.TargetTags ?? DBNull.Value);
            p.AddWithValue("$source_hash", prepared.SourceHash);
            p.AddWithValue("$target_hash", prepared.TargetHash);
            p.AddWithValue("$pair_hash", prepared.PairHash);
            p.AddWithValue("$prev_source", (object?)unit.PreviousSource ?? DBNull.Value);
            p.AddWithValue("$next_source", (object?)unit.NextSource ?? DBNull.Value);
            p.AddWithValue("$external_id", (object?)unit.ExternalId ?? DBNull.Value);
            p.AddWithValue("$props", (object?)StoredJson.WriteProperties(unit.Properties) ?? DBNull.Value);
            p.AddWithValue("$notes", (object?)StoredJson.WriteNotes(unit.Notes) ?? DBNull.Value);
            // Replace, except that a creation the caller does not restate is kept, and the change is stamped.
            p.AddWithValue("$created_by", (object?)(unit.CreatedBy ?? stored.CreatedBy) ?? DBNull.Value);
            p.AddWithValue("$created_at", (object?)StoredDate.Write(unit.CreatedAt ?? stored.CreatedAt) ?? DBNull.Value);
            p.AddWithValue("$changed_by", (object?)unit.ChangedBy ?? DBNull.Value);
            p.AddWithValue("$changed_at", StoredDate.Write(unit.ChangedAt ?? now));
            p.AddWithValue("$usage_count", unit.UsageCount);
            p.AddWithValue("$last_used_at", (object?)StoredDate.Write(unit.LastUsedAt) ?? DBNull.Value);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await TouchMemoryAsync(session, memoryId, 0, now, cancellationToken);
        var updated = await ReadUnitAsync(session.Connection, session.Transaction, memoryId, unit.Id, cancellationToken);
        LogChange(session, ChangeKind.UnitUpserted, memory, unit.Id);
        session.Commit();
        return updated!;
    }

    public async Task DeleteUnitAsync(string memory, long id, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        using var session = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken);
        using (var delete = session.Command("DELETE FROM units WHERE id = $id AND memory_id = $memory;"))
        {
            delete.Parameters.AddWithValue("$id", id);
            delete.Parameters.AddWithValue("$memory", memoryId);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw TarjumaException.UnitNotFound(memory, id);
            }
        }

        await TouchMemoryAsync(session, memoryId, -1, Now(), cancellationToken);
        LogChange(session, ChangeKind.UnitDeleted, memory, id);
        session.Commit();
    }

    public async Task<IReadOnlyList<TranslationUnit>> ListUnitsAsync(string memory, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 1)
        {
            throw TarjumaException.InvalidArgument("limit", "must be at least 1.");
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, null, memory, cancellationToken);
        return await ReadPageAsync(connection, memoryId, afterId, Math.Min(limit, MaxPageSize), cancellationToken);
    }

    public async IAsyncEnumerable<TranslationUnit> StreamUnitsAsync(string memory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, null, memory, cancellationToken);
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
            MemorySide.Source => $"SELECT {UnitRow.Columns} FROM units WHERE memory_id = $memory AND source_hash = $hash AND source_text = $text ORDER BY id;",
            MemorySide.Target => $"SELECT {UnitRow.Columns} FROM units WHERE memory_id = $memory AND target_hash = $hash AND target_text = $text ORDER BY id;",
            _ => throw TarjumaException.InvalidArgument("side", $"unknown side {side}."),
        };

        using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, null, memory, cancellationToken);
        var normalized = TextNormalizer.ToNfc(text);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$memory", memoryId);
        command.Parameters.AddWithValue("$hash", TextHash.OfText(normalized));
        command.Parameters.AddWithValue("$text", normalized);
        return await ReadUnitsAsync(command, cancellationToken);
    }

    /// <summary>Adds one use to each unit of <paramref name="ids"/> in the memory; ids not there are ignored (deleted meanwhile).</summary>
    public async Task RecordUsageAsync(string memory, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        MemoryName.Validate(memory);
        ArgumentNullException.ThrowIfNull(ids);
        using var session = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken);
        using var update = session.Command(
            "UPDATE units SET usage_count = usage_count + 1, last_used_at = $now WHERE id = $id AND memory_id = $memory;");
        update.Parameters.AddWithValue("$now", StoredDate.Write(Now()));
        update.Parameters.AddWithValue("$memory", memoryId);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        foreach (var unitId in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            id.Value = unitId;
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        session.Commit();
    }

    private static async Task TouchMemoryAsync(WriteSession session, long memoryId, long unitCountDelta, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        using var touch = session.Command("UPDATE memories SET unit_count = unit_count + $delta, updated_at = $now WHERE id = $memory;");
        touch.Parameters.AddWithValue("$delta", unitCountDelta);
        touch.Parameters.AddWithValue("$now", StoredDate.Write(now));
        touch.Parameters.AddWithValue("$memory", memoryId);
        await touch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<TranslationUnit?> ReadUnitAsync(SqliteConnection connection, SqliteTransaction? transaction, long memoryId, long id,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {UnitRow.Columns} FROM units WHERE id = $id AND memory_id = $memory;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$memory", memoryId);
        var units = await ReadUnitsAsync(command, cancellationToken);
        return units.Count == 0 ? null : units[0];
    }

    private static async Task<List<TranslationUnit>> ReadPageAsync(SqliteConnection connection, long memoryId, long afterId, int limit,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        // Served by units_by_memory, whose entries are (memory_id, rowid): a range scan, no sort.
        command.CommandText = $"SELECT {UnitRow.Columns} FROM units WHERE memory_id = $memory AND id > $after ORDER BY id LIMIT $limit;";
        command.Parameters.AddWithValue("$memory", memoryId);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadUnitsAsync(command, cancellationToken);
    }

    private static async Task<List<TranslationUnit>> ReadUnitsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var units = new List<TranslationUnit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add(UnitRow.Read(reader));
        }

        return units;
    }
}
