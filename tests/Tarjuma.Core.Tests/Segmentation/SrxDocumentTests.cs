using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Tests.Segmentation;

public sealed class SrxDocumentTests
{
    private static string Srx(string cascade, string rules, string maps) => $"""
        <?xml version="1.0"?>
        <srx version="2.0" xmlns="http://www.lisa.org/srx20">
          <header segmentsubflows="yes" cascade="{cascade}">
            <formathandle type="start" include="no"/>
            <formathandle type="end" include="yes"/>
            <formathandle type="isolated" include="no"/>
          </header>
          <body>
            <languagerules>{rules}</languagerules>
            <maprules>{maps}</maprules>
          </body>
        </srx>
        """;

    private const string TwoLanguages = """
        <languagerule languagerulename="Abbrev">
          <rule break="no"><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>
        </languagerule>
        <languagerule languagerulename="Default">
          <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
        </languagerule>
        """;

    private const string Maps = """
        <languagemap languagepattern="EN.*" languagerulename="Abbrev"/>
        <languagemap languagepattern=".*" languagerulename="Default"/>
        """;

    [Fact]
    public void Header_settings_are_read()
    {
        var document = SrxDocument.Parse(Srx("yes", TwoLanguages, Maps));

        Assert.True(document.Cascade);
        Assert.True(document.SegmentSubflows);
        Assert.Equal(new SrxFormatHandle(IncludeStart: false, IncludeEnd: true, IncludeIsolated: false), document.FormatHandle);
        Assert.Equal(["Abbrev", "Default"], document.LanguageRules.Select(r => r.Name));
    }

    [Fact]
    public void Cascade_applies_every_matching_map_in_order()
    {
        var document = SrxDocument.Parse(Srx("yes", TwoLanguages, Maps));
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "en-GB", Rules = document });

        var spans = segmenter.Segment("Ask Dr. Who. Then go.");

        Assert.Equal(["Abbrev", "Default"], segmenter.RuleNames);
        Assert.Equal(2, spans.Count);
    }

    [Fact]
    public void Without_cascade_only_the_first_matching_map_applies()
    {
        var document = SrxDocument.Parse(Srx("no", TwoLanguages, Maps));
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "en", Rules = document });

        // Only the exception rules apply, so nothing breaks.
        Assert.Single(segmenter.Segment("Ask Dr. Who. Then go."));
        Assert.Equal(["Abbrev"], segmenter.RuleNames);
    }

    [Fact]
    public void Language_patterns_match_case_insensitively_like_OmegaT()
    {
        var document = SrxDocument.Parse(Srx("no", TwoLanguages, Maps));

        Assert.Equal(["Abbrev"], document.RuleNamesFor("en-us"));
        Assert.Equal(["Default"], document.RuleNamesFor("tg"));
    }

    [Fact]
    public void An_unsupported_regex_construct_is_reported_at_load_naming_the_rule()
    {
        const string rules = """
            <languagerule languagerulename="Odd">
              <rule break="yes"><beforebreak>\p{NoSuchProperty}</beforebreak><afterbreak>\s</afterbreak></rule>
            </languagerule>
            """;

        var error = Assert.Throws<TarjumaException>(() =>
            SrxDocument.Parse(Srx("no", rules, """<languagemap languagepattern=".*" languagerulename="Odd"/>""")));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("srx", error.Field);
        Assert.Contains("'Odd', rule 1, beforebreak", error.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchProperty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_to_a_missing_language_rule_is_an_error()
    {
        var error = Assert.Throws<TarjumaException>(() =>
            SrxDocument.Parse(Srx("no", TwoLanguages, """<languagemap languagepattern=".*" languagerulename="Nope"/>""")));

        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_an_invalid_argument()
    {
        var error = Assert.Throws<TarjumaException>(() => SrxDocument.Parse("<srx><body>"));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void An_srx_1_0_file_with_maprule_loads()
    {
        const string xml = """
            <srx version="1.0">
              <header segmentsubflows="yes"/>
              <body>
                <languagerules>
                  <languagerule languagerulename="Default">
                    <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
                  </languagerule>
                </languagerules>
                <maprules>
                  <maprule maprulename="Default">
                    <languagemap languagepattern=".*" languagerulename="Default"/>
                  </maprule>
                </maprules>
              </body>
            </srx>
            """;

        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "xx", Rules = SrxDocument.Parse(xml) });

        Assert.Equal(2, segmenter.Segment("One. Two.").Count);
    }

    [Fact]
    public void Built_in_rules_export_as_srx_that_loads_and_behaves_the_same()
    {
        var srx = BuiltInRules.GetSrx();
        var reloaded = SrxDocument.Parse(srx);
        const string text = "Ӯ дар ш. Душанбе зиндагӣ мекунад. Проф. Раҳимов омад.";

        var builtIn = Segmenter.Create(new SegmenterOptions { Language = "tg" }).Segment(text);
        var exported = Segmenter.Create(new SegmenterOptions { Language = "tg", Rules = reloaded }).Segment(text);

        Assert.DoesNotContain("{{", srx, StringComparison.Ordinal);
        Assert.Equal(builtIn, exported);
        Assert.Equal(2, builtIn.Count);
    }

    [Fact]
    public void Unknown_built_in_rule_set_names_are_rejected()
    {
        Assert.Throws<TarjumaException>(() => BuiltInRules.GetSrx("nope"));
    }

    [Theory]
    [InlineData("ҳ.к", "х.к")]
    [InlineData("Ҷумҳурии Тоҷикистон", "Чумхурии Точикистон")]
    [InlineData("ғӯзаи қишлоқ ӣ", "гузаи кишлок и")]
    public void Tajik_letters_map_to_their_Russian_keyboard_spelling(string tajik, string russian)
    {
        Assert.Equal(russian, BuiltInRules.WithRussianLetters(tajik));
    }
}
