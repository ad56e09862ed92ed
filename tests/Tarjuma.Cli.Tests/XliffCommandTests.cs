using System.Xml.Linq;
using Tarjuma.CommandLine;

namespace Tarjuma.Cli.Tests;

/// <summary><c>tarjuma pretranslate IN.xlf OUT.xlf</c> and <c>tarjuma analyze IN.xlf</c> on documents we write.</summary>
public sealed class XliffCommandTests : IDisposable
{
    private static readonly XNamespace X12 = "urn:oasis:names:tc:xliff:document:1.2";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Document(string units) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file original="news.txt" source-language="tg" target-language="en" datatype="plaintext">
            <body>
        {units}
            </body>
          </file>
        </xliff>
        """;

    [Fact]
    public async Task Pretranslate_writes_the_leveraged_xliff_and_a_summary()
    {
        await ImportSeedAsync();
        var input = await WriteAsync("doc.xlf", Document($"""
                  <trans-unit id="1"><source>{Seeds.TajikSentence}</source></trans-unit>
                  <trans-unit id="2"><source>Ин ҷумла дар хотира нест.</source></trans-unit>
            """));
        var output = _temp.File("out.xlf");

        var result = await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "seed", input, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains("1 of 2 segments filled", result.Error, StringComparison.Ordinal);
        var units = XDocument.Load(output).Descendants(X12 + "trans-unit").ToList();
        Assert.Equal(Seeds.EnglishSentence, units[0].Element(X12 + "target")!.Value);
        Assert.Equal("Tarjuma:seed", (string?)units[0].Element(X12 + "alt-trans")!.Attribute("origin"));
        Assert.Null(units[1].Element(X12 + "target"));
    }

    [Fact]
    public async Task Fill_min_score_and_overwrite_are_honoured()
    {
        await ImportSeedAsync();
        var input = await WriteAsync("doc.xlf", Document($"""
                  <trans-unit id="1"><source>{Seeds.TajikSentence}</source><target>Mine.</target></trans-unit>
            """));
        var kept = _temp.File("kept.xlf");
        var replaced = _temp.File("replaced.xlf");

        await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "seed", input, kept);
        await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "seed", "--overwrite", input, replaced);

        Assert.Equal("Mine.", XDocument.Load(kept).Descendants(X12 + "trans-unit").Single().Element(X12 + "target")!.Value);
        Assert.Equal(Seeds.EnglishSentence, XDocument.Load(replaced).Descendants(X12 + "trans-unit").Single().Element(X12 + "target")!.Value);
    }

    [Fact]
    public async Task Broken_xliff_fails_with_line_and_column_and_writes_nothing()
    {
        await ImportSeedAsync();
        var input = await WriteAsync("broken.xlf", Document("""
                  <trans-unit id="1"><source>Як.</source></trans-unit>
                  <trans-unit id="2"><source>Ду.</trans-unit>
            """));
        var output = _temp.File("out.xlf");

        var result = await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "seed", input, output);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("line 6, column 39", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "out.xlf*"));
    }

    [Fact]
    public async Task An_xliff_input_needs_an_output_file()
    {
        var input = await WriteAsync("doc.xlf", Document("""<trans-unit id="1"><source>Як.</source></trans-unit>"""));

        var result = await CliRun.RunAsync("pretranslate", "--db", _temp.Database, "--memory", "seed", input);

        Assert.Equal(CliRunner.ExitFailure, result.ExitCode);
        Assert.Contains("out", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_counts_xliff_segments_per_band_with_repetitions()
    {
        await ImportSeedAsync();
        var input = await WriteAsync("doc.xliff", Document($"""
                  <trans-unit id="1"><source>{Seeds.TajikSentence}</source></trans-unit>
                  <trans-unit id="2"><source>Ин ҷумла дар хотира нест.</source></trans-unit>
                  <trans-unit id="3"><source>Ин ҷумла дар хотира нест.</source></trans-unit>
                  <trans-unit id="4" translate="no"><source>Ин ҷумла тарҷума намешавад.</source></trans-unit>
            """));

        var result = await CliRun.RunAsync("analyze", "--db", _temp.Database, "--memory", "seed", input);

        Assert.Equal(0, result.ExitCode);
        var rows = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(c => c[0], c => c[1]);
        Assert.Equal("1", rows["repetition"]);
        Assert.Equal("1", rows["no-match"]);
        Assert.Equal("1", rows["100"]);
        Assert.Equal("3", rows["total"]);
    }

    private async Task ImportSeedAsync()
    {
        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "seed", "--source-lang", "tg", "--target-lang", "en", Seeds.Tmx);
        Assert.Equal(0, import.ExitCode);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = _temp.File(name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
