using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Units;

namespace Tarjuma.Storage.Postgres.Units;

/// <summary>
/// Writes a list of units into one memory inside a write, set-based: the stored units sharing a pair
/// hash with any of them are read by hash array, each unit in list order either merges
/// (<see cref="UnitMerge"/>) into the stored or earlier unit with the same content or is new, and
/// then the new units go in with one INSERT from arrays (ids taken from the table's identity in list
/// order, so they grow as single adds would) and the merged ones change with one UPDATE from arrays.
/// The result per unit is the single-unit rule's: Added, or Updated with the id merged into. The
/// caller holds the memory's row lock, so no other write adds a duplicate meanwhile. With
/// <c>keepIds</c> a new row takes its unit's own id (<see cref="ImportOptions.KeepIds"/>).
/// </summary>
internal sealed class PgUnitBatch(WriteTransaction write, long memoryId, bool keepIds = false)
{
    /// <summary>Hashes asked for per probe: a bounded array, a short statement.</summary>
    private const int ProbeChunk = 10_000;

    /// <summary>Rows sent per INSERT or UPDATE statement (arrays of this many values per column).</summary>
    private const int WriteChunk = 10_000;

    /// <summary>Units inserted so far (merges not counted).</summary>
    public long Added { get; private set; }

    /// <summary>Units merged into a stored or earlier unit so far.</summary>
    public long Merged { get; private set; }

    public async Task<UnitWriteResult[]> WriteAsync(IReadOnlyList<PreparedUnit> units, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return [];
        }

        var known = await ReadStoredAsync(units, cancellationToken);
        var fresh = new List<Row>();
        var changed = new Dictionary<long, Row>();
        var rows = new Row[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var candidates = known.GetValueOrDefault(unit.PairHash);
            var same = candidates?.Find(row => row.Current.Source.Equals(unit.Source) && row.Current.Target.Equals(unit.Target));
            if (same is null)
            {
                // New content (possibly a 64-bit hash collision with a stored unit): later units may merge into it. Its creation
                // date is fixed now, as a stored row's would be, so such a merge ends as it would against the stored row.
                same = new Row(unit, unit.Unit with { Source = unit.Source, Target = unit.Target, CreatedAt = unit.Unit.CreatedAt ?? now });
                fresh.Add(same);
                (candidates ??= known[unit.PairHash] = []).Add(same);
            }
            else
            {
                same.Current = UnitMerge.Merge(same.Current, unit.Unit, now);
                if (!same.IsNew)
                {
                    changed[same.Current.Id] = same;
                }

                Merged++;
            }

            rows[i] = same;
        }

        var results = new UnitWriteResult[units.Count];
        await InsertAsync(fresh, cancellationToken);
        await UpdateAsync(changed.Values, cancellationToken);
        Added += fresh.Count;
        for (var i = 0; i < rows.Length; i++)
        {
            // The first unit of a new row added it; every other unit of the list merged into a row.
            var added = rows[i].IsNew && ReferenceEquals(rows[i].Content, units[i]);
            results[i] = new UnitWriteResult(rows[i].Current.Id, added ? UnitWriteOutcome.Added : UnitWriteOutcome.Updated);
        }

