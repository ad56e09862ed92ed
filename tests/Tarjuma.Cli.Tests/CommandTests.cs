using System.Text.Json;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Memory_commands_create_list_show_and_delete()
    {
        var create = await CliRun.RunAsync("memory", "create", "news", "--source-lang", "TG-tj", "--target-lang", "en", "--description", "Хабарҳо", "--db",
            _temp.Database);
        var list = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);
        var show = await CliRun.RunAsync("memory", "show", "news", "--db", _temp.Database);
        var delete = await CliRun.RunAsync("memory", "delete", "news", "--yes", "--db", _temp.Database);
        var after = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);

        Assert.Equal(0, create.ExitCode);
        Assert.Equal("news\ttg-TJ\ten\t0\tХабарҳо\n", list.Out);
        Assert.Contains("units: 0", show.Out, StringComparison.Ordinal);
        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(string.Empty, after.Out);
    }

    [Fact]
    public async Task Import_lookup_export_round_trip_on_the_seed()
    {
        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains($"added {Seeds.UnitCount}", import.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, import.Out);

        var lookup = await CliRun.RunWithInputAsync(Seeds.TajikSentence + "\n", "lookup", "--db", _temp.Database, "--memory", "seed");
        Assert.Contains(Seeds.EnglishSentence, lookup.Out, StringComparison.Ordinal);

        var exported = _temp.File("out.tmx");
        var export = await CliRun.RunAsync("export", "--db", _temp.Database, "--memory", "seed", exported);
        Assert.Equal(0, export.ExitCode);
        var reimport = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "copy", "--source-lang", "tg", "--target-lang", "en", exported);
        Assert.Contains($"added {Seeds.UnitCount}", reimport.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_summary_counts_units_without_a_memory_language_as_skipped()
    {
        await MultilingualTmx.ImportAndCheckSummaryAsync(_temp, "--db", _temp.Database);
    }

    [Fact]
    public async Task Lookup_json_writes_one_object_per_input_line()
    {
        await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);

        var result = await CliRun.RunWithInputAsync($"{Seeds.TajikSentence}\nИн ҷумла нест.\n\n", "lookup", "--db", _temp.Database, "--memory", "seed",
            "--json");

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(Seeds.TajikSentence, first.RootElement.GetProperty("query").GetString());
        var match = Assert.Single(first.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal(100, match.GetProperty("score").GetInt32());
        Assert.Equal(Seeds.TajikSentence, match.GetProperty("source").GetString());
        Assert.Equal(Seeds.EnglishSentence, match.GetProperty("target").GetString());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(0, second.RootElement.GetProperty("matches").GetArrayLength());
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal(string.Empty, third.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Errors_go_to_stderr_with_a_non_zero_exit()
    {
        await CliRun.RunAsync("memory", "create", "other", "--source-lang", "tg", "--target-lang", "en", "--db", _temp.Database);
        var missing = await CliRun.RunAsync("memory", "show", "nowhere", "--db", _temp.Database);
        var badFile = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "m", "--source-lang", "tg", "--target-lang", "en",
            _temp.File("absent.tmx"));
        var usage = await CliRun.RunAsync("lookup", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, missing.ExitCode);
        Assert.DoesNotContain("   at ", missing.Error, StringComparison.Ordinal);
        Assert.StartsWith("tarjuma: ", missing.Error, StringComparison.Ordinal);
        Assert.Contains("nowhere", missing.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, missing.Out);
        Assert.Equal(CliRunner.ExitFailure, badFile.ExitCode);
        Assert.Contains("absent.tmx", badFile.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitUsage, usage.ExitCode);
        Assert.Contains("--memory", usage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_tmx_fails_and_imports_nothing()
    {
        var broken = _temp.File("broken.tmx");
        await File.WriteAllTextAsync(broken, "<tmx version=\"1.4\"><header srclang=\"tg\"/><body><tu><tuv xml:lang=\"tg\"><seg>Як</seg></tuv>");

        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "m", "--source-lang", "tg", "--target-lang", "en", broken);
        var list = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, import.ExitCode);
        Assert.Contains("line 1", import.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, list.Out);
    }
}
