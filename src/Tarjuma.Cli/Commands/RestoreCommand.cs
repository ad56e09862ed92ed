using System.CommandLine;
using Tarjuma.Cli.Files;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Files;
using Tarjuma.Storage.Sqlite;

namespace Tarjuma.Cli.Commands;

/// <summary><c>tarjuma restore IN --db PATH [--force]</c>: validates the backup, then swaps it in atomically.</summary>
internal static class RestoreCommand
{
    public static Command Build(CliConsole console)
    {
        var database = new Option<string?>("--db") { Description = "SQLite database file to restore into (default: data/tarjuma.db)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing database (stop the server first)." };
        var input = new Argument<string>("in") { Description = "The backup file." };
        var command = new Command("restore", "Restore a database from a backup made with 'tarjuma backup'.") { database, force, input };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DatabaseFile.Resolve(parse.GetValue(database), DatabaseUse.MayCreate);
            var source = parse.GetValue(input)!;
            await Task.Run(() => SqliteBackup.Restore(source, path, parse.GetValue(force)), cancellationToken);
            await console.Error.WriteLineAsync($"restored {source} into {path}");
            return 0;
        });
        return command;
    }
}
