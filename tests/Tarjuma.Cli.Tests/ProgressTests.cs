using System.Text;
using Tarjuma.CommandLine.Progress;

namespace Tarjuma.Cli.Tests;

/// <summary>Issue #11 item 11: progress bars on a terminal, nothing when redirected, machine output unchanged.</summary>
public sealed class ProgressTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Import_shows_bytes_of_the_file_size_and_percent_on_a_terminal_only()
    {
        string[] import = ["import", "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx];
        var size = new FileInfo(Seeds.Tmx).Length;

        var terminal = await CliRun.RunOnTerminalAsync(string.Empty, [.. import, "--db", _temp.File("a.db")]);
        var redirected = await CliRun.RunAsync([.. import, "--db", _temp.File("b.db")]);

        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("\rimporting president-2024-04-30.tmx [", terminal.Error, StringComparison.Ordinal);
        Assert.Contains($"100%  {size / 1048576.0:0.0}/{size / 1048576.0:0.0} MiB", terminal.Error, StringComparison.Ordinal);
        AssertQuiet(redirected.Error);
        Assert.Equal(redirected.Error, LastLine(terminal.Error));
        Assert.Equal(string.Empty, terminal.Out);
    }

    [Fact]
    public async Task Export_shows_units_written_of_the_memory_on_a_terminal_only()
    {
        await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);

        var terminal = await CliRun.RunOnTerminalAsync(string.Empty, "export", "--db", _temp.Database, "--memory", "seed", _temp.File("a.tmx"));
        var redirected = await CliRun.RunAsync("export", "--db", _temp.Database, "--memory", "seed", _temp.File("b.tmx"));

        Assert.Contains($"\rexporting seed [", terminal.Error, StringComparison.Ordinal);
        Assert.Contains($"100%  {Seeds.UnitCount}/{Seeds.UnitCount} units", terminal.Error, StringComparison.Ordinal);
        AssertQuiet(redirected.Error);
        Assert.Equal(
            Normalize(await File.ReadAllTextAsync(_temp.File("b.tmx"))),
            Normalize(await File.ReadAllTextAsync(_temp.File("a.tmx"))));
    }

    [Fact]
    public async Task Lookup_on_a_database_shows_the_index_build_on_a_terminal_only()
    {
        await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        string[] lookup = ["lookup", "--db", _temp.Database, "--memory", "seed", "--json"];

        var terminal = await CliRun.RunOnTerminalAsync(Seeds.TajikSentence + "\n", lookup);
        var redirected = await CliRun.RunWithInputAsync(Seeds.TajikSentence + "\n", lookup);

        Assert.Contains($"\rbuilding the lookup index of seed [", terminal.Error, StringComparison.Ordinal);
        Assert.Contains($"100%  {Seeds.UnitCount}/{Seeds.UnitCount} units", terminal.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, redirected.Error);
        Assert.Equal(redirected.Out, terminal.Out);
        Assert.Contains(Seeds.EnglishSentence, terminal.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Units_are_counted_exactly_however_the_output_is_cut(int chunk)
    {
        var tmx = Encoding.UTF8.GetBytes(
            "<tmx><body><tu><tuv xml:lang=\"tg\"><seg>&lt;/tu&gt; а</seg></tuv></tu><tu><tuv><seg>б</seg></tuv></tu>" +
            "<<</tu></tu ></tu></body></tmx>");
        using var sink = new MemoryStream();
        long reported = 0;
        using var counting = new TmxUnitCountingStream(sink, units => reported = units);

        for (var at = 0; at < tmx.Length; at += chunk)
        {
            counting.Write(tmx, at, Math.Min(chunk, tmx.Length - at));
        }

        Assert.Equal(4, counting.Units);
        Assert.Equal(4, reported);
        Assert.Equal(tmx, sink.ToArray());
    }

    /// <summary>Redirected stderr holds summary lines only: no carriage returns, no bars.</summary>
    private static void AssertQuiet(string error)
    {
        Assert.DoesNotContain('\r', error);
        Assert.DoesNotContain("%", error, StringComparison.Ordinal);
        Assert.DoesNotContain("[#", error, StringComparison.Ordinal);
    }

    private static string LastLine(string error) => error[(error.TrimEnd('\n').LastIndexOf('\n') + 1)..];

    /// <summary>The export's header carries its creation date: compare the units.</summary>
    private static string Normalize(string tmx) => tmx[tmx.IndexOf("<body>", StringComparison.Ordinal)..];
}
