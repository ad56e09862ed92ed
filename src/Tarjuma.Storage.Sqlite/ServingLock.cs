using Tarjuma.Core.Model;

namespace Tarjuma.Storage.Sqlite;

/// <summary>
/// An exclusive OS lock on <c>DATABASE.lock</c>, held by a serving process for as long as it runs
/// (.NET takes flock(LOCK_EX) for FileShare.None on Unix, a share lock on Windows). It keeps a second
/// server and <c>tarjuma restore</c> off a database in use: a server's indexes would not see another
/// server's writes, and a restore under a running server would be overwritten or corrupted. The
/// command line's own short reads and writes (keys, imports with --db) do not take it.
/// </summary>
public sealed class ServingLock : IDisposable
{
    private readonly FileStream _file;

    private ServingLock(FileStream file) => _file = file;

    /// <summary>The lock file of <paramref name="databasePath"/>.</summary>
    public static string PathOf(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Takes the lock, or fails at once (FailedPrecondition) when another process holds it.</summary>
    public static ServingLock Acquire(string databasePath, string field)
    {
        var path = PathOf(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new ServingLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new TarjumaException(
                ErrorKind.FailedPrecondition,
                $"the database '{Path.GetFullPath(databasePath)}' is in use by a running Tarjuma server (it holds '{path}'); stop it first.",
                field,
                exception);
        }
    }

    public void Dispose() => _file.Dispose();
}
