using System.CommandLine;
using Tarjuma.Core.Model;

namespace Tarjuma.Cli.Commands;

/// <summary><c>tarjuma export --memory NAME OUT.tmx</c> (<c>-</c> writes to stdout).</summary>
internal static class ExportCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var memory = new Option<string>("--memory") { Description = "The memory to export.", Required = true };
        var output = new Argument<string>("out") { Description = "The TMX file to write; '-' for standard output." };
        var command = new Command("export", "Export a memory as TMX 1.4b.") { memory, output };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = MemoryName.Validate(parse.GetValue(memory), "--memory");
            var path = parse.GetValue(output)!;
            await using var backend = common.Open(parse);
            if (path == "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                await backend.ExportAsync(name, stdout, cancellationToken);
                return 0;
            }

            // Write beside the target and move into place, so a failed export leaves no half file.
            var temporary = path + ".partial";
            try
            {
                await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await backend.ExportAsync(name, file, cancellationToken);
                }

                File.Move(temporary, path, overwrite: true);
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
}
