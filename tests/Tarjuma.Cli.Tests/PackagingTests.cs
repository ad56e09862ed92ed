using System.Diagnostics;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

/// <summary>
/// Issue #11 item 9: the command line ships as a .NET tool. Packs the already built project (no
/// second build), installs it into a throwaway tool path from that folder only, and runs the
/// installed <c>tarjuma</c>: aligning the seed pair proves the package carries the aligner model.
/// About 10 s of CPU (20–30 s on a busy machine).
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_packed_tool_installs_and_runs_with_the_aligner_model()
    {
        var root = Tarjuma.Tests.SharedData.RepositoryRoot;
        var feed = _temp.File("feed");
        var tools = _temp.File("tools");
        var pack = await RunAsync(Dotnet, "pack", Path.Combine(root, "src", "Tarjuma.Cli"), "-c", Configuration, "--no-build", "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);

        // The README's install line with --tool-path for --global: `update` installs when absent, and
        // --source (instead of every configured feed) keeps nuget.org out of it.
        var install = await RunAsync(Dotnet, "tool", "update", "--tool-path", tools, "--prerelease", "--source", feed, "Tarjuma.Cli");
        Assert.True(install.ExitCode == 0, install.Out + install.Error);

        var tarjuma = Path.Combine(tools, OperatingSystem.IsWindows() ? "tarjuma.exe" : "tarjuma");
        var align = await RunAsync(tarjuma, "align", Path.Combine(root, "seeds", "president-2024-04-30.tg.txt"), Path.Combine(root, "seeds",
            "president-2024-04-30.en.txt"));
        var missing = await RunAsync(tarjuma, "memory", "list", "--db", _temp.File("absent.db"));

        Assert.True(align.ExitCode == 0, align.Error);
        Assert.Equal(16, align.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("16 beads, 0 to review", align.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, missing.ExitCode);
        Assert.Contains("no database at", missing.Error, StringComparison.Ordinal);
    }

    /// <summary>The dotnet host running these tests (set by <c>dotnet test</c>), else the one on PATH.</summary>
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The configuration these tests were built in (…/bin/Release/net10.0/), which pack reuses.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static async Task<CliResult> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
