using System.CommandLine;
using System.Text.Json;
using Tarjuma.Cli.Files;
using Tarjuma.Core.Exchange;
using Tarjuma.Core.Model;

namespace Tarjuma.Cli.Commands;

/// <summary><c>tarjuma import-all DIR</c>: recreates every memory of an <c>export-all</c> folder.</summary>
internal static class ImportAllCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var input = new Argument<string>("dir") { Description = "Folder written by export-all." };
        var command = new Command("import-all", "Import every memory of an export-all folder (none may exist yet).") { input };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(input)!;
            var manifest = await ReadManifestAsync(folder, cancellationToken);
            await using var backend = common.Open(parse, DatabaseUse.MayCreate);

            // Check everything before writing anything: no half-imported server for a clash we could see.
            var existing = (await backend.ListMemoriesAsync(cancellationToken)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in manifest.Memories)
            {
                MemoryName.Validate(entry.Name, "manifest");
                if (existing.Contains(entry.Name))
                {
                    throw new TarjumaException(ErrorKind.AlreadyExists, $"memory '{entry.Name}' already exists.", "memory");
                }

                if (!File.Exists(FileOf(folder, entry)))
                {
                    throw new TarjumaException(ErrorKind.NotFound, $"'{FileOf(folder, entry)}' is missing.", "dir");
                }
            }

            foreach (var entry in manifest.Memories)
            {
                var source = LanguageTag.Parse(entry.SourceLanguage, "manifest");
                var target = LanguageTag.Parse(entry.TargetLanguage, "manifest");
                await backend.CreateMemoryAsync(new NewMemory(entry.Name, source, target, entry.Description), cancellationToken);
                await using var tmx = File.OpenRead(FileOf(folder, entry));
                var result = await backend.ImportAsync(new TmxImportRequest(entry.Name, source, target), tmx, null, cancellationToken);
                await console.Error.WriteLineAsync($"{entry.Name}: {result.Summary.Added} added, {result.Summary.Updated} merged");
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
            throw TarjumaException.InvalidArgument("manifest", $"file '{entry.File}' is not a plain file name.");
        }

        return Path.Combine(folder, entry.File);
    }

    private static async Task<ServerManifest> ReadManifestAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ServerManifest.FileName);
        if (!File.Exists(path))
        {
            throw new TarjumaException(ErrorKind.NotFound, $"no {ServerManifest.FileName} in '{folder}'.", "dir");
        }

        ServerManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<ServerManifest>(stream, ServerManifest.Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new TarjumaException(ErrorKind.InvalidArgument, $"{path}: {exception.Message}", "manifest", exception);
        }

        if (manifest is null || manifest.Format != ServerManifest.CurrentFormat || manifest.Memories is null)
        {
            throw TarjumaException.InvalidArgument("manifest", $"{path} is not a format-{ServerManifest.CurrentFormat} manifest.");
        }

        return manifest;
    }
}
