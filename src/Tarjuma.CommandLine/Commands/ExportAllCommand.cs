using System.CommandLine;
using System.Text.Json;
using Tarjuma.CommandLine.Backends;

namespace Tarjuma.CommandLine.Commands;

/// <summary><c>tarjuma export-all DIR</c>: one TMX per memory plus <c>manifest.json</c>.</summary>
internal static class ExportAllCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var output = new Argument<string>("dir") { Description = "Folder to write (created; must not hold a manifest already)." };
        var command = new Command("export-all", "Export every memory (TMX files and a manifest) for import-all.") { output };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!;
            var manifestPath = Path.Combine(folder, ServerManifest.FileName);
            if (File.Exists(manifestPath))
            {
                throw new CommandLineException($"'{manifestPath}' exists; export into an empty folder.", "dir");
            }

            await using var backend = common.Open(parse);
            Directory.CreateDirectory(folder);
            var entries = new List<ManifestMemory>();
            foreach (var memory in await backend.ListMemoriesAsync(cancellationToken))
            {
                // Memory names are validated identifiers (letters, digits, '-', '_', '.'), safe as file names.
                var file = memory.Name + ".tmx";
                await using (var stream = new FileStream(Path.Combine(folder, file), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16,
                    useAsync: true))
                {
                    await backend.ExportAsync(memory.Name, stream, cancellationToken);
                }

                entries.Add(new ManifestMemory(memory.Name, memory.SourceLanguage, memory.TargetLanguage, memory.Description, memory.UnitCount,
                    file));
            }

            // The manifest last: a folder with a manifest is a complete export.
            var manifest = new ServerManifest(ServerManifest.CurrentFormat, entries);
            await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest, ServerManifest.Json), cancellationToken);
            await console.Error.WriteLineAsync($"exported {entries.Count} memories to {folder}");
            return 0;
        });
        return command;
    }
}
