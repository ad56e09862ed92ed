using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Sqlite.Units;

namespace Tarjuma.Storage.Postgres.Units;

/// <summary>
/// The import's units whose pair hash was already known, merged after its COPY: the stored units
/// with those hashes are read in chunks, each incoming unit merges (<see cref="UnitMerge"/>, in file
/// order) into the stored unit with the same content, and each merged unit is written once. One
/// whose content matches nothing (a hash collision) is inserted like a single write.
/// </summary>
internal static class PgDuplicateMerge
{
    /// <summary>Hashes asked for per query.</summary>
    private const int ProbeChunk = 1_000;

    /// <summary>Updates sent per round trip.</summary>
    private const int UpdateBatch = 500;

    public static async Task<(long Added, long Merged)> ApplyAsync(
        WriteTransaction write, long memoryId, IReadOnlyList<PreparedUnit> units, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return (0, 0);
        }

        var stored = new Dictionary<long, List<TranslationUnit>>();
        foreach (var chunk in units.Select(u => u.PairHash).Distinct().Chunk(ProbeChunk))
        {
            await using var probe = write
                .Command($"SELECT {PgUnitRow.Columns}, pair_hash FROM units WHERE memory_id = $1 AND pair_hash = ANY($2) ORDER BY id;");
            probe.Parameters.AddWithValue(memoryId);
            probe.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, chunk);
            await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hash = reader.GetInt64(16);
                if (!stored.TryGetValue(hash, out var list))
                {
                    stored[hash] = list = [];
                }

                list.Add(PgUnitRow.Read(reader));
            }
        }

        long added = 0, merged = 0;
        var changed = new Dictionary<long, TranslationUnit>();
        var writer = new PgUnitWriter(write, memoryId);
        foreach (var unit in units)
        {
            var candidates = stored.GetValueOrDefault(unit.PairHash);
            var index = candidates?.FindIndex(s => s.Source.Equals(unit.Source) && s.Target.Equals(unit.Target)) ?? -1;
            if (index < 0)
            {
                // Content no stored unit has (a 64-bit hash collision): a new unit, which later ones may merge into.
                var result = await writer.WriteAsync(unit, now, cancellationToken);
                added++;
                (candidates ??= stored[unit.PairHash] = []).Add(unit.Unit with { Id = result.Id, Source = unit.Source, Target = unit.Target });
                continue;
            }

            var next = UnitMerge.Merge(candidates![index], unit.Unit, now);
            candidates[index] = next;
            changed[next.Id] = next;
            merged++;
        }

        foreach (var chunk in changed.Values.Chunk(UpdateBatch))
        {
            await using var batch = new NpgsqlBatch(write.Connection);
            foreach (var unit in chunk)
            {
                var command = new NpgsqlBatchCommand(PgUnitRow.MetadataUpdate);
                PgUnitRow.AddMetadataParameters(command.Parameters, unit.Id, unit);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return (added, merged);
    }
}
