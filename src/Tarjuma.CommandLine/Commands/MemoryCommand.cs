using System.CommandLine;
using System.Globalization;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Files;

namespace Tarjuma.CommandLine.Commands;

/// <summary><c>tarjuma memory create|list|show|delete</c>.</summary>
internal static class MemoryCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var command = new Command("memory", "Create, list, show and delete translation memories.");
        command.Subcommands.Add(BuildCreate(console, openDatabase));
        command.Subcommands.Add(BuildList(console, openDatabase));
        command.Subcommands.Add(BuildShow(console, openDatabase));
        command.Subcommands.Add(BuildDelete(console, openDatabase));
        return command;
    }

    private static Command BuildCreate(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var name = new Argument<string>("name") { Description = "The memory's name." };
        var source = new Option<string>("--source-lang") { Description = "Source language (BCP 47), e.g. tg.", Required = true };
        var target = new Option<string>("--target-lang") { Description = "Target language (BCP 47), e.g. en.", Required = true };
        var description = new Option<string>("--description") { Description = "What the memory holds.", DefaultValueFactory = _ => string.Empty };
        var command = new Command("create", "Create an empty memory.") { name, source, target, description };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse, DatabaseUse.MayCreate);
            var memory = await backend.CreateMemoryAsync(
                MemoryNames.Validate(parse.GetValue(name), "name"),
                LanguageTags.Canonical(parse.GetValue(source), "--source-lang"),
                LanguageTags.Canonical(parse.GetValue(target), "--target-lang"),
                parse.GetValue(description) ?? string.Empty,
                cancellationToken);
            await console.Out.WriteLineAsync($"{memory.Name}\t{memory.SourceLanguage}\t{memory.TargetLanguage}");
            return 0;
        });
        return command;
    }

    private static Command BuildList(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var command = new Command("list", "List memories: name, languages, units, description (tab-separated).");
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse);
            foreach (var memory in await backend.ListMemoriesAsync(cancellationToken))
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{memory.Name}\t{memory.SourceLanguage}\t{memory.TargetLanguage}\t{memory.UnitCount}\t{memory.Description}"));
            }

            return 0;
        });
        return command;
    }

    private static Command BuildShow(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var name = new Argument<string>("name") { Description = "The memory's name." };
        var command = new Command("show", "Show a memory and its statistics.") { name };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse);
            var (memory, statistics) = await backend.ShowMemoryAsync(parse.GetValue(name)!, cancellationToken);
            var lines = new[]
            {
                $"name: {memory.Name}",
                $"languages: {memory.SourceLanguage} -> {memory.TargetLanguage}",
                $"description: {memory.Description}",
                $"created: {memory.CreatedAt?.ToDateTimeOffset() ?? default:O}",
                $"units: {statistics.UnitCount}",
                $"distinct sources: {statistics.DistinctSources}",
                $"words: {statistics.SourceWords} source, {statistics.TargetWords} target",
                $"characters: {statistics.SourceCharacters} source, {statistics.TargetCharacters} target",
                $"last change: {statistics.LastChangedAt?.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) ?? "-"}",
            };
            foreach (var line in lines)
            {
                await console.Out.WriteLineAsync(line);
            }

            return 0;
        });
        return command;
    }

    private static Command BuildDelete(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var name = new Argument<string>("name") { Description = "The memory's name." };
        var yes = new Option<bool>("--yes") { Description = "Delete without asking (needed when not run on a terminal)." };
        var command = new Command("delete", "Delete a memory and all its units (asks first on a terminal).") { name, yes };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var backend = common.Open(parse);
            var memoryName = MemoryNames.Validate(parse.GetValue(name), "name");
            if (!parse.GetValue(yes))
            {
                // Not-found is reported before anything is asked; the listing's count needs no scan of the units.
                var memory = (await backend.ListMemoriesAsync(cancellationToken)).FirstOrDefault(m => string.Equals(m.Name, memoryName,
                    StringComparison.Ordinal))
                    ?? throw new CommandLineException($"memory '{memoryName}' does not exist.", "memory");
                var question = string.Create(CultureInfo.InvariantCulture, $"Delete memory '{memory.Name}' and its {memory.UnitCount:N0} units?");
                if (!console.CanPrompt)
                {
                    throw new CommandLineException($"{question} Not on a terminal: add --yes to delete.", "--yes");
                }

                if (!await console.ConfirmAsync(question, cancellationToken))
                {
                    await console.Error.WriteLineAsync("nothing deleted");
                    return CliRunner.ExitFailure;
                }
            }

            await backend.DeleteMemoryAsync(memoryName, cancellationToken);
            await console.Error.WriteLineAsync($"deleted {memoryName}");
            return 0;
        });
        return command;
    }
}
