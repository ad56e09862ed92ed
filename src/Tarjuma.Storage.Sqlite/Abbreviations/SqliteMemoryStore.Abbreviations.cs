using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation.Learning;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Sqlite;

/// <summary>Each memory's abbreviations (schema script 0004), beside its units so a backup carries both.</summary>
public sealed partial class SqliteMemoryStore : IAbbreviationStore
{
    // Frozen values of memory_abbreviations.origin.
    private const int Learned = 0;
    private const int Added = 1;
    private const int Removed = 2;

    public async Task<MemoryAbbreviations> GetAbbreviationsAsync(string memory, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, null, memory, cancellationToken);
        return await ReadAbbreviationsAsync(connection, null, memory, memoryId, cancellationToken);
    }

    public async Task<MemoryAbbreviations> SaveLearnedAbbreviationsAsync(string memory, IReadOnlyList<LearnedAbbreviation> learned, long learnedFromUnits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentOutOfRangeException.ThrowIfNegative(learnedFromUnits);
        using var session = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken);
        using (var clear = session.Command("DELETE FROM memory_abbreviations WHERE memory_id = $memory AND origin = $origin;"))
        {
            clear.Parameters.AddWithValue("$memory", memoryId);
            clear.Parameters.AddWithValue("$origin", Learned);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var position = 0;
        foreach (var entry in learned.Take(AbbreviationRules.MaxEntries))
        {
            using var insert = session.Command(
                "INSERT OR IGNORE INTO memory_abbreviations (memory_id, origin, abbreviation, position, score, with_period, without_period, continuation) " +
                "VALUES ($memory, $origin, $text, $position, $score, $with, $without, $continuation);");
            insert.Parameters.AddWithValue("$memory", memoryId);
            insert.Parameters.AddWithValue("$origin", Learned);
            insert.Parameters.AddWithValue("$text", AbbreviationRules.NormalizeEntry(entry.Text, "learned"));
            insert.Parameters.AddWithValue("$position", position++);
            insert.Parameters.AddWithValue("$score", entry.Score);
            insert.Parameters.AddWithValue("$with", entry.WithPeriod);
            insert.Parameters.AddWithValue("$without", entry.WithoutPeriod);
            insert.Parameters.AddWithValue("$continuation", entry.ContinuationShare);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        using (var stamp = session.Command(
            "INSERT INTO memory_abbreviation_learning (memory_id, learned_from_units, learned_at) VALUES ($memory, $units, $now) " +
            "ON CONFLICT (memory_id) DO UPDATE SET learned_from_units = excluded.learned_from_units, learned_at = excluded.learned_at;"))
        {
            stamp.Parameters.AddWithValue("$memory", memoryId);
            stamp.Parameters.AddWithValue("$units", learnedFromUnits);
            stamp.Parameters.AddWithValue("$now", StoredDate.Write(Now()));
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await ReadAbbreviationsAsync(session.Connection, session.Transaction, memory, memoryId, cancellationToken);
        session.Commit();
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

        using var session = await BeginWriteAsync(cancellationToken);
        var memoryId = await RequireMemoryIdAsync(session.Connection, session.Transaction, memory, cancellationToken);
        foreach (var (entries, origin, opposite) in new[] { (adding, Added, Removed), (removing, Removed, Added) })
        {
            foreach (var entry in entries)
            {
                using var edit = session.Command(
                    "DELETE FROM memory_abbreviations WHERE memory_id = $memory AND origin = $opposite AND abbreviation = $text; " +
                    "INSERT OR IGNORE INTO memory_abbreviations (memory_id, origin, abbreviation, position) " +
                    "VALUES ($memory, $origin, $text, (SELECT coalesce(max(position), -1) + 1 FROM memory_abbreviations WHERE memory_id = $memory AND "
                        + "origin = $origin));");
                edit.Parameters.AddWithValue("$memory", memoryId);
                edit.Parameters.AddWithValue("$origin", origin);
                edit.Parameters.AddWithValue("$opposite", opposite);
                edit.Parameters.AddWithValue("$text", entry);
                await edit.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var result = await ReadAbbreviationsAsync(session.Connection, session.Transaction, memory, memoryId, cancellationToken);
        if (result.Added.Count > AbbreviationRules.MaxEntries || result.Removed.Count > AbbreviationRules.MaxEntries)
        {
            throw TarjumaException.InvalidArgument("add",
                $"a memory keeps at most {AbbreviationRules.MaxEntries} added and {AbbreviationRules.MaxEntries} removed abbreviations.");
        }

        session.Commit();
        return result;
    }

    private static async Task<MemoryAbbreviations> ReadAbbreviationsAsync(SqliteConnection connection, SqliteTransaction? transaction, string memory,
        long memoryId, CancellationToken cancellationToken)
    {
        var learned = new List<LearnedAbbreviation>();
        var added = new List<string>();
        var removed = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                "SELECT origin, abbreviation, score, with_period, without_period, continuation FROM memory_abbreviations " +
                "WHERE memory_id = $memory ORDER BY origin, position;";
            command.Parameters.AddWithValue("$memory", memoryId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var text = reader.GetString(1);
                switch (reader.GetInt64(0))
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

        using var stamp = connection.CreateCommand();
        stamp.Transaction = transaction;
        stamp.CommandText = "SELECT learned_from_units FROM memory_abbreviation_learning WHERE memory_id = $memory;";
        stamp.Parameters.AddWithValue("$memory", memoryId);
        var units = await stamp.ExecuteScalarAsync(cancellationToken) is long n ? n : 0;
        return new MemoryAbbreviations(memory, learned, added, removed, units);
    }
}
