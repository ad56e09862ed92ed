using System.CommandLine;
using Grpc.Core;
using Tarjuma.Cli.Commands;
using Tarjuma.Core.Model;

namespace Tarjuma.Cli;

/// <summary>Builds the command tree; <see cref="RunAsync"/> is what <c>Program.cs</c> and the tests call.</summary>
public static class TarjumaCli
{
    /// <summary>Exit code of a command that failed for a reason the user can fix (bad input, not found).</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code of a command line that does not parse.</summary>
    public const int ExitUsage = 2;

    public static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand("Tarjuma: a Tajik–English translation-memory server and its tools.");
        root.Subcommands.Add(ServeCommand.Build(console));
        root.Subcommands.Add(MemoryCommand.Build(console));
        root.Subcommands.Add(ImportCommand.Build(console));
        root.Subcommands.Add(ExportCommand.Build(console));
        root.Subcommands.Add(LookupCommand.Build(console));
        root.Subcommands.Add(DocumentCommands.BuildConcordance(console));
        root.Subcommands.Add(DocumentCommands.BuildAnalyze(console));
        root.Subcommands.Add(DocumentCommands.BuildPretranslate(console));
        root.Subcommands.Add(SegmentCommand.Build(console));
        root.Subcommands.Add(AbbreviationsCommand.Build(console));
        root.Subcommands.Add(AlignCommand.Build(console));
        root.Subcommands.Add(BackupCommand.Build(console));
        root.Subcommands.Add(RestoreCommand.Build(console));
        root.Subcommands.Add(MigrateCommand.Build(console));
        root.Subcommands.Add(ExportAllCommand.Build(console));
        root.Subcommands.Add(ImportAllCommand.Build(console));
        root.Subcommands.Add(KeysCommand.Build(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parsed = BuildRootCommand(console).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"tarjuma: {error.Message}");
            }

            return ExitUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (TarjumaException exception)
        {
            await console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
            return ExitFailure;
        }
        catch (RpcException exception)
        {
            await console.Error.WriteLineAsync($"tarjuma: {RpcErrorMessage.Describe(exception, ServerOf(parsed))}");
            return ExitFailure;
        }
        catch (IOException exception)
        {
            await console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
            return ExitFailure;
        }
        catch (UnauthorizedAccessException exception)
        {
            await console.Error.WriteLineAsync($"tarjuma: {exception.Message}");
            return ExitFailure;
        }
    }

    /// <summary>The command's <c>--server</c> value, for messages about the connection.</summary>
    private static string? ServerOf(ParseResult parsed) =>
        parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--server") is Option<string?> server ? parsed.GetValue(server) : null;
}
