using Tarjuma.CommandLine.Files;
using Tarjuma.Core.Model;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Files;

/// <summary>
/// Resolves <c>--db</c> before SQLite sees it, because SQLite creates any file (and our store any
/// folder) it is pointed at. Only commands that write may create a database, and only its file:
/// the one folder ever created is the default database's <c>data/</c>, so the README's set-up
/// command works on a fresh clone.
/// </summary>
internal static class DatabaseFile
{
    public static string Resolve(string? path, DatabaseUse use, string field = "--db")
    {
        var defaultPath = SqliteStoreOptions.DefaultDatabasePath();
        var full = Path.GetFullPath(path ?? defaultPath);
        if (File.Exists(full))
        {
            return full;
        }

        if (Directory.Exists(full))
        {
            throw TarjumaException.InvalidArgument(field, $"{full} is a folder, not a database file.");
        }

        if (use == DatabaseUse.Existing)
        {
            throw new TarjumaException(
                ErrorKind.NotFound,
                $"no database at {full} (check {field}; 'tarjuma import' or 'tarjuma memory create' makes one).",
                field);
        }

        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            if (!string.Equals(full, defaultPath, StringComparison.Ordinal))
            {
                throw OutputFile.MissingFolder(folder, field);
            }

            Directory.CreateDirectory(folder);
        }

        return full;
    }
}
