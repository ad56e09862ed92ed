using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Sqlite;

/// <summary>
/// Whole-database backup and restore. Backup uses SQLite's online backup API, which copies a
/// consistent snapshot while a server keeps reading and writing the file
/// (https://www.sqlite.org/backup.html). Restore validates the copy and swaps it in with a rename.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Suffix of the file written beside the target before it is renamed into place.</summary>
    internal const string PartialSuffix = ".partial";

    /// <summary>How long a backup waits for a writer's lock on the source before it gives up.</summary>
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Copies the database at <paramref name="databasePath"/> into <paramref name="backupPath"/>,
    /// then checks the copy with <c>PRAGMA integrity_check</c>. The copy appears under its name only
    /// when complete. Throws AlreadyExists when the target exists and <paramref name="overwrite"/> is off.
    /// </summary>
    public static void Backup(string databasePath, string backupPath, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        var source = Path.GetFullPath(databasePath);
        var target = Path.GetFullPath(backupPath);
        if (!File.Exists(source))
        {
            throw new TarjumaException(ErrorKind.NotFound, $"no database at '{source}'.", "--db");
        }

        RefuseExisting(target, overwrite, "out");
        var partial = target + PartialSuffix;
        try
        {
            CopyVerified(source, partial, "out");
            File.Move(partial, target, overwrite);
        }
        finally
        {
            DeleteDatabaseFiles(partial);
        }
    }

    /// <summary>
    /// Replaces the database at <paramref name="databasePath"/> with the backup at
    /// <paramref name="backupPath"/>. The backup must pass <c>PRAGMA integrity_check</c> and be a
    /// Tarjuma database; an existing database is replaced only with <paramref name="force"/>. Run it
    /// with the server stopped: a server holding the old file keeps serving the old data.
    /// </summary>
    public static void Restore(string backupPath, string databasePath, bool force = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var source = Path.GetFullPath(backupPath);
        var target = Path.GetFullPath(databasePath);
        if (!File.Exists(source))
        {
            throw new TarjumaException(ErrorKind.NotFound, $"no backup at '{source}'.", "in");
        }

        RequireIntact(source, "in");
        RefuseExisting(target, force, "--db");

        // Held to the end: no server may start on the file while it is being replaced.
        using var serving = ServingLock.Acquire(target, "--db");
        var folder = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Copy beside the target (same file system, so the rename below is atomic) and check the copy.
        var partial = target + PartialSuffix;
        try
        {
            CopyVerified(source, partial, "in");
            if (File.Exists(target))
            {
                // Fold the old WAL into the old file first: a WAL left beside the new file would be
                // replayed onto it and corrupt it.
                using (var old = Open(target, SqliteOpenMode.ReadWrite))
                {
                    Execute(old, "PRAGMA wal_checkpoint(TRUNCATE);");
                }

                SqliteConnection.ClearAllPools();
            }

            File.Move(partial, target, overwrite: true);
            File.Delete(target + "-wal");
            File.Delete(target + "-shm");
        }
        finally
        {
            DeleteDatabaseFiles(partial);
        }
    }

    /// <summary>The result of <c>PRAGMA integrity_check</c>: <c>ok</c>, or the problems found.</summary>
    public static string IntegrityCheck(string databasePath)
    {
        using var connection = Open(Path.GetFullPath(databasePath), SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Copies a database page by page into <paramref name="partial"/> (SQLite online backup: one step
    /// under a read transaction, a WAL snapshot, so writers keep going) and checks the copy.
    /// </summary>
    private static void CopyVerified(string source, string partial, string field)
    {
        DeleteDatabaseFiles(partial);
        using (var from = Open(source, SqliteOpenMode.ReadOnly))
        using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            // backup_step reports SQLITE_BUSY at once while a writer holds the WAL index briefly; SQLite's own
            // busy handler on the source makes it wait instead (https://www.sqlite.org/c3ref/backup_finish.html).
            Execute(from, $"PRAGMA busy_timeout = {(int)BusyWait.TotalMilliseconds};");
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode = DELETE;");
        }

        RequireIntact(partial, field);
    }

    private static void RequireIntact(string path, string field)
    {
        string result;
        try
        {
            result = IntegrityCheck(path);
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'memories';";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                throw new TarjumaException(ErrorKind.FailedPrecondition, $"'{path}' is not a Tarjuma database.", field);
            }
        }
        catch (SqliteException exception)
        {
            throw new TarjumaException(ErrorKind.FailedPrecondition, $"'{path}' is not a readable SQLite database: {exception.Message}", field, exception);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new TarjumaException(ErrorKind.FailedPrecondition, $"'{path}' fails the integrity check: {result}", field);
        }
    }

    private static void RefuseExisting(string path, bool overwrite, string field)
    {
        if (File.Exists(path) && !overwrite)
        {
            throw new TarjumaException(ErrorKind.AlreadyExists, $"'{path}' exists; give --force to replace it.", field);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: the files are renamed and deleted right after, and a pooled handle would keep them.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void DeleteDatabaseFiles(string path)
    {
        File.Delete(path);
        File.Delete(path + "-journal");
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
    }
}
