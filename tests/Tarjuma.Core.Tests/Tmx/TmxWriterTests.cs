using System.Text;
using System.Xml;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tmx;
using static Tarjuma.Core.Tests.Tmx.TmxTestData;

namespace Tarjuma.Core.Tests.Tmx;

public sealed class TmxWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 1, 2, 3, TimeSpan.Zero);

    private static readonly MemoryInfo Memory = new()
    {
        Name = "tajik-english",
        SourceLanguage = Tajik,
        TargetLanguage = English,
        Description = "Мактаб & school",
    };

    [Theory]
    [InlineData("level2.tmx")]
    [InlineData("decomposed-macron.tmx")]
    [InlineData("srclang-all.tmx")]
    [InlineData("regional-fallback.tmx")]
    [InlineData("tmx11-lang.tmx")]
    [InlineData("utf16-bom.tmx")]
    [InlineData("en-to-tg.tmx")]
    public async Task Import_export_import_gives_identical_units(string fixture)
    {
        var first = (await ReadFixtureAsync(fixture)).Select(i => i.Accepted()).ToList();

        var second = await RoundTripAsync(first);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Every_field_TMX_carries_survives_a_round_trip()
    {
        var unit = new TranslationUnit
        {
            Source = new SegmentText(
                "Сатр\r\nва \"нохунак\" & <тег> \tтаб",
                [
                    new InlineTag(InlineTagKind.Begin, 0, "<bpt i=\"1\" type=\"bold\">&lt;b&gt;</bpt>"),
                    new InlineTag(InlineTagKind.End, 4, "<ept i=\"1\">&lt;/b&gt;</ept>"),
                    new InlineTag(InlineTagKind.HighlightStart, 9, "<hi type=\"quote\">"),
                    new InlineTag(InlineTagKind.HighlightEnd, 18, "</hi>"),
                    new InlineTag(InlineTagKind.Placeholder, 18, "<ph x=\"2\">&lt;img alt=\"<sub>Расм</sub>\"&gt;</ph>"),
                ]),
            Target = new SegmentText(
                "Line\r\nand \"nails\" & <tag> \ttab",
                [new InlineTag(InlineTagKind.Isolated, 4, "<it pos=\"end\">&lt;/i&gt;</it>"), new InlineTag(InlineTagKind.Unknown, 25, "<ut>{\\b0 }</ut>")]),
            PreviousSource = "Пеш & <баъд>",
            NextSource = "Баъд\r\n",
            ExternalId = "id \"1\" & <2>",
            Properties = [new UnitProperty("x-domain", "мактаб"), new UnitProperty("x-note\ttype", "a\nb", "tg")],
            Notes = [new UnitNote("Эзоҳ\n"), new UnitNote("Checked", "en")],
            CreatedBy = "farida",
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ChangedBy = "rustam",
            ChangedAt = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(5)),
            UsageCount = 42,
            LastUsedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
        };

        var read = Assert.Single(await RoundTripAsync([unit]));

        Assert.Equal(unit, read);
    }

    [Fact]
    public async Task Context_is_written_with_the_memory_source_language_and_survives_a_reversed_import()
    {
        var unit = new TranslationUnit
        {
            Source = SegmentText.Plain("Ҳаво гарм аст."),
            Target = SegmentText.Plain("The weather is warm."),
            PreviousSource = "Имрӯз якшанбе аст.",
            NextSource = "Мо ба боғ меравем.",
        };
        var xml = await WriteToStringAsync([unit]);

        Assert.Contains("<prop type=\"x-context-prev\" xml:lang=\"tg\">Имрӯз якшанбе аст.</prop>", xml, StringComparison.Ordinal);
        Assert.Contains("<prop type=\"x-context-next\" xml:lang=\"tg\">Мо ба боғ меравем.</prop>", xml, StringComparison.Ordinal);

        // Read into an en→tg memory, the Tajik context is not taken as English context.
        var reversed = Assert.Single(await ReadStringAsync(xml, new TmxReadOptions(English, Tajik))).Accepted();
        Assert.Equal(("The weather is warm.", null, null), (reversed.Source.Text, reversed.PreviousSource, reversed.NextSource));
    }

    [Fact]
    public async Task Output_is_a_TMX_1_4_document_with_a_header_describing_the_memory()
    {
        var text = await WriteToStringAsync([new TranslationUnit { Source = SegmentText.Plain("Салом."), Target = SegmentText.Plain("Hello.") }]);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", text, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        reader.MoveToContent();
        Assert.Equal(("tmx", "1.4"), (reader.Name, reader.GetAttribute("version")));
        reader.ReadToDescendant("header");
        Assert.Equal(
            ["Tarjuma", "plaintext", "sentence", "en", "tg", "Tarjuma", "20261128T010203Z"],
            new[] { "creationtool", "datatype", "segtype", "adminlang", "srclang", "o-tmf", "creationdate" }.Select(reader.GetAttribute));
        Assert.Matches(@"^\d+\.\d+\.\d+$", reader.GetAttribute("creationtoolversion"));
        Assert.Contains("<prop type=\"x-memory\">tajik-english</prop>", text, StringComparison.Ordinal);
        Assert.Contains("<note>Мактаб &amp; school</note>", text, StringComparison.Ordinal);
        Assert.Contains("<tuv xml:lang=\"tg\"><seg>Салом.</seg></tuv>\n      <tuv xml:lang=\"en\"><seg>Hello.</seg></tuv>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_text_is_escaped_and_tag_xml_written_verbatim()
    {
        var source = new SegmentText("a<b & c>d\r", [new InlineTag(InlineTagKind.Placeholder, 1, "<ph x=\"1\">&lt;br/&gt;</ph>")]);

        var text = await WriteToStringAsync([new TranslationUnit { Source = source, Target = SegmentText.Plain("x") }]);

        Assert.Contains("<seg>a<ph x=\"1\">&lt;br/&gt;</ph>&lt;b &amp; c&gt;d&#xD;</seg>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Characters_XML_cannot_carry_are_dropped_so_the_file_stays_readable()
    {
        var unit = new TranslationUnit { Source = new SegmentText("Ин\u0003 ду\uD800 аст."), Target = new SegmentText("It\u0000 is\uFFFF two.") };

        var read = Assert.Single(await RoundTripAsync([unit]));

        Assert.Equal(("Ин ду аст.", "It is two."), (read.Source.Text, read.Target.Text));
    }

    [Fact]
    public async Task Fractions_of_a_second_are_dropped_because_TMX_dates_have_none()
    {
        var unit = new TranslationUnit
        {
            Source = SegmentText.Plain("Вақт."),
            Target = SegmentText.Plain("Time."),
            CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, 999, TimeSpan.Zero),
        };

        var read = Assert.Single(await RoundTripAsync([unit]));

        Assert.Equal(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero), read.CreatedAt);
    }

    [Fact]
    public async Task Output_is_flushed_while_units_are_still_coming()
    {
        using var stream = new MemoryStream();
        var seenWhileWriting = new List<long>();

        await TmxWriter.WriteAsync(stream, Memory, Units(TmxWriter.UnitsPerFlush * 3, seenWhileWriting, stream), new FixedClock(Now), CancellationToken.None);

        Assert.Equal(0, seenWhileWriting[0]);
        Assert.True(seenWhileWriting[^1] > 0, "nothing reached the stream before the last unit was produced");
        Assert.True(seenWhileWriting[^1] < stream.Length);
    }

    private static async IAsyncEnumerable<TranslationUnit> Units(int count, List<long> lengths, Stream stream)
    {
        for (var i = 0; i < count; i++)
        {
            lengths.Add(stream.Length);
            await Task.Yield();
            yield return new TranslationUnit { Source = SegmentText.Plain($"Ҷумлаи {i}."), Target = SegmentText.Plain($"Sentence {i}.") };
        }
    }

    private static async Task<List<TranslationUnit>> RoundTripAsync(IReadOnlyList<TranslationUnit> units)
    {
        using var stream = new MemoryStream();
        await TmxWriter.WriteAsync(stream, Memory, units.ToAsyncEnumerable(), new FixedClock(Now), CancellationToken.None);
        stream.Position = 0;
        return (await ReadStreamAsync(stream)).Select(i => i.Accepted()).ToList();
    }

    private static async Task<string> WriteToStringAsync(IReadOnlyList<TranslationUnit> units)
    {
        using var stream = new MemoryStream();
        await TmxWriter.WriteAsync(stream, Memory, units.ToAsyncEnumerable(), new FixedClock(Now), CancellationToken.None);
        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        return Encoding.UTF8.GetString(bytes);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
