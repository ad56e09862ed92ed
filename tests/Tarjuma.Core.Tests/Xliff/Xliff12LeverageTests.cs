using System.Xml.Linq;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tests.Matching;
using Tarjuma.Core.Xliff;
using static Tarjuma.Core.Tests.Xliff.XliffRun;

namespace Tarjuma.Core.Tests.Xliff;

public sealed class Xliff12LeverageTests
{
    private static string Document(string units, string extraRoot = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"{extraRoot}>
          <file original="news.txt" source-language="tg" target-language="en" datatype="plaintext">
            <body>
              {units}
            </body>
          </file>
        </xliff>
        """;

    private static TestXliffLookup News() => new(TestMemory.News());

    [Fact]
    public async Task Exact_match_becomes_an_alt_trans_and_fills_the_empty_target_for_review()
    {
        var (output, _, summary) = await RunAsync(Document("""<trans-unit id="u1"><source>Имрӯз ҳаво гарм аст.</source></trans-unit>"""), News());

        var unit = output.Descendants(X12 + "trans-unit").Single();
        var alt = unit.Element(X12 + "alt-trans")!;
        Assert.Equal("100", (string?)alt.Attribute("match-quality"));
        Assert.Equal("Tarjuma:news", (string?)alt.Attribute("origin"));
        Assert.Null(alt.Attribute("mid"));
        Assert.Equal("Имрӯз ҳаво гарм аст.", alt.Element(X12 + "source")!.Value);
        Assert.Equal("The weather is warm today.", alt.Element(X12 + "target")!.Value);
        var target = unit.Element(X12 + "target")!;
        Assert.Equal("The weather is warm today.", target.Value);
        Assert.Equal("needs-review-translation", (string?)target.Attribute("state"));
        Assert.Equal("exact-match", (string?)target.Attribute("state-qualifier"));
        Assert.Equal(["source", "target", "alt-trans"], unit.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(1, summary.FilledSegments);
    }

    [Fact]
    public async Task In_context_match_is_filled_as_translated()
    {
        var lookup = new TestXliffLookup(
            TestMemory.Unit(1, "Имрӯз ҳаво гарм аст.", "The weather is warm today.", previous: "Президент ба Душанбе омад.",
                next: "Мактаб дар деҳаи мо нав сохта шуд."));
        var units = """
            <trans-unit id="a"><source>Президент ба Душанбе омад.</source></trans-unit>
            <trans-unit id="b"><source>Имрӯз ҳаво гарм аст.</source></trans-unit>
            <trans-unit id="c"><source>Мактаб дар деҳаи мо нав сохта шуд.</source></trans-unit>
            """;

        var (output, _, _) = await RunAsync(Document(units), lookup);

        var b = output.Descendants(X12 + "trans-unit").Single(u => (string?)u.Attribute("id") == "b");
        Assert.Equal("101", (string?)b.Element(X12 + "alt-trans")!.Attribute("match-quality"));
        Assert.Equal("translated", (string?)b.Element(X12 + "target")!.Attribute("state"));
        Assert.Equal("Мактаб дар деҳаи мо нав сохта шуд.", lookup.Queries[1].NextSource);
    }

    [Fact]
    public async Task Fuzzy_match_is_a_candidate_only_below_the_fill_threshold()
    {
        var unitXml = """<trans-unit id="u1"><source>Имрӯз ҳаво хеле гарм аст.</source></trans-unit>""";

        var (byDefault, _, _) = await RunAsync(Document(unitXml), News());
        var (lowered, _, summary) = await RunAsync(Document(unitXml), News(), new XliffLeverageOptions { FillMinScore = 70 });

        var unit = byDefault.Descendants(X12 + "trans-unit").Single();
        var quality = int.Parse((string)unit.Element(X12 + "alt-trans")!.Attribute("match-quality")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(quality, 70, 99);
        Assert.Null(unit.Element(X12 + "target"));
        var filled = lowered.Descendants(X12 + "target").First();
        Assert.Equal("fuzzy-match", (string?)filled.Attribute("state-qualifier"));
        Assert.Equal("needs-review-translation", (string?)filled.Attribute("state"));
        Assert.Equal(1, summary.FilledByBand[(int)Tarjuma.Core.Matching.AnalysisBand.Fuzzy85To94]
            + summary.FilledByBand[(int)Tarjuma.Core.Matching.AnalysisBand.Fuzzy75To84]);
    }

    [Fact]
    public async Task A_translated_target_is_never_overwritten_unless_asked()
    {
        var unitXml = """<trans-unit id="u1"><source>Имрӯз ҳаво гарм аст.</source><target>Hot today.</target></trans-unit>""";

        var (kept, _, _) = await RunAsync(Document(unitXml), News());
        var (overwritten, _, _) = await RunAsync(Document(unitXml), News(), new XliffLeverageOptions { Overwrite = true });

        Assert.Equal("Hot today.", kept.Descendants(X12 + "target").First().Value);
        Assert.Single(kept.Descendants(X12 + "alt-trans"));
        Assert.Equal("The weather is warm today.", overwritten.Descendants(X12 + "target").First().Value);
    }

    [Fact]
    public async Task Units_marked_translate_no_are_skipped_also_when_inherited_from_a_group()
    {
        var units = """
            <trans-unit id="u1" translate="no"><source>Имрӯз ҳаво гарм аст.</source></trans-unit>
            <group translate="no"><trans-unit id="u2"><source>Имрӯз ҳаво гарм аст.</source></trans-unit></group>
            """;

        var (output, _, summary) = await RunAsync(Document(units), News());

        Assert.Empty(output.Descendants(X12 + "alt-trans"));
        Assert.Empty(output.Descendants(X12 + "target"));
        Assert.Equal(2, summary.SkippedUnits);
        Assert.Equal(0, summary.Segments);
    }

    [Fact]
    public async Task Segmented_units_get_candidates_per_mrk_and_a_target_that_mirrors_the_seg_source()
    {
        var unitXml = """
            <trans-unit id="u1"><source>Имрӯз ҳаво гарм аст. Ин ҷумла нав аст.</source>
            <seg-source><mrk mtype="seg" mid="s1">Имрӯз ҳаво гарм аст.</mrk> <mrk mtype="seg" mid="s2">Ин ҷумла нав аст.</mrk></seg-source></trans-unit>
            """;

        var (output, _, summary) = await RunAsync(Document(unitXml), News());

        var unit = output.Descendants(X12 + "trans-unit").Single();
        var alt = Assert.Single(unit.Elements(X12 + "alt-trans"));
        Assert.Equal("s1", (string?)alt.Attribute("mid"));
        var target = unit.Element(X12 + "target")!;
        var marks = target.Elements(X12 + "mrk").ToList();
        Assert.Equal(["s1", "s2"], marks.Select(m => (string?)m.Attribute("mid")));
        Assert.Equal("The weather is warm today.", marks[0].Value);
        Assert.Equal(string.Empty, marks[1].Value);
        Assert.Equal("leveraged-tm", (string?)target.Attribute("state-qualifier"));
        Assert.Equal(2, summary.Segments);
    }

    [Fact]
    public async Task An_unsegmented_source_is_cut_by_our_rules_into_an_added_seg_source()
    {
        var unitXml = """<trans-unit id="u1"><source>Имрӯз ҳаво гарм аст. Президент ба Душанбе омад.</source></trans-unit>""";

        var (output, _, summary) = await RunAsync(Document(unitXml), News());

        var unit = output.Descendants(X12 + "trans-unit").Single();
        Assert.Equal(["source", "seg-source", "target", "alt-trans", "alt-trans"], unit.Elements().Select(e => e.Name.LocalName));
        var marks = unit.Element(X12 + "seg-source")!.Elements(X12 + "mrk").ToList();
        Assert.Equal(["Имрӯз ҳаво гарм аст.", "Президент ба Душанбе омад."], marks.Select(m => m.Value));
        Assert.Equal(["1", "2"], unit.Elements(X12 + "alt-trans").Select(a => (string?)a.Attribute("mid")));
        Assert.Equal("The weather is warm today. The president came to Dushanbe.", unit.Element(X12 + "target")!.Value);
        Assert.Equal("exact-match", (string?)unit.Element(X12 + "target")!.Attribute("state-qualifier"));
        Assert.Equal(2, summary.FilledSegments);
    }

    [Fact]
    public async Task Inline_codes_are_matched_and_put_back_where_the_memory_has_them()
    {
        // The memory's unit carries TMX codes around "нав"/"newly"; the document has a <g> there.
        var bpt = new InlineTag(InlineTagKind.Begin, 20, "<bpt i=\"1\">&lt;b&gt;</bpt>");
        var ept = new InlineTag(InlineTagKind.End, 23, "<ept i=\"1\">&lt;/b&gt;</ept>");
        var tagged = new TranslationUnit
        {
            Id = 1,
            Source = new SegmentText("Мактаб дар деҳаи мо нав сохта шуд.", [bpt, ept]),
            Target = new SegmentText("The school in our village was newly built.", [bpt with { Position = 30 }, ept with { Position = 35 }]),
        };
        var unitXml = """<trans-unit id="u1"><source>Мактаб дар деҳаи мо <g id="7" ctype="bold">нав</g> сохта шуд.</source></trans-unit>""";

        var (output, text, _) = await RunAsync(Document(unitXml), new TestXliffLookup(tagged), new XliffLeverageOptions { FillMinScore = 70 });

        var target = output.Descendants(X12 + "trans-unit").Single().Element(X12 + "target")!;
        Assert.Contains("""<g id="7" ctype="bold">newly</g>""", target.ToString(SaveOptions.DisableFormatting), StringComparison.Ordinal);
        Assert.Equal("The school in our village was newly built.", target.Value);
        Assert.DoesNotContain("bpt", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_match_whose_codes_cannot_be_placed_is_offered_but_not_filled()
    {
        var unitXml = """<trans-unit id="u1"><source>Имрӯз ҳаво <ph id="1">&lt;br/&gt;</ph>гарм аст.</source></trans-unit>""";

        var (output, _, summary) = await RunAsync(Document(unitXml), News(), new XliffLeverageOptions { FillMinScore = 50 });

        var alt = output.Descendants(X12 + "alt-trans").Single();
        Assert.Equal("The weather is warm today.", alt.Element(X12 + "target")!.Value);
        Assert.Empty(output.Descendants(X12 + "trans-unit").Single().Elements(X12 + "target"));
        Assert.Equal(1, summary.UnplaceableSegments);
        Assert.Equal(0, summary.FilledSegments);
    }

    [Fact]
    public async Task A_number_that_differs_is_carried_into_the_filled_target()
    {
        var unitXml = """<trans-unit id="u1"><source>Соли 2024 дар шаҳр се мактаб сохта шуд.</source></trans-unit>""";

        var (output, _, _) = await RunAsync(Document(unitXml), News(), new XliffLeverageOptions { FillMinScore = 80 });

        Assert.Equal("In 2024 three schools were built in the city.", output.Descendants(X12 + "trans-unit").Single().Element(X12 + "target")!.Value);
        Assert.Equal("In 2024 three schools were built in the city.", output.Descendants(X12 + "alt-trans").Single().Element(X12 + "target")!.Value);
    }

    [Fact]
    public async Task Everything_outside_the_units_is_kept_and_a_file_without_namespace_is_read()
    {
        var input = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- made by hand -->
            <xliff version="1.2" xmlns:ext="urn:example:ext">
              <?tool keep="yes"?>
              <file original="a" source-language="tg" target-language="en" datatype="plaintext">
                <header><skl><external-file href="a.skl"/></skl><note>Ҳушёр бошед.</note><ext:custom a="1"/></header>
                <body>
                  <trans-unit id="u1"><source>Имрӯз ҳаво гарм аст.</source><note>n</note><ext:x/></trans-unit>
                  <bin-unit id="b1" mime-type="image/png"><bin-source><external-file href="a.png"/></bin-source></bin-unit>
                </body>
              </file>
            </xliff>
            """;

        var (output, _, _) = await RunAsync(input, News());

        var unit = output.Descendants("trans-unit").Single();
        Assert.Equal(["source", "target", "note", "alt-trans", "x"], unit.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(XNamespace.None, unit.Element("alt-trans")!.Name.Namespace);
        XliffAssert.SameOutsideAdditions(XDocument.Parse(input, LoadOptions.PreserveWhitespace), output);
        Assert.Contains(output.Nodes(), n => n is XComment { Value: " made by hand " });
    }

    [Fact]
    public async Task A_file_in_a_legacy_code_page_is_read_and_written_as_utf8()
    {
        var xml = Document("""<trans-unit id="u1"><source>Café ½</source><note>é</note></trans-unit>""")
            .Replace("UTF-8", "windows-1252", StringComparison.Ordinal);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding(1252).GetBytes(xml);

        var (output, text, _) = await RunAsync(bytes, News());

        Assert.Equal("Café ½", output.Descendants(X12 + "source").First().Value);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<tmx version=\"1.4\"><header/><body/></tmx>", "line 1, column 1: not an XLIFF document")]
    [InlineData("<xliff version=\"1.1\"><file/></xliff>", "line 1, column 1: XLIFF version '1.1' is not supported")]
    [InlineData("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.1\"/>", "line 1, column 1: XLIFF version '1.1' (from the namespace) is not supported")]
    [InlineData("<xliff version=\"1.2\">\n<file><body><trans-unit id=\"1\"><source>a</trans-unit>", "line 2, column")]
    [InlineData("<!DOCTYPE xliff [<!ENTITY e \"x\">]><xliff version=\"1.2\"/>", "line 1, column")]
    [InlineData("<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a&#x1;</source></trans-unit></body></file></xliff>", "line 2, column")]
    [InlineData("<xliff version=\"1.2\"><file><body>\n  <trans-unit id=\"9\"><target>a</target></trans-unit></body></file></xliff>",
        "line 2, column 3: <trans-unit id=\"9\"> has no <source>")]
    public async Task Bad_input_is_refused_with_line_and_column(string xml, string expected)
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => RunAsync(xml, News()));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("file", error.Field);
    }
}
