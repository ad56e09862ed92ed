using System.CommandLine;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Checks;
using Tarjuma.CommandLine.Files;
using Tarjuma.CommandLine.Progress;

namespace Tarjuma.CommandLine.Commands;

/// <summary><c>tarjuma export --memory NAME OUT.tmx</c> (<c>-</c> writes to stdout).</summary>
internal static class ExportCommand
{
    public static Command Build(CliConsole console, OpenDatabase openDatabase)
    {
        var common = new CommonOptions(openDatabase);
        var memory = new Option<string>("--memory") { Description = "The memory to export.", Required = true };
        var output = new Argument<string>("out") { Description = "The TMX file to write; '-' for standard output." };
        var force = new Option<bool>("--force") { Description = "Replace OUT when it exists." };
        var command = new Command("export", "Export a memory as TMX 1.4b.") { memory, force, output };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = MemoryNames.Validate(parse.GetValue(memory), "--memory");
            var path = parse.GetValue(output)!;
            var toStdout = path == "-";
            if (!toStdout)
            {
                // Checked before anything is read: like backup, never replace a file unasked.
                path = OutputFile.Check(path, parse.GetValue(force), "out");
            }

            await using var backend = common.Open(parse);
            if (toStdout)
            {
                // A bar drawn between TMX lines on the same screen would only garble it.
                await using var stdout = Console.OpenStandardOutput();
                await ExportWithProgressAsync(backend, Console.IsOutputRedirected ? console : console with { IsTerminal = false }, name, stdout,
                    cancellationToken);
                return 0;
            }

            // Write beside the target and move into place, so a failed export leaves no half file.
            var temporary = path + ".partial";
            try
            {
                await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await ExportWithProgressAsync(backend, console, name, file, cancellationToken);
                }

                File.Move(temporary, path, overwrite: parse.GetValue(force));
            }
            finally
            {
                File.Delete(temporary);
            }

            await console.Error.WriteLineAsync($"exported {name} to {path}");
            return 0;
        });
        return command;
    }

    /// <summary>Exports with a bar of units written out of the memory's units (on a terminal only).</summary>
    private static async Task ExportWithProgressAsync(ITarjumaBackend backend, CliConsole console, string name, Stream output,
        CancellationToken cancellationToken)
    {
        long? total = null;
        if (console.IsTerminal)
        {
            var memories = await backend.ListMemoriesAsync(cancellationToken);
            total = memories.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))?.UnitCount;
        }

        using var bar = ProgressBar.Start(console, $"exporting {name}", total, ProgressUnit.Units);
        await using var counting = new TmxUnitCountingStream(output, bar.Report);
        await backend.ExportAsync(name, counting, cancellationToken);
    }
}
