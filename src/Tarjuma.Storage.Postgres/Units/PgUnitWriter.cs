using Tarjuma.Core.Storage;
using Tarjuma.Storage.Sqlite.Units;

namespace Tarjuma.Storage.Postgres.Units;

/// <summary>
/// Writes units one at a time into one memory inside a write: a duplicate probe on
/// <c>(memory_id, pair_hash)</c>, then an insert or a metadata merge (<see cref="UnitMerge"/>), the
/// same rule as the SQLite store. The memory's row is locked by the caller, so no other write
/// adds a duplicate meanwhile.
/// </summary>
internal sealed class PgUnitWriter(WriteTransaction write, long memoryId)
{
    /// <summary>Units inserted so far (merges not counted).</summary>
    public long Added { get; private set; }

    public async Task<UnitWriteResult> WriteAsync(PreparedUnit unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await MergeIntoDuplicateAsync(unit, now, cancellationToken) is { } merged)
        {
            return merged;
        }

        await using var insert = write.Command($"INSERT INTO units ({PgUnitRow.InsertColumns}) VALUES ({Placeholders(19)}) RETURNING id;");
        PgUnitRow.AddInsertParameters(insert, memoryId, unit, now);
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        Added++;
        return new UnitWriteResult(id, UnitWriteOutcome.Added);
    }

    /// <summary>Merges into the stored unit with the same content, if there is one.</summary>
    public async Task<UnitWriteResult?> MergeIntoDuplicateAsync(PreparedUnit unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Core.Model.TranslationUnit> candidates;
        await using (var probe = write.Command($"SELECT {PgUnitRow.Columns} FROM units WHERE memory_id = $1 AND pair_hash = $2 ORDER BY id;"))
        {
            probe.Parameters.AddWithValue(memoryId);
            probe.Parameters.AddWithValue(unit.PairHash);
            candidates = await PgUnitRow.ReadAllAsync(probe, cancellationToken);
        }

        foreach (var stored in candidates)
        {
            if (stored.Source.Equals(unit.Source) && stored.Target.Equals(unit.Target))
            {
                var merged = UnitMerge.Merge(stored, unit.Unit, now);
                await using var update = write.Command(PgUnitRow.MetadataUpdate);
                PgUnitRow.AddMetadataParameters(update.Parameters, stored.Id, merged);
                await update.ExecuteNonQueryAsync(cancellationToken);
                return new UnitWriteResult(stored.Id, UnitWriteOutcome.Updated);
            }
        }

        return null;
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(1,
        count).Select(i => "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