        return results;
    }

    private async Task<Dictionary<long, List<Row>>> ReadStoredAsync(IReadOnlyList<PreparedUnit> units, CancellationToken cancellationToken)
    {
        var known = new Dictionary<long, List<Row>>();
        foreach (var chunk in units.DistinctBy(u => u.PairHash).Chunk(ProbeChunk))
        {
            // Through units_by_source (there is no pair-hash index): equal content has an equal source hash. Rows the
            // cross product of the two arrays lets through are compared by text below like any other candidate.
            await using var probe = write.Command(
                $"SELECT {PgUnitRow.Columns}, pair_hash FROM units WHERE memory_id = $1 AND source_hash = ANY($2) AND pair_hash = ANY($3) ORDER BY id;");
            probe.Parameters.AddWithValue(memoryId);
            probe.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, chunk.Select(u => u.SourceHash).Distinct().ToArray());
            probe.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, chunk.Select(u => u.PairHash).ToArray());
            await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = PgUnitRow.Read(reader);
                var hash = reader.GetInt64(PgUnitRow.ColumnCount);
                if (!known.TryGetValue(hash, out var list))
                {
                    known[hash] = list = [];
                }

                list.Add(new Row(null, stored));
            }
        }

        return known;
    }

    private async Task InsertAsync(List<Row> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        // Ids first, in list order: results need them, and later units of the list may have merged into these rows.
        if (keepIds)
        {
            foreach (var row in fresh)
            {
                row.Current = row.Current with { Id = row.Content!.Unit.Id };
            }
        }
        else
        {
            await using var allocate = write.Command("SELECT nextval(pg_get_serial_sequence('units', 'id')) FROM generate_series(1, $1);");
            allocate.Parameters.AddWithValue(fresh.Count);
            var ids = new List<long>(fresh.Count);
            await using (var reader = await allocate.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            ids.Sort();
            for (var i = 0; i < fresh.Count; i++)
            {
                fresh[i].Current = fresh[i].Current with { Id = ids[i] };
            }
        }

        foreach (var chunk in fresh.Chunk(WriteChunk))
        {
            await using var insert = write.Command(
                $"INSERT INTO units (id, {PgUnitRow.InsertColumns}) SELECT u.id, $1, u.source_text, u.source_tags, u.target_text, u.target_tags, "
                + "u.source_hash, u.target_hash, u.pair_hash, u.prev_source, u.next_source, u.external_id, u.props, u.notes, u.created_by, u.created_at, "
                + "u.changed_by, u.changed_at, u.usage_count, u.last_used_at FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], "
                + "$7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], "
                + "$17::text[], $18::text[], $19::integer[], $20::text[]) AS u (id, source_text, source_tags, target_text, target_tags, source_hash, "
                + "target_hash, pair_hash, prev_source, next_source, external_id, props, notes, created_by, created_at, changed_by, changed_at, "
                + "usage_count, last_used_at);");
            insert.Parameters.AddWithValue(NpgsqlDbType.Bigint, memoryId);
            Add(insert, NpgsqlDbType.Bigint, chunk, r => r.Current.Id);
            Add(insert, NpgsqlDbType.Text, chunk, r => r.Content!.Source.Text);
            Add(insert, NpgsqlDbType.Text, chunk, r => r.Content!.SourceTags);
            Add(insert, NpgsqlDbType.Text, chunk, r => r.Content!.Target.Text);
            Add(insert, NpgsqlDbType.Text, chunk, r => r.Content!.TargetTags);
            Add(insert, NpgsqlDbType.Bigint, chunk, r => r.Content!.SourceHash);
            Add(insert, NpgsqlDbType.Bigint, chunk, r => r.Content!.TargetHash);
            Add(insert, NpgsqlDbType.Bigint, chunk, r => r.Content!.PairHash);
            AddMetadata(insert, chunk);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task UpdateAsync(IEnumerable<Row> changed, CancellationToken cancellationToken)
    {
        foreach (var chunk in changed.Chunk(WriteChunk))
        {
            await using var update = write.Command(
                "UPDATE units SET prev_source = u.prev_source, next_source = u.next_source, external_id = u.external_id, props = u.props, "
                + "notes = u.notes, created_by = u.created_by, created_at = u.created_at, changed_by = u.changed_by, changed_at = u.changed_at, "
                + "usage_count = u.usage_count, last_used_at = u.last_used_at FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], "
                + "$5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::integer[], $12::text[]) AS u (id, prev_source, "
                + "next_source, external_id, props, notes, created_by, created_at, changed_by, changed_at, usage_count, last_used_at) "
                + "WHERE units.id = u.id;");
            Add(update, NpgsqlDbType.Bigint, chunk, r => r.Current.Id);
            AddMetadata(update, chunk);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The metadata columns from prev_source to last_used_at, as arrays.</summary>
    private static void AddMetadata(NpgsqlCommand command, Row[] rows)
    {
        Add(command, NpgsqlDbType.Text, rows, r => r.Current.PreviousSource);
        Add(command, NpgsqlDbType.Text, rows, r => r.Current.NextSource);
        Add(command, NpgsqlDbType.Text, rows, r => r.Current.ExternalId);
        Add(command, NpgsqlDbType.Text, rows, r => StoredJson.WriteProperties(r.Current.Properties));
        Add(command, NpgsqlDbType.Text, rows, r => StoredJson.WriteNotes(r.Current.Notes));
        Add(command, NpgsqlDbType.Text, rows, r => r.Current.CreatedBy);
        Add(command, NpgsqlDbType.Text, rows, r => StoredDate.Write(r.Current.CreatedAt));
        Add(command, NpgsqlDbType.Text, rows, r => r.Current.ChangedBy);
        Add(command, NpgsqlDbType.Text, rows, r => StoredDate.Write(r.Current.ChangedAt));
        Add(command, NpgsqlDbType.Integer, rows, r => r.Current.UsageCount);
        Add(command, NpgsqlDbType.Text, rows, r => StoredDate.Write(r.Current.LastUsedAt));
    }

    private static void Add<T>(NpgsqlCommand command, NpgsqlDbType type, Row[] rows, Func<Row, T> value) =>
        command.Parameters.AddWithValue(NpgsqlDbType.Array | type, rows.Select(value).ToArray());

    /// <summary>
    /// A unit as it will be stored: <see cref="Content"/> is the prepared unit that makes a new row
    /// (null for a stored one, whose content never changes here); <see cref="Current"/> its metadata so far.
    /// </summary>
    private sealed class Row(PreparedUnit? content, TranslationUnit current)
    {
        public PreparedUnit? Content { get; } = content;

        public TranslationUnit Current { get; set; } = current;

        public bool IsNew => Content is not null;
    }
}
