using System.Data;
using System.Globalization;
using Npgsql;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.DiskFormat;

namespace Tarjuma.Storage.Postgres;

/// <summary>
/// The change log replicas follow, and its LISTEN/NOTIFY wake-up. Pruning: entries older than
/// <see cref="PostgresStoreOptions.ChangeRetention"/> are deleted by a later write, at most once per
/// <see cref="PruneInterval"/> per process; <c>change_log.pruned_through</c> records how far, so a
/// replica further behind learns it (<see cref="ChangePage.Truncated"/>) and rebuilds instead of
/// missing changes.
/// </summary>
public sealed partial class PostgresMemoryStore : IChangeSignal
{
    /// <summary>The NOTIFY channel; a notification only says "read the log".</summary>
    internal const string ChangeChannel = "tarjuma_changes";

    /// <summary>Most entries one <see cref="ReadChangesAsync"/> returns.</summary>
    public const int MaxChangesPerRead = 10_000;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long the listener waits before reconnecting after losing the database.</summary>
    private static readonly TimeSpan ListenRetry = TimeSpan.FromSeconds(1);

    /// <summary>Released (at most once) by each notification; <see cref="WaitAsync"/> consumes it.</summary>
    private readonly SemaphoreSlim _notified = new(0, 1);
    private CancellationTokenSource? _listening;
    private Task? _listener;
    private long _nextPruneTicks;

    /// <summary>The listener's check of the log's head when nothing was announced for <see cref="PostgresStoreOptions.HeadCheckInterval"/>.</summary>
    private const int HeadCheckTimeoutSeconds = 5;

    private readonly ReplicaState _replica = new();

    internal DateTimeOffset UtcNow() => Now();

    /// <summary>
    /// The change log's head. A listening replica answers from memory while its listener is connected
    /// (see <see cref="ReplicaState"/>): late by a notification's delivery, never ahead of the database,
    /// and current with every write made through this process; otherwise it reads the database.
    /// </summary>
    public async Task<long> GetLatestChangeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_replica.Following)
        {
            return _replica.Head;
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadHeadAsync(connection, cancellationToken);
    }

    /// <summary>A write through this process committed; <paramref name="head"/> is the log's head after it when it logged.</summary>
    internal void Committed(long? head) => _replica.Changed(head);

    private static async Task<long> ReadHeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_seq FROM change_log WHERE id = 1;", connection) { CommandTimeout = HeadCheckTimeoutSeconds };
        return await command.ExecuteScalarAsync(cancellationToken) is long latest ? latest : 0;
    }

    public async Task<ChangePage> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 1)
        {
            throw TarjumaException.InvalidArgument("limit", "must be at least 1.");
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        // One snapshot: the pruning mark and the entries agree.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pruned_through FROM change_log WHERE id = 1;", connection, transaction);
        var prunedThrough = await command.ExecuteScalarAsync(cancellationToken) is long pruned ? pruned : 0;
        command.CommandText = "SELECT seq, kind, memory, unit_id FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2;";
        command.Parameters.AddWithValue(afterSequence);
        command.Parameters.AddWithValue(Math.Min(limit, MaxChangesPerRead));
        var changes = new List<StoreChange>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
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

    /// <summary>Waits for a notification that arrived since the last wait returned, or for the timeout.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await _notified.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Deletes entries older than the retention (see the class comment), now and then, inside a write.</summary>
    internal async Task PruneChangesAsync(WriteTransaction write, CancellationToken cancellationToken)
    {
        var now = Now();
        if (now.UtcTicks < Interlocked.Read(ref _nextPruneTicks))
        {
            return;
        }

        Interlocked.Exchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks);
        // Entries are in time order (seq and at both grow), so the first recent one bounds the old ones.
        await using var prune = write.Command(
            """
            WITH mark AS (
                UPDATE change_log SET pruned_through = greatest(pruned_through, coalesce(
                    (SELECT seq - 1 FROM changes WHERE at >= $1 ORDER BY seq LIMIT 1), last_seq))
                WHERE id = 1 RETURNING pruned_through)
            DELETE FROM changes WHERE seq <= (SELECT pruned_through FROM mark);
            """);
        prune.Parameters.AddWithValue(StoredDate.Write(now - Options.ChangeRetention));
        await prune.ExecuteNonQueryAsync(cancellationToken);
    }

    private void StartListening()
    {
        _listening = new CancellationTokenSource();
        var token = _listening.Token;
        _listener = Task.Run(() => ListenAsync(token), CancellationToken.None);
    }

    private void StopListening()
    {
        if (_listening is null)
        {
            return;
        }

        _listening.Cancel();
        try
        {
            _listener?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener ends by cancellation; nothing to report on the way out.
        }

        _listening.Dispose();
    }

    /// <summary>
    /// Holds one connection in LISTEN and turns notifications into wake-ups and a known log head. After
    /// LISTEN it reads the head (every later commit is announced), and it reads it again whenever
    /// nothing was announced for <see cref="PostgresStoreOptions.HeadCheckInterval"/>, which also proves
    /// the connection alive. When the database goes away it stops vouching for the head (callers read
    /// the database), reconnects every <see cref="ListenRetry"/>, and wakes the reader once it is back:
    /// notifications sent meanwhile are lost, the log is not.
    /// </summary>
    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                string schema;
                await using (var listen = new NpgsqlCommand("LISTEN " + ChangeChannel + "; SELECT current_schema();", connection))
                {
                    schema = (string)(await listen.ExecuteScalarAsync(cancellationToken))!;
                }

                connection.Notification += (_, e) => OnNotification(e.Payload, schema);

                _replica.Follow(await ReadHeadAsync(connection, cancellationToken));
                Wake();
                while (true)
                {
                    if (!await connection.WaitAsync(Options.HeadCheckInterval, cancellationToken) && _replica.Advance(await ReadHeadAsync(connection,
                        cancellationToken)))
                    {
                        // A commit whose notification never came (cannot happen on a live connection; cheap to cover).
                        _replica.Changed(null);
                        Wake();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                // The database is gone (restart, network): stop vouching for the head (callers read the database), try again shortly.
                _replica.Unfollow();
                try
                {
                    await Task.Delay(ListenRetry, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            finally
            {
                _replica.Unfollow();
            }
        }
    }

    /// <summary>
    /// A notification: "HEAD SCHEMA" after logged changes, "- SCHEMA" after a write that changed a memory's
    /// row only. Another schema's (another store in the same database) is ignored: its head is not ours.
    /// </summary>
    private void OnNotification(string payload, string schema)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !string.Equals(payload[(space + 1)..], schema, StringComparison.Ordinal))
        {
            return;
        }

        _replica.Changed(long.TryParse(payload.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var head) ? head : null);
        Wake();
    }

    private void Wake()
    {
        try
        {
            _notified.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every change committed before the reader reads.
        }
    }
}
