using System.Xml.Linq;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tests.Matching;
using Tarjuma.Core.Xliff;
using static Tarjuma.Core.Tests.Xliff.XliffRun;

namespace Tarjuma.Core.Tests.Xliff;

public sealed class Xliff20LeverageTests
{
    private static string Document(string units, string version = "2.0") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="{version}" srcLang="tg" trgLang="en">
          <file id="f1">
            {units}
          </file>
        </xliff>
        """;

    private static TestXliffLookup News() => new(TestMemory.News());

    [Fact]
    public async Task Candidates_go_into_mtc_matches_and_the_empty_target_is_filled()
    {
        var input = Document("""
            <unit id="u1">
              <notes><note>Ҳушёр бошед.</note></notes>
              <segment id="s1"><source>Имрӯз ҳаво гарм аст.</source></segment>
              <segment><source>Соли 2024 дар шаҳр се мактаб сохта шуд.</source></segment>
            </unit>
            """);

        var (output, _, summary) = await RunAsync(input, News(), new XliffLeverageOptions { FillMinScore = 90 });

        var unit = output.Descendants(X20 + "unit").Single();
        Assert.Equal(Mtc + "matches", unit.Elements().First().Name);
        var matches = unit.Element(Mtc + "matches")!.Elements(Mtc + "match").ToList();
        Assert.Equal(2, matches.Count);
        Assert.Equal("#s1", (string?)matches[0].Attribute("ref"));
        Assert.Equal("100.0", (string?)matches[0].Attribute("similarity"));
        Assert.Equal("tm", (string?)matches[0].Attribute("type"));
        Assert.Equal("Tarjuma:news", (string?)matches[0].Attribute("origin"));
        var segments = unit.Elements(X20 + "segment").ToList();
        Assert.Equal("#" + (string?)segments[1].Attribute("id"), (string?)matches[1].Attribute("ref"));
        Assert.Equal("The weather is warm today.", segments[0].Element(X20 + "target")!.Value);
        Assert.Equal("initial", (string?)segments[0].Attribute("state"));
        Assert.Equal("tarjuma:exact-match", (string?)segments[0].Attribute("subState"));
        Assert.Equal("In 2024 three schools were built in the city.", segments[1].Element(X20 + "target")!.Value);
        Assert.Equal("tarjuma:fuzzy-match", (string?)segments[1].Attribute("subState"));
        Assert.Equal(2, summary.FilledSegments);
        XliffAssert.Valid(output);
        XliffAssert.SameOutsideAdditions(XDocument.Parse(input, LoadOptions.PreserveWhitespace), output);
    }

    [Fact]
    public async Task Version_2_1_is_read_and_an_in_context_match_is_translated()
    {
        var lookup = new TestXliffLookup(TestMemory.Unit(1, "Имрӯз ҳаво гарм аст.", "The weather is warm today.", previous: "Президент ба Душанбе омад."));
        var input = Document("""
            <unit id="u1"><segment><source>Президент ба Душанбе омад.</source></segment></unit>
            <unit id="u2"><segment><source>Имрӯз ҳаво гарм аст.</source></segment></unit>
            """, "2.1");

        var (output, _, summary) = await RunAsync(input, lookup);

        var segment = output.Descendants(X20 + "segment").Last();
        Assert.Equal("translated", (string?)segment.Attribute("state"));
        Assert.Equal("icm", (string?)output.Descendants(Mtc + "match").Single().Attribute("type"));
        Assert.Equal("100.0", (string?)output.Descendants(Mtc + "match").Single().Attribute("similarity"));
        Assert.Equal("2.1", summary.Version);
    }

    [Fact]
    public async Task Pc_and_ph_codes_survive_into_the_target()
    {
        var bpt = new InlineTag(InlineTagKind.Begin, 20, "<bpt i=\"1\">&lt;b&gt;</bpt>");
        var ept = new InlineTag(InlineTagKind.End, 23, "<ept i=\"1\">&lt;/b&gt;</ept>");
        var ph = new InlineTag(InlineTagKind.Placeholder, 34, "<ph>&lt;br/&gt;</ph>");
        var tagged = new TranslationUnit
        {
            Id = 1,
            Source = new SegmentText("Мактаб дар деҳаи мо нав сохта шуд.", [bpt, ept, ph]),
            Target = new SegmentText("The school in our village was newly built.", [bpt with { Position = 30 }, ept with { Position = 35 },
                ph with { Position = 42 }]),
        };
        var input = Document("""
            <unit id="u1">
              <originalData><data id="d1">&lt;br/&gt;</data></originalData>
              <segment id="s1"><source>Мактаб дар деҳаи мо <pc id="1" type="fmt">нав</pc> сохта шуд.<ph id="2" dataRef="d1"/></source></segment>
            </unit>
            """);

        var (output, _, _) = await RunAsync(input, new TestXliffLookup(tagged), new XliffLeverageOptions { FillMinScore = 70 });

        var target = output.Descendants(X20 + "segment").Single().Element(X20 + "target")!;
        Assert.Equal(
            """<target xmlns="urn:oasis:names:tc:xliff:document:2.0">The school in our village was <pc id="1" type="fmt">newly</pc> built."""
                + """<ph id="2" dataRef="d1" /></target>""",
            target.ToString(SaveOptions.DisableFormatting));
        Assert.NotNull(output.Descendants(Mtc + "match").Single().Element(X20 + "originalData"));
        XliffAssert.Valid(output);
    }

    [Fact]
    public async Task Existing_matches_are_kept_and_ours_are_added_to_them()
    {
        var input = Document("""
            <unit id="u1" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0">
              <mtc:matches><mtc:match ref="#s1" similarity="80.0"><source>Имрӯз ҳаво гарм буд.</source><target>It was warm.</target></mtc:match></mtc:matches>
              <segment id="s1"><source>Имрӯз ҳаво гарм аст.</source><target>Warm today.</target></segment>
            </unit>
            """);

        var (output, _, _) = await RunAsync(input, News());

        var matches = output.Descendants(Mtc + "matches").Single().Elements(Mtc + "match").ToList();
        Assert.Equal(2, matches.Count);
        Assert.Equal("Warm today.", output.Descendants(X20 + "target").First(t => t.Parent!.Name == X20 + "segment").Value);
        XliffAssert.SameOutsideAdditions(XDocument.Parse(input, LoadOptions.PreserveWhitespace), output);
    }

    [Fact]
    public async Task Units_with_translate_no_are_skipped()
    {
        var input = Document("""<unit id="u1" translate="no"><segment><source>Имрӯз ҳаво гарм аст.</source></segment></unit>""");

        var (output, _, summary) = await RunAsync(input, News());

        Assert.Empty(output.Descendants(Mtc + "match"));
        Assert.Equal(1, summary.SkippedUnits);
    }

    [Fact]
    public async Task An_unsupported_2_x_version_is_refused()
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => RunAsync(Document("", "2.2"), News()));

        Assert.StartsWith("line 2, column 1: XLIFF version '2.2' is not supported", error.Message, StringComparison.Ordinal);
    }
}
