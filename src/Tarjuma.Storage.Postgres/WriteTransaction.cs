using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Sqlite.DiskFormat;

namespace Tarjuma.Storage.Postgres;

/// <summary>
/// One write: a pooled connection and a transaction. Disposing without <see cref="CommitAsync"/>
/// rolls back, so an exception or a cancellation anywhere leaves the database as it was.
/// </summary>
internal sealed class WriteTransaction(PostgresMemoryStore store, NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public NpgsqlConnection Connection => connection;

    public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

    /// <summary>
    /// Appends change-log entries. Call it last before <see cref="CommitAsync"/>: it takes the
    /// change_log row's lock, which orders every writer's entries by commit, and holds it to the end.
    /// The NOTIFY is sent by PostgreSQL at commit, never for a rolled-back write.
    /// </summary>
    public async Task LogAsync(ChangeKind kind, string memory, IReadOnlyList<long?> unitIds, CancellationToken cancellationToken)
    {
        if (unitIds.Count == 0)
        {
            return;
        }

        await store.PruneChangesAsync(this, cancellationToken);
        await using var log = Command(
            """
            WITH head AS (UPDATE change_log SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq)
            INSERT INTO changes (seq, kind, memory, unit_id, at)
            SELECT head.last_seq - $1 + u.n, $2, $3, u.unit_id, $4 FROM head, unnest($5::bigint[]) WITH ORDINALITY AS u (unit_id, n)
            RETURNING seq;
            """);
        log.Parameters.AddWithValue(NpgsqlDbType.Bigint, (long)unitIds.Count);
        log.Parameters.AddWithValue(StoredChangeKind.Write(kind));
        log.Parameters.AddWithValue(memory);
        log.Parameters.AddWithValue(StoredDate.Write(store.UtcNow()));
        log.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, unitIds.ToArray());
        await log.ExecuteNonQueryAsync(cancellationToken);
        await using var notify = Command("SELECT pg_notify($1, '');");
        notify.Parameters.AddWithValue(PostgresMemoryStore.ChangeChannel);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) =>
        // Not cancellable once asked: a commit cut off half-way would leave the caller unsure.
        transaction.CommitAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
