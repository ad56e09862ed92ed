using System.Security;
using System.Text;
using Tarjuma.CommandLine;
using Tarjuma.Tests;

namespace Tarjuma.Cli.Tests;

/// <summary><c>segment --memory</c>, <c>--show-abbreviations</c>, <c>--export-rules</c> and <c>abbreviations add|remove</c> on a database file.</summary>
public sealed class AbbreviationCommandTests : IDisposable
{
    private const string Example = AbbreviationText.Example;

    private static readonly IReadOnlyList<string> DomainSources = AbbreviationText.DomainSources;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A TMX of our own domain sentences, three translations each.</summary>
    private string DomainTmx()
    {
        var tmx = new StringBuilder(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"tg\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                + "o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n");
        for (var copy = 0; copy < 3; copy++)
        {
            foreach (var source in DomainSources)
            {
                tmx.Append("<tu><tuv xml:lang=\"tg\"><seg>").Append(SecurityElement.Escape(source)).Append("</seg></tuv><tuv xml:lang=\"en\"><seg>Translation ")
                    .Append(copy).Append(".</seg></tuv></tu>\n");
            }
        }

        var path = _temp.File("law.tmx");
        File.WriteAllText(path, tmx.Append("</body></tmx>").ToString());
        return path;
    }

    [Fact]
    public async Task An_import_learns_the_memory_abbreviations_which_segment_lists_and_exports()
    {
        var import = await CliRun.RunAsync("import", "--db", _temp.Database, "--memory", "law", "--source-lang", "tg", "--target-lang", "en", DomainTmx());

        var shown = await CliRun.RunAsync("segment", "--db", _temp.Database, "--memory", "law", "--show-abbreviations");
        var byMemory = await CliRun.RunWithInputAsync(Example, "segment", "--db", _temp.Database, "--memory", "law");
        var builtIn = await CliRun.RunWithInputAsync(Example, "segment", "--lang", "tg");
        var exported = await CliRun.RunAsync("segment", "--db", _temp.Database, "--memory", "law", "--export-rules");

        Assert.Equal(0, import.ExitCode);
        Assert.StartsWith("мас\tlearned\t", shown.Out, StringComparison.Ordinal);
        Assert.Contains("learned from 12 units", shown.Error, StringComparison.Ordinal);
        Assert.Equal(Example + "\n", byMemory.Out);
        Assert.Equal(2, builtIn.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var rules = Core.Segmentation.SrxDocument.Parse(exported.Out);
        Assert.Equal(["memory law", "Tajik", "Common"], rules.RuleNamesFor("tg"));
    }

    [Fact]
    public async Task An_administrator_adds_and_removes_entries()
    {
        await CliRun.RunAsync("memory", "create", "law", "--db", _temp.Database, "--source-lang", "tg", "--target-lang", "en");

        var added = await CliRun.RunAsync("abbreviations", "add", "--db", _temp.Database, "--memory", "law", "мас.", "д.и.ф");
        var whole = await CliRun.RunWithInputAsync(Example, "segment", "--db", _temp.Database, "--memory", "law");
        var removed = await CliRun.RunAsync("abbreviations", "remove", "--db", _temp.Database, "--memory", "law", "мас");
        var cut = await CliRun.RunWithInputAsync(Example, "segment", "--db", _temp.Database, "--memory", "law");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("мас\tadded\nд.и.ф\tadded\n", added.Out);
        Assert.Equal(Example + "\n", whole.Out);
        Assert.Equal("д.и.ф\tadded\nмас\tremoved\n", removed.Out);
        Assert.Equal(2, cut.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Bad_entries_missing_memories_and_a_missing_language_are_clear_errors()
    {
        await CliRun.RunAsync("memory", "create", "law", "--db", _temp.Database, "--source-lang", "tg", "--target-lang", "en");

        var bad = await CliRun.RunAsync("abbreviations", "add", "--db", _temp.Database, "--memory", "law", "мас", "5 %");
        var missing = await CliRun.RunWithInputAsync(Example, "segment", "--db", _temp.Database, "--memory", "nowhere");
        var noLanguage = await CliRun.RunWithInputAsync(Example, "segment");
        var shown = await CliRun.RunAsync("segment", "--db", _temp.Database, "--memory", "law", "--show-abbreviations");

        Assert.Equal(CliRunner.ExitFailure, bad.ExitCode);
        Assert.Contains("add", bad.Error, StringComparison.Ordinal);
        Assert.Contains("5 %", bad.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, shown.Out);
        Assert.Equal(CliRunner.ExitFailure, missing.ExitCode);
        Assert.Contains("nowhere", missing.Error, StringComparison.Ordinal);
        Assert.Equal(CliRunner.ExitUsage, noLanguage.ExitCode);
        Assert.Contains("--lang", noLanguage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_on_a_database_segments_by_the_memory_rules()
    {
        await CliRun.RunAsync("memory", "create", "law", "--db", _temp.Database, "--source-lang", "tg", "--target-lang", "en");
        var document = _temp.File("doc.txt");
        await File.WriteAllTextAsync(document, Example);

        var before = await CliRun.RunAsync("analyze", "--db", _temp.Database, "--memory", "law", document);
        await CliRun.RunAsync("abbreviations", "add", "--db", _temp.Database, "--memory", "law", "мас");
        var after = await CliRun.RunAsync("analyze", "--db", _temp.Database, "--memory", "law", document);

        Assert.Contains("total\t2\t", before.Out, StringComparison.Ordinal);
        Assert.Contains("total\t1\t", after.Out, StringComparison.Ordinal);
    }
}
