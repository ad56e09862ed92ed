using Tarjuma.Core.Model;
using Tarjuma.Storage.Common.DiskFormat;
using Tarjuma.Storage.Common.Statistics;

namespace Tarjuma.Storage.Sqlite;

/// <summary>Memory statistics of the store.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <summary>
    /// Counts read in one snapshot. Distinct sources are distinct source hashes (a 64-bit collision
    /// among a memory's sources is vanishingly rare and would only undercount by one). Words and
    /// characters are counted over the plain text (see <see cref="TextMeasure"/>), so this reads every
    /// unit: seconds for a million units. The last change is the latest unit change or creation date.
    /// </summary>
    public async Task<MemoryStatistics> GetStatisticsAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        // A read transaction: every figure comes from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        var memoryId = await RequireMemoryIdAsync(connection, transaction, name, cancellationToken);

        long unitCount, distinctSources;
        DateTimeOffset? lastChanged;
        using (var summary = connection.CreateCommand())
        {
            summary.Transaction = transaction;
            summary.CommandText =
                "SELECT (SELECT unit_count FROM memories WHERE id = $memory), COUNT(DISTINCT source_hash), MAX(COALESCE(changed_at, created_at)) "
                + "FROM units WHERE memory_id = $memory;";
            summary.Parameters.AddWithValue("$memory", memoryId);
            using var reader = await summary.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            unitCount = reader.GetInt64(0);
            distinctSources = reader.GetInt64(1);
            lastChanged = reader.IsDBNull(2) ? null : StoredDate.Read(reader.GetString(2));
        }

        long sourceWords = 0, targetWords = 0, sourceCharacters = 0, targetCharacters = 0;
        using (var texts = connection.CreateCommand())
        {
            texts.Transaction = transaction;
            texts.CommandText = "SELECT source_text, target_text FROM units WHERE memory_id = $memory;";
            texts.Parameters.AddWithValue("$memory", memoryId);
            using var reader = await texts.ExecuteReaderAsync(cancellationToken);
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (++rows % 10_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

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
