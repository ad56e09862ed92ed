using Tarjuma.Core.Storage;

namespace Tarjuma.Storage.Sqlite;

/// <summary>The SQLite store's factory: one file holds memories, abbreviations and API keys.</summary>
public static class SqliteStore
{
    /// <summary>Opens (or creates) the database; see <see cref="SqliteMemoryStore.Open(SqliteStoreOptions)"/>.</summary>
    public static StorePorts Open(SqliteStoreOptions options)
    {
        var store = SqliteMemoryStore.Open(options);
        return new StorePorts(store, store, store, store) { Description = "sqlite: " + store.Options.DatabasePath };
    }
}
