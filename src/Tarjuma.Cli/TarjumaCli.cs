using System.CommandLine;
using Tarjuma.Cli.Backends;
using Tarjuma.Cli.Commands;
using Tarjuma.Cli.Files;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Commands;
using Tarjuma.Core.Model;

namespace Tarjuma.Cli;

/// <summary>
/// The command line's composition root: the commands of Tarjuma.CommandLine, given the local backend this
/// executable picks (<see cref="LocalBackend"/>: the engine over the embedded SQLite store), and the commands
/// that run concrete parts in-process (the host, the stores, the engine and the aligner), in the order
/// <c>tarjuma --help</c> lists them. <see cref="RunAsync"/> is what <c>Program.cs</c> and the tests call; exit codes are
/// <see cref="CliRunner.ExitFailure"/> and <see cref="CliRunner.ExitUsage"/>.
/// </summary>
public static class TarjumaCli
{
    public static RootCommand BuildRootCommand(CliConsole console)
    {
        OpenDatabase local = LocalBackend.OpenDatabase;
        var root = new RootCommand("Tarjuma: a Tajik–English translation-memory server and its tools.");
        root.Subcommands.Add(ServeCommand.Build(console));
        root.Subcommands.Add(MemoryCommand.Build(console, local));
        root.Subcommands.Add(ImportCommand.Build(console, local));
        root.Subcommands.Add(ExportCommand.Build(console, local));
        root.Subcommands.Add(LookupCommand.Build(console, local));
        root.Subcommands.Add(DocumentCommands.BuildConcordance(console, local));
        root.Subcommands.Add(DocumentCommands.BuildAnalyze(console, local, EngineXliff.ReadSegments));
        root.Subcommands.Add(DocumentCommands.BuildPretranslate(console, local));
        root.Subcommands.Add(SegmentCommand.Build(console));
        root.Subcommands.Add(AbbreviationsCommand.Build(console, local));
        root.Subcommands.Add(AlignCommand.Build(console));
        root.Subcommands.Add(BackupCommand.Build(console));
        root.Subcommands.Add(RestoreCommand.Build(console));
        root.Subcommands.Add(MigrateCommand.Build(console));
        root.Subcommands.Add(ExportAllCommand.Build(console, local));
        root.Subcommands.Add(ImportAllCommand.Build(console, local));
        root.Subcommands.Add(KeysCommand.Build(console, local));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        SegmentCommand.StartWarmUp(args);
        return CliRunner.RunAsync(BuildRootCommand(console), args, console, static exception => exception is TarjumaException, cancellationToken);
    }
}
