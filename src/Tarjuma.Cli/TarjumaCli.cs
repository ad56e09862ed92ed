using System.CommandLine;
using Tarjuma.Cli.Backends;
using Tarjuma.Cli.Commands;
using Tarjuma.Cli.Files;
using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Backends;
using Tarjuma.CommandLine.Commands;

namespace Tarjuma.Cli;

/// <summary>
/// The command line's composition root: the commands of Tarjuma.CommandLine, given the local backend this
/// executable picks (<see cref="LocalBackend"/>: the engine over the embedded SQLite store), and the commands
/// that run concrete parts in-process (the host, the stores, the engine and the aligner), in the order
/// <c>tarjuma --help</c> lists them. <see cref="RunAsync"/> is what <c>Program.cs</c> and the tests call.
/// </summary>
public static class TarjumaCli
{
    /// <inheritdoc cref="CliRunner.ExitFailure"/>
    public const int ExitFailure = CliRunner.ExitFailure;

    /// <inheritdoc cref="CliRunner.ExitUsage"/>
    public const int ExitUsage = CliRunner.ExitUsage;

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

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default) =>
        CliRunner.RunAsync(BuildRootCommand(console), args, console, cancellationToken);
}
