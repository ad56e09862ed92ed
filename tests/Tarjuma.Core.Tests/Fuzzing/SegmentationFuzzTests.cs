using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Tests.Fuzzing;

/// <summary>Hostile SRX and text: the loader fails only with <see cref="TarjumaException"/>; segments stay well formed.</summary>
public sealed class SegmentationFuzzTests
{
    private const string ValidSrx = """
        <?xml version="1.0"?>
        <srx version="2.0" xmlns="http://www.lisa.org/srx20">
          <header segmentsubflows="yes" cascade="yes">
            <formathandle type="start" include="no"/>
            <formathandle type="end" include="yes"/>
            <formathandle type="isolated" include="no"/>
          </header>
          <body>
            <languagerules>
              <languagerule languagerulename="Tajik">
                <rule break="no"><beforebreak>\bт\.\s?е\.</beforebreak><afterbreak>\s</afterbreak></rule>
                <rule break="yes"><beforebreak>[.?!…]+["»)]*</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
              </languagerule>
              <languagerule languagerulename="Default">
                <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
              </languagerule>
            </languagerules>
            <maprules>
              <languagemap languagepattern="(TG|tg).*" languagerulename="Tajik"/>
              <languagemap languagepattern=".*" languagerulename="Default"/>
            </maprules>
          </body>
        </srx>
        """;

    private static readonly string[] Languages = ["tg", "en", "tg-TJ", "ru", "x"];

    [Fact]
    public void Mutated_srx_loads_or_fails_with_a_tarjuma_exception_and_what_loads_segments_sanely()
    {
        var valid = Encoding.UTF8.GetBytes(ValidSrx);
        Assert.Equal(2, Segments(SrxDocument.Parse(ValidSrx), "tg", "Ҳаво гарм аст. Мо рафтем.").Count);
        Prop.ForAll(Fuzz.Mutated(valid).ToArbitrary(), bytes =>
        {
            SrxDocument document;
            try
            {
                using var stream = new MemoryStream(bytes);
                document = SrxDocument.Load(stream);
            }
            catch (TarjumaException)
            {
                return true;
            }

            foreach (var language in Languages)
            {
                const string Text = "Ҳаво гарм аст, т.е. хуб. Мо рафтем! It is Dr. Smith.";
                try
                {
                    WellFormed(Text, Segments(document, language, Text));
                }
                catch (TarjumaException)
                {
                    // A rule the loader accepted but the compiler refuses (bad regex): reported, not a crash.
                }
            }

            return true;
        }).Check(Fuzz.Config(150));
    }

    [Fact]
    public void Random_bytes_as_srx_fail_only_with_a_tarjuma_exception()
    {
        var bytes = Gen.Choose(0, 1_000).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        Prop.ForAll(bytes.ToArbitrary(), data =>
        {
            try
            {
                using var stream = new MemoryStream(data);
                _ = SrxDocument.Load(stream);
            }
            catch (TarjumaException)
            {
            }

            return true;
        }).Check(Fuzz.Config());
    }

    [Fact]
    public void Segments_of_any_text_are_in_order_within_bounds_and_cover_exactly_the_non_whitespace()
    {
        var cases = Gen.Zip(Fuzz.AnyText(300), Gen.Zip(Gen.Elements(Languages), Gen.Elements(Enum.GetValues<LineBreakMode>())));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (text, (language, lineBreaks)) = c;
            var spans = Segmenter.Create(new SegmenterOptions { Language = language, LineBreaks = lineBreaks }).Segment(text);
            WellFormed(text, spans);
            return true;
        }).Check(Fuzz.Config());
    }

    private static IReadOnlyList<TextRange> Segments(SrxDocument document, string language, string text) =>
        Segmenter.Create(new SegmenterOptions { Language = language, Rules = document }).Segment(text);

    /// <summary>Non-empty, in order, not overlapping, trimmed, and every non-whitespace character in some segment.</summary>
    private static void WellFormed(string text, IReadOnlyList<TextRange> spans)
    {
        var covered = new bool[text.Length];
        var previousEnd = 0;
        foreach (var span in spans)
        {
            Assert.True(span.Length > 0 && span.Start >= previousEnd && span.End <= text.Length, $"span {span} after {previousEnd} in a text of {text.Length}");
            Assert.False(char.IsWhiteSpace(text[span.Start]) || char.IsWhiteSpace(text[span.End - 1]), $"span {span} is not trimmed");
            for (var i = span.Start; i < span.End; i++)
            {
                covered[i] = true;
            }

            previousEnd = span.End;
        }

        for (var i = 0; i < text.Length; i++)
        {
            Assert.True(covered[i] || char.IsWhiteSpace(text[i]), $"character U+{(int)text[i]:X4} at {i} is in no segment");
        }
    }
}
