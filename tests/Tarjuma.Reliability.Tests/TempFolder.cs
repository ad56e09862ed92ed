using Microsoft.Data.Sqlite;

namespace Tarjuma.Reliability.Tests;

/// <summary>A temporary folder with a database path, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tarjuma-reliability", Guid.NewGuid().ToString("N"));

    public string Database => System.IO.Path.Combine(Path, "tm.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
