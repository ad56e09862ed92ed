using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

/// <summary>Runs <c>tarjuma</c> in-process with captured streams.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

internal static class CliRun
{
    public static async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(input), output, error, IsTerminal: false);
        var exit = await TarjumaCli.RunAsync(args, console);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    /// <summary>As if a person ran it: stderr is a terminal (progress is drawn) and questions can be answered from <paramref name="input"/>.</summary>
    public static async Task<CliResult> RunOnTerminalAsync(string input, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(input), output, error, IsTerminal: true) { CanPrompt = true };
        var exit = await TarjumaCli.RunAsync(args, console);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a long command (<c>serve</c>) until <paramref name="cancellationToken"/> stops it.</summary>
    public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(string.Empty), output, error, IsTerminal: false);
        var exit = await TarjumaCli.RunAsync(args, console, cancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder with a database path, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tarjuma-cli-tests", Guid.NewGuid().ToString("N"));

    public string Database => System.IO.Path.Combine(Path, "tm.db");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
