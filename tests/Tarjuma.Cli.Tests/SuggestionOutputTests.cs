using System.Text.Json;

namespace Tarjuma.Cli.Tests;

/// <summary>The adjusted suggestion (placeables carried over) on the command line: lookup and pretranslate.</summary>
public sealed class SuggestionOutputTests : IDisposable
{
    // Our own sentences: a number that differs between query and unit is carried into the target.
    private const string Tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="tg" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="test" creationtool="test"
            creationtoolversion="1"/>
        <body><tu><tuv xml:lang="tg"><seg>Соли 2023 мактаби нав сохта шуд.</seg></tuv>
            <tuv xml:lang="en"><seg>In 2023 a new school was built.</seg></tuv></tu></body></tmx>
        """;

    private const string Query = "Соли 2024 мактаби нав сохта шуд.";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Lookup_json_adds_the_suggestion_and_keeps_the_stored_target()
    {
        await ImportAsync();

        var result = await CliRun.RunWithInputAsync(Query + "\n", "lookup", "--db", _temp.Database, "--memory", "m", "--json");

        using var line = JsonDocument.Parse(result.Out.Trim());
        var match = Assert.Single(line.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("In 2023 a new school was built.", match.GetProperty("target").GetString());
        Assert.Equal("In 2024 a new school was built.", match.GetProperty("suggestion").GetString());
        Assert.True(match.GetProperty("target_adjusted").GetBoolean());
    }

    [Fact]
    public async Task Lookup_json_says_when_the_target_is_unchanged()
    {
        await ImportAsync();

        var result = await CliRun.RunWithInputAsync("Соли 2023 мактаби нав сохта шуд.\n", "lookup", "--db", _temp.Database, "--memory", "m", "--json");

        using var line = JsonDocument.Parse(result.Out.Trim());
        var match = Assert.Single(line.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("In 2023 a new school was built.", match.GetProperty("suggestion").GetString());
        Assert.False(match.GetProperty("target_adjusted").GetBoolean());
    }

    [Fact]
    public async Task Lookup_text_output_shows_the_suggestion()
    {
        await ImportAsync();

        var result = await CliRun.RunWithInputAsync(Query + "\n", "lookup", "--db", _temp.Database, "--memory", "m");

        Assert.Contains("In 2024 a new school was built.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("In 2023", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pretranslate_json_adds_the_suggestion_and_whether_it_was_adjusted()
    {
        await ImportAsync();
        var document = _temp.File("doc.txt");
        await File.WriteAllTextAsync(document, Query + "\n");

        var result = await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "m", "--presegmented", "--json", document);

        using var line = JsonDocument.Parse(result.Out.Trim());
        Assert.Equal("In 2024 a new school was built.", line.RootElement.GetProperty("suggestion").GetString());
        Assert.True(line.RootElement.GetProperty("target_adjusted").GetBoolean());
    }

    private async Task ImportAsync()
    {
        var tmx = _temp.File("m.tmx");
        await File.WriteAllTextAsync(tmx, Tmx);
        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "m", "--source-lang", "tg", "--target-lang", "en", tmx);
        Assert.Equal(0, import.ExitCode);
    }
}
