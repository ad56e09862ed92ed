using System.Globalization;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;
using Tarjuma.Tests;
using static Tarjuma.Core.Tests.Tmx.TmxTestData;

namespace Tarjuma.Core.Tests.Tmx;

/// <summary>
/// Every public TMX test file either imports for a sensible language pair or is refused with a
/// message that names line and column: never an unhandled exception. Expectations are in
/// <c>Data/Tmx/public-suite.tsv</c>, one row per file, so a regression names the file.
/// </summary>
public sealed class TmxPublicSuiteTests
{
    private const string Suite = "suites/tmx";

    public static IEnumerable<object[]> Expectations => ReadExpectations().Select(e => new object[] { e.File, e.Source, e.Target, e.Expected });

    [SkippableTheory]
    [MemberData(nameof(Expectations))]
    public async Task Public_file_imports_or_is_refused_precisely(string file, string source, string target, string expected)
    {
        var path = Path.Combine(SharedData.Require(Suite), file);
        var options = new TmxReadOptions(LanguageTag.Parse(source, "source"), LanguageTag.Parse(target, "target"));

        string outcome;
        try
        {
            await using var stream = File.OpenRead(path);
            var (items, skips) = await ReadWithSkipsAsync(stream, options);
            var rejected = items.Count(i => i.Rejection is not null);
            var skipped = skips.Sum(s => s.Count);
            outcome = string.Create(CultureInfo.InvariantCulture, $"imported {items.Count - rejected}")
                + (rejected == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", rejected {rejected}"))
                + (skipped == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", skipped {skipped}"));
            Assert.All(items.Where(i => i.Rejection is not null), i => Assert.True(i.Rejection!.Line > 0 && i.Rejection.Column > 0));
        }
        catch (TarjumaException refusal)
        {
            Assert.Matches(@"^line \d+, column \d+: ", refusal.Message);
            Assert.Equal("tmx", refusal.Field);
            outcome = "refused: " + refusal.Message;
        }

        if (expected.StartsWith("refused: ", StringComparison.Ordinal))
        {
            Assert.StartsWith("refused: ", outcome, StringComparison.Ordinal);
            Assert.Contains(expected["refused: ".Length..], outcome, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, outcome);
        }
    }

    [SkippableFact]
    public void Every_public_file_has_an_expectation()
    {
        var root = SharedData.Require(Suite);
        var files = Directory.EnumerateFiles(root, "*.tmx", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, ReadExpectations().Select(e => e.File).Distinct().Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task OmegaT_astral_characters_survive_as_surrogate_pairs()
    {
        var path = Path.Combine(SharedData.Require(Suite), "omegat/test-SMP.tmx");

        var unit = Assert.Single(await ReadFileAsync(path, new TmxReadOptions(English, LanguageTag.Parse("be", "test")))).Accepted();

        Assert.Equal(("\U0001D400\U0001D401\U0001D402", "\U0001D403\U0001D404\U0001D405"), (unit.Source.Text, unit.Target.Text));
    }

    [SkippableFact]
    public async Task Okapi_segment_with_every_inline_element_keeps_each_in_order()
    {
        var path = Path.Combine(SharedData.Require(Suite), "okapi/a_small_test2.tmx");

        var unit = Assert.Single(await ReadFileAsync(path, new TmxReadOptions(English, LanguageTag.Parse("fr", "test")))).Accepted();

        Assert.Equal("Click  to start.", unit.Source.Text);
        Assert.Equal(
            [InlineTagKind.Isolated, InlineTagKind.Begin, InlineTagKind.Placeholder, InlineTagKind.HighlightStart, InlineTagKind.HighlightEnd,
                InlineTagKind.End],
            unit.Source.Tags.Select(t => t.Kind));
        Assert.Equal("<ph x=\"3\" type=\"image\" assoc=\"b\">&lt;IMG SRC=\"here.png\" ALT=\"<sub>Start Here!</sub>\"&gt;</ph>", unit.Source.Tags[2].Xml);
        Assert.Equal([InlineTagKind.Begin, InlineTagKind.Isolated], unit.Target.Tags.Take(2).Select(t => t.Kind));
    }

    // The French tuvs end in NO-BREAK SPACE + "!" (French typography). fr-FR has no exact tuv in
    // the first unit: the bare fr tuv serves it before the fr-CA ones.
    [SkippableTheory]
    [InlineData("fr", "fr Bonjour tout le monde\u00A0!")]
    [InlineData("fr-CA", "fr_CA Bonjour le monde\u00A0!")]
    [InlineData("fr-FR", "fr Bonjour tout le monde\u00A0!")]
    [InlineData("es", "¡Hola Mundo!")]
    [InlineData("es-BO", "(es_BO) ¡Hola Mundo!")]
    [InlineData("es-MX", "¡Hola Mundo!")]
    [InlineData("de-AT", "Hallo Welt!")]
    public async Task OmegaT_multiple_tuvs_resolve_to_the_closest_language(string target, string expected)
    {
        var path = Path.Combine(SharedData.Require(Suite), "omegat/test-multiple-tuv14.tmx");
        var options = new TmxReadOptions(LanguageTag.Parse("en-US", "test"), LanguageTag.Parse(target, "test"));

        var items = await ReadFileAsync(path, options);

        Assert.Equal(expected, items[0].Accepted().Target.Text);
    }

    private static IEnumerable<(string File, string Source, string Target, string Expected)> ReadExpectations() =>
        File.ReadLines(PathOf("public-suite.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], f[1], f[2], f[3]));
}
