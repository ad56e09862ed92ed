using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Sqlite.Schema;

/// <summary>
/// The database schema as an ordered list of scripts; <c>PRAGMA user_version</c> records how many
/// have been applied. Script <c>n</c> takes version <c>n - 1</c> to <c>n</c>. Released scripts are
/// frozen: a change goes into a new script, never into an old one.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>The script names in order, embedded from <c>Schema/*.sql</c>.</summary>
    public static ImmutableArray<string> ScriptNames { get; } =
        ["0001-initial.sql", "0002-api-keys.sql", "0003-change-log.sql", "0004-memory-abbreviations.sql",
        "0005-hash-first-indexes.sql"];

    /// <summary>The schema version this code writes and understands.</summary>
    public static int CurrentVersion => ScriptNames.Length;

    /// <summary>The SQL of script <paramref name="version"/> (1-based).</summary>
    public static string Script(int version)
    {
        var name = "Tarjuma.Storage.Sqlite.Schema." + ScriptNames[version - 1];
        using var stream = typeof(SchemaMigrations).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Brings the database to <see cref="CurrentVersion"/> inside one immediate transaction (two
    /// processes opening a new file at once cannot both migrate). A database newer than this code
    /// is refused: writing to it could corrupt what the newer version relies on.
    /// </summary>
    public static void Migrate(SqliteConnection connection, string databasePath)
    {
        // Up to date (the usual case): no write lock, so opening a database while another process
        // writes to it (an import beside a server) does not wait for or fail on that lock.
        if (ReadVersion(connection) == CurrentVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new TarjumaException(
                ErrorKind.FailedPrecondition,
                string.Create(CultureInfo.InvariantCulture,
                    $"database '{databasePath}' has schema version {version}, but this Tarjuma understands versions up to {CurrentVersion}; use a newer "
                        + $"Tarjuma."),
                "database");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // PRAGMA takes no parameters; the value is an int we produced.
            command.CommandText = Script(next) + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version = {next};");
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
