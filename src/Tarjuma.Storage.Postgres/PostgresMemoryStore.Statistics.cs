using System.Data;
using Npgsql;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Statistics;

namespace Tarjuma.Storage.Postgres;

/// <summary>Memory statistics of the store: the SQLite store's figures, counted the same way.</summary>
public sealed partial class PostgresMemoryStore
{
    /// <summary>Counts read in one snapshot; words and characters over every unit's plain text (see <see cref="TextMeasure"/>).</summary>
    public async Task<MemoryStatistics> GetStatisticsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var memoryId = await RequireMemoryIdAsync(connection, name, cancellationToken);
        long unitCount, distinctSources;
        DateTimeOffset? lastChanged;
        await using (var summary = new NpgsqlCommand(
            "SELECT (SELECT unit_count FROM memories WHERE id = $1), COUNT(DISTINCT source_hash), MAX(COALESCE(changed_at, created_at) COLLATE \"C\") "
            + "FROM units WHERE memory_id = $1;", connection, transaction))
        {
            summary.Parameters.AddWithValue(memoryId);
            await using var reader = await summary.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            unitCount = reader.GetInt64(0);
            distinctSources = reader.GetInt64(1);
            lastChanged = reader.IsDBNull(2) ? null : StoredDate.Read(reader.GetString(2));
        }

        long sourceWords = 0, targetWords = 0, sourceCharacters = 0, targetCharacters = 0;
        await using (var texts = new NpgsqlCommand("SELECT source_text, target_text FROM units WHERE memory_id = $1;", connection, transaction))
        {
            texts.Parameters.AddWithValue(memoryId);
            await using var reader = await texts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var source = reader.GetString(0);
                var target = reader.GetString(1);
                sourceWords += TextMeasure.CountWords(source);
                targetWords += TextMeasure.CountWords(target);
                sourceCharacters += TextMeasure.CountCharacters(source);
                targetCharacters += TextMeasure.CountCharacters(target);
            }
        }

        return new MemoryStatistics(unitCount, distinctSources, sourceWords, targetWords, sourceCharacters, targetCharacters, lastChanged);
    }
}
