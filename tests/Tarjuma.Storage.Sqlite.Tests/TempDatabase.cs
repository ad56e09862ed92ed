namespace Tarjuma.Storage.Sqlite.Tests;

/// <summary>A database path in a fresh temporary folder, removed with everything in it.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "tarjuma-store-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(Folder, "nested", "tarjuma.db");
    }

    public string Folder { get; }

    /// <summary>The database file; its folder does not exist yet (the store creates it).</summary>
    public string DatabasePath { get; }

    public SqliteStoreOptions Options => new() { DatabasePath = DatabasePath };

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
