using System.CommandLine;
using System.Globalization;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.Protos.V1;

namespace Tarjuma.CommandLine.Commands;

/// <summary>
/// <c>tarjuma abbreviations add|remove --memory NAME ENTRY…</c>: an administrator's edits of a
/// memory's abbreviations (used whether learned or not / never used, even when learned again).
/// Prints the list afterwards as <c>tarjuma segment --memory NAME --show-abbreviations</c> does.
/// </summary>
internal static class AbbreviationsCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var command = new Command("abbreviations", "Edit a memory's abbreviations (administrators): add or remove entries.");
        command.Subcommands.Add(BuildEdit(console, openDatabase, "add", "Use these abbreviations when segmenting for the memory (\"мас.\" or \"мас\")."));
        command.Subcommands.Add(BuildEdit(console, openDatabase, "remove", "Never use these abbreviations for the memory, even when learned again."));
        return command;
    }

    /// <summary>
    /// One line per entry, without its final period: <c>entry TAB learned TAB score TAB with-period
    /// TAB without-period</c>, <c>entry TAB added</c> or <c>entry TAB removed</c>; a summary on stderr.
    /// </summary>
    public static async Task WriteAsync(CliConsole console, MemoryAbbreviations abbreviations)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var a in abbreviations.Learned)
        {
            await console.Out.WriteLineAsync(string.Create(inv, $"{a.Text}\tlearned\t{a.Score:F2}\t{a.WithPeriod}\t{a.WithoutPeriod}"));
        }

        foreach (var entry in abbreviations.Added)
        {
            await console.Out.WriteLineAsync($"{entry}\tadded");
        }

        foreach (var entry in abbreviations.Removed)
        {
            await console.Out.WriteLineAsync($"{entry}\tremoved");
        }

        await console.Error.WriteLineAsync(string.Create(inv,
            $"{abbreviations.Effective.Count} abbreviations in use for '{abbreviations.Memory}'; learned from {abbreviations.LearnedFromUnits} units"));
    }

    private static Command BuildEdit(CliConsole console, OpenDatabase openDatabase, string verb, string description)
    {
        var common = new CommonOptions(openDatabase);
        var memory = new Option<string>("--memory") { Description = "The memory.", Required = true };
        var entries = new Argument<string[]>("entries") { Description = "Abbreviations, with or without the final period.", Arity = ArgumentArity.OneOrMore };
        var command = new Command(verb, description) { memory, entries };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = MemoryNames.Validate(parse.GetValue(memory), "--memory");
            var given = parse.GetValue(entries) ?? [];
            await using var backend = common.Open(parse);
            var edited = verb == "add"
                ? await backend.EditAbbreviationsAsync(name, given, [], cancellationToken)
                : await backend.EditAbbreviationsAsync(name, [], given, cancellationToken);
            await WriteAsync(console, edited);
            return 0;
        });
        return command;
    }
}
