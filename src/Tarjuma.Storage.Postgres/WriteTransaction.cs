using Npgsql;
using NpgsqlTypes;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;

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
    /// Set by a write that changes what <c>memories</c> holds (counts, dates, description): replicas'
    /// cached memories must hear of it even when nothing is logged (a description, an import that only merges).
    /// </summary>
    public bool MemoryChanged { get; set; }

    /// <summary>The change log's head after this write's entries; null while it has logged none.</summary>
    private long? _head;

    /// <summary>
    /// Appends change-log entries. Call it last before <see cref="CommitAsync"/>: it takes the
    /// change_log row's lock, which orders every writer's entries by commit, and holds it to the end.
    /// The NOTIFY (payload: the new head, so a listener knows it without reading, and the schema, since
    /// channels are per database and other schemas may hold other Tarjuma stores) is sent by PostgreSQL
    /// at commit, never for a rolled-back write; entries and notification are one statement.
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
            WITH head AS (UPDATE change_log SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq),
            logged AS (
                INSERT INTO changes (seq, kind, memory, unit_id, at)
                SELECT head.last_seq - $1 + u.n, $2, $3, u.unit_id, $4 FROM head, unnest($5::bigint[]) WITH ORDINALITY AS u (unit_id, n)
                RETURNING seq)
            SELECT max(seq), pg_notify($6, max(seq)::text || ' ' || current_schema()) FROM logged;
            """);
        log.Parameters.AddWithValue(NpgsqlDbType.Bigint, (long)unitIds.Count);
        log.Parameters.AddWithValue(StoredChangeKind.Write(kind));
        log.Parameters.AddWithValue(memory);
        log.Parameters.AddWithValue(StoredDate.Write(store.UtcNow()));
        log.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bigint, unitIds.ToArray());
        log.Parameters.AddWithValue(PostgresMemoryStore.ChangeChannel);
        _head = (long)(await log.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_head is null && MemoryChanged)
        {
            // Nothing logged, but a memory's row changed: no head in the payload; listeners forget cached memories.
            await using var notify = Command("SELECT pg_notify($1, '- ' || current_schema());");
            notify.Parameters.AddWithValue(PostgresMemoryStore.ChangeChannel);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        // Not cancellable once asked: a commit cut off half-way would leave the caller unsure.
        await transaction.CommitAsync(CancellationToken.None);
        store.Committed(_head);
    }

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
