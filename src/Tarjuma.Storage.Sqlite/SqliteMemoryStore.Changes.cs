using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Sqlite;

/// <summary>
/// The change log (<c>changes</c>, schema 3). Pruning rule: entries older than
/// <see cref="SqliteStoreOptions.ChangeRetention"/> are deleted by a later write, at most once per
/// <see cref="PruneInterval"/> per store; <c>change_log.pruned_through</c> records how far, so a reader
/// that fell further behind than the retention learns it (<see cref="ChangePage.Truncated"/>) and
/// reloads instead of missing changes. A server polls every fraction of a second, far inside it.
/// </summary>
public sealed partial class SqliteMemoryStore
{
    /// <summary>How often a store's writes look for log entries to prune.</summary>
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    /// <summary>Most entries one <see cref="ReadChangesAsync"/> returns.</summary>
    public const int MaxChangesPerRead = 10_000;

    private long _nextPruneTicks;

    public async Task<long> GetLatestChangeAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        // The AUTOINCREMENT counter: right even when every entry has been pruned.
        command.CommandText = "SELECT seq FROM sqlite_sequence WHERE name = 'changes';";
        return await command.ExecuteScalarAsync(cancellationToken) is long latest ? latest : 0;
    }

    public async Task<ChangePage> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 1)
        {
            throw TarjumaException.InvalidArgument("limit", "must be at least 1.");
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        // One read transaction: the pruning mark and the entries from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pruned_through FROM change_log WHERE id = 1;";
        var prunedThrough = await command.ExecuteScalarAsync(cancellationToken) is long pruned ? pruned : 0;
        command.CommandText = "SELECT seq, kind, memory, unit_id FROM changes WHERE seq > $after ORDER BY seq LIMIT $limit;";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", Math.Min(limit, MaxChangesPerRead));
        var changes = new List<StoreChange>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new StoreChange(
                    reader.GetInt64(0),
                    StoredChangeKind.Read(reader.GetString(1)),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3)));
            }
        }

        return new ChangePage(changes, afterSequence < prunedThrough);
    }

    /// <summary>Logs changes inside the write's transaction (one prepared statement for all of them).</summary>
    private void LogChanges(WriteSession session, ChangeKind kind, string memory, IEnumerable<long?> unitIds)
    {
        using var insert = session.Command("INSERT INTO changes (kind, memory, unit_id, at) VALUES ($kind, $memory, $unit, $at);");
        insert.Parameters.AddWithValue("$kind", StoredChangeKind.Write(kind));
        insert.Parameters.AddWithValue("$memory", memory);
        insert.Parameters.AddWithValue("$at", StoredDate.Write(Now()));
        var unit = insert.Parameters.Add("$unit", SqliteType.Integer);
        foreach (var id in unitIds)
        {
            unit.Value = (object?)id ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }

        PruneChanges(session);
    }

    private void LogChange(WriteSession session, ChangeKind kind, string memory, long? unitId = null) =>
        LogChanges(session, kind, memory, [unitId]);

    /// <summary>Deletes entries older than the retention (see the class comment), now and then.</summary>
    private void PruneChanges(WriteSession session)
    {
        var now = Now();
        if (now.UtcTicks < Interlocked.Read(ref _nextPruneTicks))
        {
            return;
        }

        Interlocked.Exchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks);
        // Entries are in time order (seq and at both grow), so the first recent one bounds the old ones
        // and the query reads only the entries it will delete.
        using var prune = session.Command(
            """
            UPDATE change_log SET pruned_through = max(pruned_through, coalesce(
                (SELECT seq - 1 FROM changes WHERE at >= $cutoff ORDER BY seq LIMIT 1),
                (SELECT max(seq) FROM changes), 0)) WHERE id = 1;
            DELETE FROM changes WHERE seq <= (SELECT pruned_through FROM change_log WHERE id = 1);
            """);
        prune.Parameters.AddWithValue("$cutoff", StoredDate.Write(now - Options.ChangeRetention));
        prune.ExecuteNonQuery();
    }
}
