using System.Collections.Immutable;
using System.Globalization;
using Npgsql;
using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Postgres.Schema;

/// <summary>
/// The schema as an ordered list of scripts; <c>tarjuma_schema.version</c> records how many have been
/// applied. Script <c>n</c> takes version <c>n - 1</c> to <c>n</c>. Released scripts are frozen: a
/// change goes into a new script. Replicas starting together migrate one at a time (an advisory lock).
/// </summary>
internal static class SchemaMigrations
{
    public static ImmutableArray<string> ScriptNames { get; } = ["0001-initial.sql", "0002-bulk-load.sql"];

    public static int CurrentVersion => ScriptNames.Length;

    /// <summary>Key of the transaction-scoped advisory lock migrations take (any fixed number; "Tarj" in ASCII).</summary>
    private const long MigrationLock = 0x5461726A;

    public static string Script(int version)
    {
        var name = "Tarjuma.Storage.Postgres.Schema." + ScriptNames[version - 1];
        using var stream = typeof(SchemaMigrations).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema version of the connection's schema; 0 for an empty one.</summary>
    public static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass('tarjuma_schema') IS NOT NULL;", connection, transaction);
        if (command.ExecuteScalar() is not true)
        {
            return 0;
        }

        command.CommandText = "SELECT version FROM tarjuma_schema;";
        return Convert.ToInt32(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
    }

    /// <summary>Brings the schema to <see cref="CurrentVersion"/> in one transaction; refuses a newer one.</summary>
    public static void Migrate(NpgsqlConnection connection)
    {
        if (ReadVersion(connection) == CurrentVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1);", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue(MigrationLock);
            lockCommand.ExecuteNonQuery();
        }

        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new TarjumaException(
                ErrorKind.FailedPrecondition,
                string.Create(CultureInfo.InvariantCulture,
                    $"the PostgreSQL database has Tarjuma schema version {version}, but this Tarjuma understands versions up to {CurrentVersion}; use a "
                        + $"newer Tarjuma."),
                "connection");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            var script = Script(next) + (next == 1
                ? "\nCREATE TABLE tarjuma_schema (version integer NOT NULL);\nINSERT INTO tarjuma_schema (version) VALUES (1);"
                : string.Create(CultureInfo.InvariantCulture, $"\nUPDATE tarjuma_schema SET version = {next};"));
            using var command = new NpgsqlCommand(script, connection, transaction);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
