using Npgsql;
using Tarjuma.Core.Storage;

namespace Tarjuma.Storage.Postgres;

/// <summary>The PostgreSQL store's factory: one database (schema) holds memories, abbreviations and API keys.</summary>
public static class PostgresStore
{
    /// <summary>Connects, applies pending schema migrations and returns the store's ports.</summary>
    public static StorePorts Open(PostgresStoreOptions options)
    {
        var store = PostgresMemoryStore.Open(options);
        return new StorePorts(store, store, store, store)
        {
            Changes = options.Listen ? store : null,
            Description = "postgres: " + Describe(options.ConnectionString),
        };
    }

    /// <summary>Host, port and database, never the password: what a log may show.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database}";
    }
}
