using Npgsql;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Postgres;

/// <summary>Each memory's abbreviations, beside its units (the SQLite store's rules and frozen origin values).</summary>
public sealed partial class PostgresMemoryStore : IAbbreviationStore
{
    private const int Learned = 0;
    private const int Added = 1;
    private const int Removed = 2;

    public async Task<MemoryAbbreviations> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, memory, cancellationToken);
        return await ReadAbbreviationsAsync(connection, memory, memoryId, cancellationToken);
    }

    public async Task<MemoryAbbreviations> SaveLearnedAbbreviationsAsync(string memory, IReadOnlyList<LearnedAbbreviation> learned, long learnedFromUnits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentOutOfRangeException.ThrowIfNegative(learnedFromUnits);
        await using var write = await BeginWriteAsync(cancellationToken);
        var memoryId = await LockMemoryAsync(write, memory, cancellationToken);
        await using (var clear = write.Command("DELETE FROM memory_abbreviations WHERE memory_id = $1 AND origin = $2;"))
        {
            clear.Parameters.AddWithValue(memoryId);
            clear.Parameters.AddWithValue(Learned);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var position = 0;
        foreach (var entry in learned.Take(AbbreviationRules.MaxEntries))
        {
            var text = AbbreviationRules.NormalizeEntry(entry.Text, "learned");
            PostgresText.Check(text, "learned");
            await using var insert = write.Command(
                "INSERT INTO memory_abbreviations (memory_id, origin, abbreviation, position, score, with_period, without_period, continuation) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING;");
            insert.Parameters.AddWithValue(memoryId);
            insert.Parameters.AddWithValue(Learned);
            insert.Parameters.AddWithValue(text);
            insert.Parameters.AddWithValue(position++);
            insert.Parameters.AddWithValue(entry.Score);
            insert.Parameters.AddWithValue(entry.WithPeriod);
            insert.Parameters.AddWithValue(entry.WithoutPeriod);
            insert.Parameters.AddWithValue(entry.ContinuationShare);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var stamp = write.Command(
            "INSERT INTO memory_abbreviation_learning (memory_id, learned_from_units, learned_at) VALUES ($1, $2, $3) "
            + "ON CONFLICT (memory_id) DO UPDATE SET learned_from_units = excluded.learned_from_units, learned_at = excluded.learned_at;"))
        {
            stamp.Parameters.AddWithValue(memoryId);
            stamp.Parameters.AddWithValue(learnedFromUnits);
            stamp.Parameters.AddWithValue(StoredDate.Write(Now()));
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await ReadAbbreviationsAsync(write.Connection, memory, memoryId, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<MemoryAbbreviations> EditAbbreviationsAsync(string memory, IReadOnlyList<string> add, IReadOnlyList<string> remove,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        var adding = add.Select(e => AbbreviationRules.NormalizeEntry(e, "add")).Distinct(StringComparer.Ordinal).ToList();
        var removing = remove.Select(e => AbbreviationRules.NormalizeEntry(e, "remove")).Distinct(StringComparer.Ordinal).ToList();
        if (adding.Intersect(removing, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            throw TarjumaException.InvalidArgument("remove", $"'{both}' is both added and removed.");
        }

        adding.ForEach(entry => PostgresText.Check(entry, "add"));
        removing.ForEach(entry => PostgresText.Check(entry, "remove"));
        await using var write = await BeginWriteAsync(cancellationToken);
        var memoryId = await LockMemoryAsync(write, memory, cancellationToken);
        foreach (var (entries, origin, opposite) in new[] { (adding, Added, Removed), (removing, Removed, Added) })
        {
            foreach (var entry in entries)
            {
                await using var edit = write.Command(
                    // One statement (positional parameters allow no second one): the CTE drops the opposite edit.
                    "WITH dropped AS (DELETE FROM memory_abbreviations WHERE memory_id = $1 AND origin = $3 AND abbreviation = $4) "
                    + "INSERT INTO memory_abbreviations (memory_id, origin, abbreviation, position) "
                    + "VALUES ($1, $2, $4, (SELECT coalesce(max(position), -1) + 1 FROM memory_abbreviations WHERE memory_id = $1 AND origin = $2)) "
                    + "ON CONFLICT DO NOTHING;");
                edit.Parameters.AddWithValue(memoryId);
                edit.Parameters.AddWithValue(origin);
                edit.Parameters.AddWithValue(opposite);
                edit.Parameters.AddWithValue(entry);
                await edit.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var result = await ReadAbbreviationsAsync(write.Connection, memory, memoryId, cancellationToken);
        if (result.Added.Count > AbbreviationRules.MaxEntries || result.Removed.Count > AbbreviationRules.MaxEntries)
        {
            throw TarjumaException.InvalidArgument("add",
                $"a memory keeps at most {AbbreviationRules.MaxEntries} added and {AbbreviationRules.MaxEntries} removed abbreviations.");
        }

        await write.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<MemoryAbbreviations> ReadAbbreviationsAsync(NpgsqlConnection connection, string memory, long memoryId,
        CancellationToken cancellationToken)
    {
        var learned = new List<LearnedAbbreviation>();
        var added = new List<string>();
        var removed = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT origin, abbreviation, score, with_period, without_period, continuation FROM memory_abbreviations WHERE memory_id = $1 ORDER BY "
                + "origin, position;",
            connection))
        {
            command.Parameters.AddWithValue(memoryId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var text = reader.GetString(1);
                switch (reader.GetInt32(0))
                {
                    case Learned:
                        learned.Add(new LearnedAbbreviation(text, reader.GetDouble(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetDouble(5)));
                        break;
                    case Added:
                        added.Add(text);
                        break;
                    default:
                        removed.Add(text);
                        break;
                }
            }
        }

        await using var stamp = new NpgsqlCommand("SELECT learned_from_units FROM memory_abbreviation_learning WHERE memory_id = $1;", connection);
        stamp.Parameters.AddWithValue(memoryId);
        var units = await stamp.ExecuteScalarAsync(cancellationToken) is long n ? n : 0;
        return new MemoryAbbreviations(memory, learned, added, removed, units);
    }
}
