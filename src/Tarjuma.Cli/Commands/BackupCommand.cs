using System.CommandLine;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Files;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Commands;

/// <summary><c>tarjuma backup --db PATH OUT [--force]</c>: a consistent copy, even while a server serves the file.</summary>
internal static class BackupCommand
{
    public static Command Build(CliConsole console)
    {
        var database = new Option<string?>("--db") { Description = "SQLite database file (default: data/tarjuma.db)." };
        var force = new Option<bool>("--force") { Description = "Replace OUT when it exists." };
        var output = new Argument<string>("out") { Description = "The backup file to write." };
        var command = new Command("backup", "Copy the database with SQLite's online backup (safe while the server runs).") { database, force, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(database) ?? SqliteStoreOptions.DefaultDatabasePath();
            var target = OutputFile.Check(parse.GetValue(output)!, parse.GetValue(force), "out");
            await Task.Run(() => SqliteBackup.Backup(path, target, parse.GetValue(force)), cancellationToken);
            await console.Error.WriteLineAsync($"backed up {path} to {target} (integrity check ok)");
            return 0;
        });
        return command;
    }
}
