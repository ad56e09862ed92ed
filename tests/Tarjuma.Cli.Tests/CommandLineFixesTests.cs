using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

/// <summary>Issue #11 item 12, the command-line parts: each test fails on the behaviour the issue reports.</summary>
public sealed class CommandLineFixesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Export_refuses_to_replace_a_file_unless_forced()
    {
        await ImportSeedAsync();
        var output = _temp.File("out.tmx");
        await File.WriteAllTextAsync(output, "keep me");

        var refused = await CliRun.RunAsync("export", "--db", _temp.Database, "--memory", "seed", output);
        var kept = await File.ReadAllTextAsync(output);
        var forced = await CliRun.RunAsync("export", "--db", _temp.Database, "--memory", "seed", "--force", output);

        Assert.Equal(CliRunner.ExitFailure, refused.ExitCode);
        Assert.Equal($"tarjuma: {output} exists; add --force to replace it.\n", refused.Error);
        Assert.Equal("keep me", kept);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains(Seeds.TajikSentence, await File.ReadAllTextAsync(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_into_a_missing_folder_names_the_folder()
    {
        await ImportSeedAsync();
        var folder = _temp.File("missing");

        var result = await CliRun.RunAsync("export", "--db", _temp.Database, "--memory", "seed", Path.Combine(folder, "out.tmx"));

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.StartsWith($"tarjuma: the folder {folder} does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(".partial", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Memory_delete_asks_on_a_terminal_and_needs_yes_otherwise()
    {
        await ImportSeedAsync();

        var unattended = await CliRun.RunAsync("memory", "delete", "seed", "--db", _temp.Database);
        var declined = await CliRun.RunOnTerminalAsync("n\n", "memory", "delete", "seed", "--db", _temp.Database);
        var stillThere = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);
        var confirmed = await CliRun.RunOnTerminalAsync("y\n", "memory", "delete", "seed", "--db", _temp.Database);
        var gone = await CliRun.RunAsync("memory", "list", "--db", _temp.Database);

        Assert.Equal(CliRunner.ExitFailure, unattended.ExitCode);
        Assert.Contains($"Delete memory 'seed' and its {Seeds.UnitCount} units?", unattended.Error, StringComparison.Ordinal);
        Assert.Contains("add --yes", unattended.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitFailure, declined.ExitCode);
        Assert.StartsWith($"Delete memory 'seed' and its {Seeds.UnitCount} units? [y/N] ", declined.Error, StringComparison.Ordinal);
        Assert.StartsWith("seed\t", stillThere.Out, StringComparison.Ordinal);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal(string.Empty, gone.Out);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_unreachable_with_its_address()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var address = $"http://127.0.0.1:{port}";
        var result = await CliRun.RunAsync("memory", "list", "--server", address);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.StartsWith($"tarjuma: cannot reach the server at {address} (connection refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("subchannel", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concordance_json_ranges_are_start_length_objects()
    {
        await ImportSeedAsync();

        var result = await CliRun.RunAsync("concordance", "--db", _temp.Database, "--memory", "seed", "--json", "--side", "Source", "суҳбат");

        using var hit = JsonDocument.Parse(result.Out.Split('\n')[0]);
        var range = hit.RootElement.GetProperty("source_ranges")[0];
        var source = hit.RootElement.GetProperty("source").GetString()!;
        Assert.Equal(JsonValueKind.Object, range.ValueKind);
        Assert.Equal("суҳбат", source.Substring(range.GetProperty("start").GetInt32(), range.GetProperty("length").GetInt32()));
    }

    [Fact]
    public async Task Analyze_and_memory_show_count_characters_the_same_way()
    {
        // Spaces and a surrogate pair: where the two counts used to differ (22 without spaces).
        const string Sentence = "Ман 😀 хеле шодам, ки омадӣ.";
        var tmx = _temp.File("one.tmx");
        await File.WriteAllTextAsync(tmx, Fixtures.UnitTmx(Sentence, "I am very glad you came."));
        var document = _temp.File("doc.txt");
        await File.WriteAllTextAsync(document, Sentence + "\n");
        await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "m", "--source-lang", "tg", "--target-lang", "en", tmx);

        var show = await CliRun.RunAsync("memory", "show", "m", "--db", _temp.Database);
        var analyze = await CliRun.RunAsync("analyze", "--db", _temp.Database, "--memory", "m", "--presegmented", document);

        var shown = show.Out.Split('\n').Single(l => l.StartsWith("characters: ", StringComparison.Ordinal));
        var total = analyze.Out.Split('\n').Single(l => l.StartsWith("total\t", StringComparison.Ordinal)).Split('\t')[3];
        Assert.Equal("22", total);
        Assert.StartsWith($"characters: {total} source, ", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_takes_the_context_of_one_segment_or_from_adjacent_lines()
    {
        var tmx = _temp.File("context.tmx");
        await File.WriteAllTextAsync(tmx, Fixtures.ContextTmx());
        await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "m", "--source-lang", "tg", "--target-lang", "en", tmx);
        string[] lookup = ["lookup", "--db", _temp.Database, "--memory", "m", "--json"];

        var bare = await CliRun.RunWithInputAsync(Fixtures.Sentence + "\n", lookup);
        var given = await CliRun.RunWithInputAsync(Fixtures.Sentence + "\n", [.. lookup, "--previous", Fixtures.Before, "--next", Fixtures.After]);
        var fromLines = await CliRun.RunWithInputAsync($"{Fixtures.Before}\n{Fixtures.Sentence}\n{Fixtures.After}\n", [.. lookup, "--context-from-lines"]);
        var ambiguous = await CliRun.RunWithInputAsync($"{Fixtures.Sentence}\n{Fixtures.After}\n", [.. lookup, "--previous", Fixtures.Before]);

        Assert.Equal(100, BestScore(bare.Out.Split('\n')[0]));
        Assert.Equal(101, BestScore(given.Out.Split('\n')[0]));
        var lines = fromLines.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(101, BestScore(lines[1]));
        Assert.Equal(CliRunner.ExitFailure, ambiguous.ExitCode);
        Assert.Contains("--previous", ambiguous.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ambiguous.Out);
    }

    [Fact]
    public async Task Pretranslate_text_marks_filled_targets_and_untouched_sources()
    {
        await ImportSeedAsync();
        var document = _temp.File("doc.txt");
        const string Unknown = "Ин ҷумла дар хотира нест.";
        await File.WriteAllTextAsync(document, $"{Seeds.TajikSentence}\n{Unknown}\n");

        var result = await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "seed", "--presegmented", document);

        Assert.Equal($"filled\t100\t{Seeds.EnglishSentence}\nsource\t-\t{Unknown}\n", result.Out);
    }

    private static int BestScore(string jsonLine)
    {
        using var line = JsonDocument.Parse(jsonLine);
        return line.RootElement.GetProperty("matches")[0].GetProperty("score").GetInt32();
    }

    private async Task ImportSeedAsync()
    {
        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        Assert.Equal(0, import.ExitCode);
    }
}
