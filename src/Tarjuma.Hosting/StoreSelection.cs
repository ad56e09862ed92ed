using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Server;
using Tarjuma.Storage.Postgres;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Hosting;

/// <summary>The server's one composition point for storage: <c>Tarjuma:Store</c> picks the store, the rest sees its ports.</summary>
internal static class StoreSelection
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public static StorePorts Open(TarjumaServerOptions options)
    {
        var kind = string.IsNullOrWhiteSpace(options.Store) ? Sqlite : options.Store.Trim().ToLowerInvariant();
        return kind switch
        {
            Sqlite => SqliteStore.Open(new SqliteStoreOptions
            {
                DatabasePath = string.IsNullOrEmpty(options.Database) ? SqliteStoreOptions.DefaultDatabasePath() : options.Database,
                Serving = true,
                BusyTimeout = options.BusyTimeout ?? SqliteStoreOptions.DefaultBusyTimeout,
            }),
            Postgres => PostgresStore.Open(new PostgresStoreOptions
            {
                ConnectionString = string.IsNullOrWhiteSpace(options.Connection)
                    ? throw new TarjumaException(ErrorKind.InvalidArgument,
                        "Tarjuma:Store is postgres but Tarjuma:Connection (the connection string) is not set.", "Tarjuma:Connection")
                    : options.Connection,
                Listen = true,
            }),
            _ => throw new TarjumaException(ErrorKind.InvalidArgument, $"unknown store '{options.Store}'; use sqlite or postgres.", "Tarjuma:Store"),
        };
    }

    /// <summary>
    /// Where the retrieval-index snapshots live: <c>DATABASE.indexes</c> beside a SQLite file. None for
    /// PostgreSQL: a replica has no folder of its own that is known to be kept (it rebuilds at start).
    /// </summary>
    public static string? SnapshotDirectory(TarjumaServerOptions options)
    {
        var kind = string.IsNullOrWhiteSpace(options.Store) ? Sqlite : options.Store.Trim().ToLowerInvariant();
        if (!options.IndexSnapshots || kind != Sqlite)
        {
            return null;
        }

        var path = string.IsNullOrEmpty(options.Database) ? SqliteStoreOptions.DefaultDatabasePath() : options.Database;
        return Path.GetFullPath(path) + ".indexes";
    }
}
