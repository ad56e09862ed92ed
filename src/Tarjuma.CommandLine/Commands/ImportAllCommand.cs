using System.CommandLine;
using System.Text.Json;
using Tarjuma.Client;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Files;

namespace Tarjuma.CommandLine.Commands;

/// <summary>
/// <c>tarjuma import-all DIR</c>: recreates every memory of an <c>export-all</c> folder. Resumable:
/// everything is checked before anything is written, each memory is imported atomically (the import
/// creates it in its own transaction), and a memory already there with the manifest's languages and
/// unit count is one an earlier, interrupted run imported: it is skipped. A memory there that differs
/// stops the run before any write.
/// </summary>
internal static class ImportAllCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var input = new Argument<string>("dir") { Description = "Folder written by export-all." };
        var command = new Command("import-all",
            "Import every memory of an export-all folder; a re-run after a failure skips the memories already imported.") { input };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(input)!;
            var manifest = await ReadManifestAsync(folder, cancellationToken);
            await using var backend = common.Open(parse, DatabaseUse.MayCreate);

            // Check everything before writing anything: no half-imported server for a problem we could see.
            var existing = (await backend.ListMemoriesAsync(cancellationToken)).ToDictionary(m => m.Name, StringComparer.Ordinal);
            var plan = new List<(ManifestMemory Entry, string Source, string Target, bool Done)>();
            foreach (var entry in manifest.Memories)
            {
                MemoryNames.Validate(entry.Name, "manifest");
                var source = LanguageTags.Canonical(entry.SourceLanguage, "manifest");
                var target = LanguageTags.Canonical(entry.TargetLanguage, "manifest");
                try
                {
                    LanguageTags.CheckMemoryPair(source, target);
                }
                catch (CommandLineException exception)
                {
                    // e.g. a tg → tg memory an older Tarjuma accepted: export-all wrote it, but it cannot be recreated.
                    throw CommandLineException.InvalidArgument(
                        "manifest",
                        $"memory '{entry.Name}' cannot be imported: {exception.Message} Correct its languages in {ServerManifest.FileName} and in "
                            + $"'{entry.File}', or remove its entry; nothing was imported.");
                }

                var done = false;
                if (existing.TryGetValue(entry.Name, out var present))
                {
                    done = string.Equals(present.SourceLanguage, source, StringComparison.Ordinal)
                        && string.Equals(present.TargetLanguage, target, StringComparison.Ordinal) && present.UnitCount == entry.UnitCount;
                    if (!done)
                    {
                        throw new CommandLineException(
                            $"memory '{entry.Name}' already exists and differs from the export ({present.SourceLanguage} "
                                + $"→ {present.TargetLanguage}, {present.UnitCount} units; the export has {source} → {target}, {entry.UnitCount} units); "
                                    + $"delete it or import into another database; nothing was imported.",
                            "memory");
                    }
                }

                if (!File.Exists(FileOf(folder, entry)))
                {
                    throw new CommandLineException($"'{FileOf(folder, entry)}' is missing.", "dir");
                }

                plan.Add((entry, source, target, done));
            }

            foreach (var (entry, source, target, done) in plan)
            {
                if (done)
                {
                    await console.Error.WriteLineAsync($"{entry.Name}: already imported ({entry.UnitCount} units), skipped");
                }
                else
                {
                    await using var tmx = File.OpenRead(FileOf(folder, entry));
                    var options = new TmxImportOptions(entry.Name) { SourceLanguage = source, TargetLanguage = target };
                    var result = await backend.ImportAsync(options, tmx, null, cancellationToken);
                    await console.Error.WriteLineAsync($"{entry.Name}: {result.Added} added, {result.Updated} merged");
                }

                // Set after the import (an import creates a memory without one); a re-run sets it if a run stopped here.
                if (entry.Description.Length > 0 && (!existing.TryGetValue(entry.Name, out var present) || !string.Equals(present.Description,
                    entry.Description, StringComparison.Ordinal)))
                {
                    await backend.UpdateMemoryDescriptionAsync(entry.Name, entry.Description, cancellationToken);
                }
            }

            return 0;
        });
        return command;
    }

    private static string FileOf(string folder, ManifestMemory entry)
    {
        // Only a plain file name inside the folder: a manifest must not point elsewhere.
        if (!string.Equals(Path.GetFileName(entry.File), entry.File, StringComparison.Ordinal))
        {
            throw CommandLineException.InvalidArgument("manifest", $"file '{entry.File}' is not a plain file name.");
        }

        return Path.Combine(folder, entry.File);
    }

    private static async Task<ServerManifest> ReadManifestAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ServerManifest.FileName);
        if (!File.Exists(path))
        {
            throw new CommandLineException($"no {ServerManifest.FileName} in '{folder}'.", "dir");
        }

        ServerManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<ServerManifest>(stream, ServerManifest.Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new CommandLineException($"{path}: {exception.Message}", "manifest", exception);
        }

        if (manifest is null || manifest.Format != ServerManifest.CurrentFormat || manifest.Memories is null)
        {
            throw CommandLineException.InvalidArgument("manifest", $"{path} is not a format-{ServerManifest.CurrentFormat} manifest.");
        }

        return manifest;
    }
}
