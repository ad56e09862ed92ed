using System.CommandLine;
using System.Globalization;
using Tarjuma.Cli.Migration;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Commands;

/// <summary>
/// <c>tarjuma migrate --from sqlite:PATH --to postgres:CONNECTION</c> (or the reverse): copies every
/// memory, unit, abbreviation list and API key, then checks each memory's count and checksum.
/// </summary>
internal static class MigrateCommand
{
    public static Command Build(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "The store to copy from: sqlite:PATH or postgres:CONNECTION.", Required = true };
        var to = new Option<string>("--to")
        {
            Description = "The store to copy into (created when missing): sqlite:PATH or postgres:CONNECTION.",
            Required = true
        };
        var intoNonEmpty = new Option<bool>("--into-non-empty",
            "--force")
        { Description = "Copy into a store that already has memories or keys (names must not clash)." };
        var command = new Command("migrate", "Copy everything from one store to another (SQLite ↔ PostgreSQL) and verify the copy.") { from, to, intoNonEmpty };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fromAddress = parse.GetValue(from)!;
            var toAddress = parse.GetValue(to)!;
            using var source = StoreAddress.Open(fromAddress, "--from");
            using var target = StoreAddress.Open(toAddress, "--to");
            var report = await StoreMigration.CopyAsync(
                source, target, parse.GetValue(intoNonEmpty), line => console.Error.WriteLine("  " + line), cancellationToken);
            var units = report.Memories.Sum(m => m.Units);
            await console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"copied {report.Memories.Count} memories, {units} units and {report.Keys} keys from {StoreAddress.Describe(fromAddress)} "
                    + $"to {StoreAddress.Describe(toAddress)}; counts and checksums verified"));
            return 0;
        });
        return command;
    }
}
