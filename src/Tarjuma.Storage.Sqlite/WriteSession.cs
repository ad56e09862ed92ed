using Microsoft.Data.Sqlite;

namespace Tarjuma.Storage.Sqlite;

/// <summary>
/// One write: the store's writer lock, a pooled connection and an immediate transaction. Disposing
/// without <see cref="Commit"/> rolls back, so an exception anywhere leaves the database as it was.
/// </summary>
internal sealed class WriteSession : IDisposable
{
    private readonly SemaphoreSlim _writerLock;
    private bool _disposed;

    public WriteSession(SemaphoreSlim writerLock, SqliteConnection connection)
    {
        _writerLock = writerLock;
        Connection = connection;
        // BEGIN IMMEDIATE: take SQLite's write lock now, not on the first write, so a concurrent
        // process makes us wait (busy timeout) up front instead of failing mid-transaction.
        Transaction = connection.BeginTransaction(deferred: false);
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>A statement run on the connection after the transaction ends (restoring a setting).</summary>
    public string? SqlOnClose { get; set; }

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Transaction.Dispose();
            if (SqlOnClose is not null)
            {
                using var command = Connection.CreateCommand();
                command.CommandText = SqlOnClose;
                command.ExecuteNonQuery();
            }

            Connection.Dispose();
        }
        finally
        {
            _writerLock.Release();
        }
    }
}
