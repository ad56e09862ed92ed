using System.Text;
using System.Text.Json;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Tmx;
using static Tarjuma.Core.Tests.Tmx.TmxTestData;

namespace Tarjuma.Core.Tests.Tmx;

public sealed class TmxReaderTests
{
    public static IEnumerable<object[]> SegmentCases => JsonLines("segment-cases.jsonl");

    public static IEnumerable<object[]> RejectionCases => JsonLines("unit-rejections.jsonl");

    [Theory]
    [MemberData(nameof(SegmentCases))]
    public async Task Seg_content_becomes_plain_text_and_positioned_tags(string name, string json)
    {
        var golden = JsonDocument.Parse(json).RootElement;
        var items = await ReadStringAsync(Document(Unit(golden.GetProperty("seg").GetString()!)));

        var expected = new SegmentText(
            golden.GetProperty("text").GetString()!,
            [.. golden.GetProperty("tags").EnumerateArray().Select(t => new InlineTag(
                Enum.Parse<InlineTagKind>(t[0].GetString()!),
                t[1].GetInt32(),
                t[2].GetString()!))]);
        var unit = Assert.Single(items).Accepted();
        Assert.True(expected.Equals(unit.Source), $"{name}: expected {Show(expected)} got {Show(unit.Source)}");
    }

    [Theory]
    [MemberData(nameof(RejectionCases))]
    public async Task Broken_unit_is_rejected_with_reason_and_the_next_unit_still_reads(string name, string json)
    {
        var golden = JsonDocument.Parse(json).RootElement;
        var body = golden.GetProperty("tu").GetString() + "\n" + Unit("Китоб.", "Book.");
        var items = await ReadStringAsync(Document(body));

        Assert.Equal(2, items.Count);
        var rejection = items[0].Rejected();
        Assert.True(
            rejection.Reason.StartsWith(golden.GetProperty("reason").GetString()!, StringComparison.Ordinal),
            $"{name}: reason was '{rejection.Reason}'");
        Assert.Equal(5, rejection.Line);
        Assert.Equal("Китоб.", items[1].Accepted().Source.Text);
    }

    [Fact]
    public async Task Level2_unit_carries_tags_metadata_and_context()
    {
        var items = await ReadFixtureAsync("level2.tmx");

        Assert.Equal(4, items.Count);
        var unit = items[0].Accepted();
        Assert.Equal("Ман китоб мехонам.", unit.Source.Text);
        Assert.Equal(
            [
                new InlineTag(InlineTagKind.Begin, 4, "<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>"),
                new InlineTag(InlineTagKind.End, 9, "<ept i=\"1\">&lt;/b&gt;</ept>"),
            ],
            unit.Source.Tags.AsEnumerable());
        Assert.Equal("I am reading a book.", unit.Target.Text);
        Assert.Equal(["I am reading a ".Length, "I am reading a book".Length], unit.Target.Tags.Select(t => t.Position));
        Assert.Equal("book-1", unit.ExternalId);
        Assert.Equal("farida", unit.CreatedBy);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), unit.CreatedAt);
        Assert.Equal("rustam", unit.ChangedBy);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 10, 11, 12, TimeSpan.Zero), unit.ChangedAt);
        Assert.Equal(7, unit.UsageCount);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), unit.LastUsedAt);
        Assert.Equal("Субҳ ба хайр.", unit.PreviousSource);
        Assert.Equal("Китоб ҷолиб аст.", unit.NextSource);
        Assert.Equal([new UnitProperty("x-domain", "school")], unit.Properties.AsEnumerable());
        Assert.Equal([new UnitNote("Салом аз Душанбе.")], unit.Notes.AsEnumerable());
    }

    [Fact]
    public async Task Level2_hi_ut_and_ph_with_sub_are_kept()
    {
        var items = await ReadFixtureAsync("level2.tmx");

        var image = items[1].Accepted();
        Assert.Equal("Барои оғоз -ро пахш кунед.", image.Source.Text);
        Assert.Equal("<ph x=\"2\" type=\"image\">&lt;img alt=\"<sub>Оғоз</sub>\"/&gt;</ph>", Assert.Single(image.Source.Tags).Xml);

        var rain = items[2].Accepted();
        Assert.Equal("Дар Хуҷанд борон меборад.", rain.Source.Text);
        Assert.Equal(
            [InlineTagKind.Isolated, InlineTagKind.HighlightStart, InlineTagKind.HighlightEnd],
            rain.Source.Tags.Select(t => t.Kind));
        Assert.Equal("Хуҷанд", rain.Source.Text[rain.Source.Tags[1].Position..rain.Source.Tags[2].Position]);

        var rtf = items[3].Accepted();
        Assert.Equal(["<ut>{\\b }</ut>", "<ut>{\\b0 }</ut>"], rtf.Target.Tags.Select(t => t.Xml));
        Assert.All(rtf.Target.Tags, t => Assert.Equal(InlineTagKind.Unknown, t.Kind));
    }

    [Fact]
    public async Task Header_is_read_before_any_unit()
    {
        await using var stream = File.OpenRead(PathOf("level2.tmx"));
        using var reader = await TmxReader.OpenAsync(stream, TajikToEnglish);

        Assert.Equal(
            new TmxHeader
            {
                Version = "1.4",
                SourceLanguage = "tg",
                CreationTool = "TarjumaTests",
                CreationToolVersion = "1.0",
                SegmentType = "sentence",
                DataType = "html",
                OriginalFormat = "handwritten",
                AdminLanguage = "en",
                CreationDate = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
            },
            reader.Header);
        var count = 0;
        await foreach (var item in reader.ReadUnitsAsync())
        {
            count += item.Unit is null ? 0 : 1;
        }

        Assert.Equal(4, count);
    }

    [Fact]
    public async Task Utf16_with_bom_is_read()
    {
        var items = await ReadFixtureAsync("utf16-bom.tmx");

        Assert.Equal(["Муаллим дар синф аст.", "Дар Исфара зардолу мерӯяд."], items.Select(i => i.Accepted().Source.Text));
        Assert.Equal("Apricots grow in Isfara.", items[1].Accepted().Target.Text);
    }

    [Fact]
    public async Task Utf16_without_bom_is_detected_from_the_first_bytes()
    {
        var bytes = await File.ReadAllBytesAsync(PathOf("utf16-bom.tmx"));
        Assert.Equal([0xFF, 0xFE], bytes[..2]);

        using var stream = new MemoryStream(bytes[2..]);
        var items = await ReadStreamAsync(stream);

        Assert.Equal("Муаллим дар синф аст.", items[0].Accepted().Source.Text);
    }

    [Fact]
    public async Task Utf8_with_bom_is_read()
    {
        var xml = Document(Unit("Бо BOM."));
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(xml)]);

        var items = await ReadStreamAsync(stream);

        Assert.Equal("Бо BOM.", Assert.Single(items).Accepted().Source.Text);
    }

    [Fact]
    public async Task Tmx_1_1_lang_attribute_names_the_language()
    {
        var items = await ReadFixtureAsync("tmx11-lang.tmx");

        Assert.Equal(["Об хунук аст.", "Нон гарм аст."], items.Select(i => i.Accepted().Source.Text));
        Assert.Equal("The bread is warm.", items[1].Accepted().Target.Text);
    }

    [Fact]
    public async Task Srclang_all_and_per_tu_srclang_map_by_tuv_language()
    {
        var items = await ReadFixtureAsync("srclang-all.tmx");

        Assert.Equal(["Дарё васеъ аст.", "Кӯҳҳо баланд мебошанд."], items.Select(i => i.Accepted().Source.Text));
        Assert.Equal(["The river is wide.", "The mountains are high."], items.Select(i => i.Accepted().Target.Text));
    }

    [Fact]
    public async Task Regional_tuvs_serve_a_memory_without_region_and_exact_tags_win()
    {
        var items = await ReadFixtureAsync("regional-fallback.tmx");

        Assert.Equal(
            [("Бозор пӯшида аст.", "The market is shut."), ("Дӯкон баста аст.", "The shop is closed."), ("Ҳаво соф аст.", "The sky is clear.")],
            items.Select(i => (i.Accepted().Source.Text, i.Accepted().Target.Text)));
    }

    [Fact]
    public async Task Regional_memory_takes_its_exact_region_then_the_bare_language_then_another_region()
    {
        var options = new TmxReadOptions(LanguageTag.Parse("tg-TJ", "test"), LanguageTag.Parse("en-GB", "test"));

        var items = await ReadFixtureAsync("regional-fallback.tmx", options);

        Assert.Equal("Мағоза баста аст.", items[1].Accepted().Source.Text);
        Assert.Equal("The shop is closed.", items[1].Accepted().Target.Text);
        Assert.Equal("The sky is clear.", items[2].Accepted().Target.Text);
    }

    [Fact]
    public async Task Same_language_memory_never_uses_one_tuv_for_both_sides()
    {
        var options = new TmxReadOptions(LanguageTag.Parse("en-US", "test"), LanguageTag.Parse("en-GB", "test"));
        var body = "<tu><tuv xml:lang=\"en-GB\"><seg>colour</seg></tuv><tuv xml:lang=\"en\"><seg>color</seg></tuv></tu>";

        var items = await ReadStringAsync(Document(body, "en-US"), options);

        var unit = Assert.Single(items).Accepted();
        Assert.Equal(("color", "colour"), (unit.Source.Text, unit.Target.Text));
    }

    [Fact]
    public async Task Decomposed_i_and_u_with_macron_are_composed_and_tags_stay_put()
    {
        var items = await ReadFixtureAsync("decomposed-macron.tmx");

        Assert.Equal(
            ["Ин китоби омӯзишӣ аст.", "Ман забони тоҷикӣ меомӯзам.", "Дӯсти ман хуб аст."],
            items.Select(i => i.Accepted().Source.Text));
        Assert.All(items, i => Assert.True(i.Accepted().Source.Text.IsNormalized(NormalizationForm.FormC)));
        Assert.Equal("Дӯсти ман ".Length, Assert.Single(items[2].Accepted().Source.Tags).Position);
    }

    [Fact]
    public async Task English_to_Tajik_file_imports_into_a_Tajik_to_English_memory()
    {
        var items = await ReadFixtureAsync("en-to-tg.tmx");

        var unit = Assert.Single(items).Accepted();
        Assert.Equal(("Боғ сабз аст.", "The garden is green."), (unit.Source.Text, unit.Target.Text));
    }

    [Fact]
    public async Task Units_without_a_memory_language_are_skipped_by_reason_and_broken_ones_rejected_with_their_line()
    {
        await using var stream = File.OpenRead(PathOf("missing-tuv.tmx"));
        var (items, skipped) = await ReadWithSkipsAsync(stream);

        Assert.Equal(["Ин мактаб нав аст.", "Бародарам дар Кӯлоб зиндагӣ мекунад."], items.Where(i => i.Unit is not null).Select(i => i.Unit!.Source.Text));
        Assert.Equal(
            ["line 16, column 5: <tu> has no <tuv>", "line 19, column 7: empty source segment"],
            items.Where(i => i.Rejection is not null).Select(i => i.Rejection!.ToString()));
        Assert.Equal([new ImportSkip("without en", 1), new ImportSkip("without tg", 1)], skipped);
    }

    [Fact]
    public async Task Lisa_style_many_language_file_imports_the_two_units_with_en_US_and_en_GB()
    {
        var options = new TmxReadOptions(LanguageTag.Parse("en-US", "test"), LanguageTag.Parse("en-GB", "test"));
        await using var stream = File.OpenRead(PathOf("multilingual-many.tmx"));

        var (items, skipped) = await ReadWithSkipsAsync(stream, options);

        Assert.Equal(
            [("The color of the car is gray.", "The colour of the car is grey."), ("We organized the center's catalog.",
                "We organised the centre's catalogue.")],
            items.Select(i => (i.Accepted().Source.Text, i.Accepted().Target.Text)));
        Assert.Equal("skipped 1 unit without en-GB", Assert.Single(skipped).ToString());
    }

    [Fact]
    public async Task Unit_lacking_the_source_language_is_skipped_as_without_de_DE()
    {
        var options = new TmxReadOptions(LanguageTag.Parse("de-DE", "test"), LanguageTag.Parse("en-GB", "test"));
        await using var stream = File.OpenRead(PathOf("multilingual-missing-source.tmx"));

        var (items, skipped) = await ReadWithSkipsAsync(stream, options);

        Assert.Equal(["Der Zug fährt um acht Uhr ab.", "Bitte nicht einsteigen."], items.Select(i => i.Accepted().Source.Text));
        Assert.Equal("skipped 1 unit without de-DE", Assert.Single(skipped).ToString());
    }

    [Fact]
    public async Task File_where_no_unit_has_both_languages_is_refused_naming_its_languages()
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadFixtureAsync("wrong-languages.tmx"));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("tmx", error.Field);
        Assert.Equal("line 5, column 5: no <tu> has both tg and en; the file's languages are: de, en, fr", error.Message);
    }

    [Fact]
    public async Task Header_declaring_a_third_source_language_is_no_error_when_units_have_both()
    {
        var unit = Assert.Single(await ReadFixtureAsync("header-third-language.tmx")).Accepted();
        Assert.Equal(("Кӯҳҳо баланд мебошанд.", "The mountains are high."), (unit.Source.Text, unit.Target.Text));

        // Still refused when no unit has the memory's pair.
        var frenchToGerman = new TmxReadOptions(LanguageTag.Parse("fr", "test"), LanguageTag.Parse("de", "test"));
        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadFixtureAsync("header-third-language.tmx", frenchToGerman));
        Assert.Equal("line 5, column 5: no <tu> has both fr and de; the file's languages are: en, ru, tg", error.Message);
    }

    [Fact]
    public async Task Reversed_import_keeps_context_in_the_memory_source_language_only()
    {
        var englishToTajik = new TmxReadOptions(English, Tajik);

        var items = await ReadFixtureAsync("reversed-context.tmx", englishToTajik);

        var first = items[0].Accepted();
        Assert.Equal(("The weather is warm.", "Today is Sunday.", "We are going to the garden."), (first.Source.Text, first.PreviousSource, first.NextSource));

        // Tajik context only: it can never equal an English neighbour, so it is dropped, not kept as English.
        var second = items[1].Accepted();
        Assert.Equal(("We are going to the garden.", null), (second.Source.Text, second.PreviousSource));
        Assert.Empty(second.Properties);
    }

    [Fact]
    public async Task Context_read_in_the_files_own_direction_is_unchanged()
    {
        var items = await ReadFixtureAsync("reversed-context.tmx");

        Assert.Equal(("Имрӯз якшанбе аст.", "Мо ба боғ меравем."), (items[0].Accepted().PreviousSource, items[0].Accepted().NextSource));
        Assert.Equal("Ҳаво гарм аст.", items[1].Accepted().PreviousSource);
    }

    [Fact]
    public async Task Tuid_over_the_attribute_limit_is_rejected_naming_the_line()
    {
        var body = $"<tu tuid=\"{new string('x', TmxLimits.MaxAttributeLength + 1)}\"><tuv xml:lang=\"tg\"><seg>Як.</seg></tuv><tuv "
            + $"xml:lang=\"en\"><seg>One.</seg></tuv></tu>\n"
            + Unit("Ду.", "Two.");

        var items = await ReadStringAsync(Document(body));

        Assert.Equal(
            $"line 5, column 1: tuid is {TmxLimits.MaxAttributeLength + 1} characters, over the limit of {TmxLimits.MaxAttributeLength}",
            items[0].Rejected().ToString());
        Assert.Equal("Ду.", items[1].Accepted().Source.Text);
    }

    [Theory]
    [InlineData("<tu changeid=\"{0}\">", "changeid")]
    [InlineData("<tu><prop type=\"{0}\">v</prop>", "type")]
    [InlineData("<tu><note xml:lang=\"{0}\">n</note>", "xml:lang")]
    public async Task Other_oversized_attributes_are_rejected_by_name(string start, string name)
    {
        var tu = string.Format(System.Globalization.CultureInfo.InvariantCulture, start, new string('x', TmxLimits.MaxAttributeLength + 1))
            + "<tuv xml:lang=\"tg\"><seg>Як.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>";

        var rejection = Assert.Single(await ReadStringAsync(Document(tu))).Rejected();

        Assert.StartsWith($"{name} is {TmxLimits.MaxAttributeLength + 1} characters, over the limit", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(5, rejection.Line);
    }

    [Fact]
    public async Task Props_and_notes_over_the_per_unit_total_are_rejected_though_each_is_within_its_limit()
    {
        var value = new string('x', TmxLimits.MaxMetadataLength - 10);
        var metadata = string.Concat(Enumerable.Range(0, 2).Select(i => $"<prop type=\"x-{i}\">{value}</prop>")) + $"<note>{value}</note>";
        var body = $"<tu>{metadata}<tuv xml:lang=\"tg\"><seg>Як.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>";

        var rejection = Assert.Single(await ReadStringAsync(Document(body))).Rejected();

        Assert.Equal($"the unit's props and notes hold more than {TmxLimits.MaxMetadataPerUnit} characters together", rejection.Reason);
    }

    [Fact]
    public async Task Malformed_xml_is_refused_with_line_and_column()
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadFixtureAsync("broken-malformed.tmx"));

        Assert.Equal("tmx", error.Field);
        Assert.StartsWith("line 10, column ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'seg'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line 10, position", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("broken-billion-laughs.tmx", "line 18, column 32: Reference to undeclared entity 'lol9'.")]
    [InlineData("broken-external-entity.tmx", "line 9, column 37: Reference to undeclared entity 'secret'.")]
    public async Task Entities_declared_in_a_DTD_are_never_expanded(string file, string expected)
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadFixtureAsync(file));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_with_its_position()
    {
        var xml = Document(Unit("Хато"));
        var bytes = Encoding.UTF8.GetBytes(xml);
        bytes[Encoding.UTF8.GetByteCount(xml[..xml.IndexOf("Хато", StringComparison.Ordinal)])] = 0xFF;
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadStreamAsync(stream));

        Assert.StartsWith("line 5, column ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid character in the given encoding", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><xliff version=\"1.2\"/>", "line 1, column 22: the root element is <xliff>, not <tmx>")]
    [InlineData("<tmx version=\"1.4\"><body/></tmx>", "line 1, column 20: <body> comes before <header>; a TMX document starts with its header")]
    [InlineData("<tmx version=\"1.4\"></tmx>", "line 1, column 20: <tmx> has no <header>")]
    [InlineData("", "line 1, column 1: Root element is missing.")]
    public async Task Document_that_is_not_TMX_is_refused(string xml, string expected)
    {
        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadStringAsync(xml));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task Empty_body_reads_as_no_units()
    {
        var items = await ReadStringAsync(Document(string.Empty));

        Assert.Empty(items);
    }

    [Fact]
    public async Task Oversized_segment_is_rejected_without_stopping_the_import()
    {
        var huge = new string('а', TmxLimits.MaxSegmentLength + 1);

        var items = await ReadStringAsync(Document(Unit(huge) + "\n" + Unit("Хурд.")));

        Assert.Equal($"segment longer than {TmxLimits.MaxSegmentLength} characters", items[0].Rejected().Reason);
        Assert.Equal("Хурд.", items[1].Accepted().Source.Text);
    }

    [Fact]
    public async Task Inline_nesting_deeper_than_the_limit_is_rejected()
    {
        var depth = TmxLimits.MaxInlineDepth + 1;
        var deep = string.Concat(Enumerable.Repeat("<hi>", depth)) + "Чуқур" + string.Concat(Enumerable.Repeat("</hi>", depth));
        var allowed = string.Concat(Enumerable.Repeat("<hi>", depth - 1)) + "Чуқур" + string.Concat(Enumerable.Repeat("</hi>", depth - 1));

        var items = await ReadStringAsync(Document(Unit(deep) + "\n" + Unit(allowed)));

        Assert.Equal($"inline elements nest deeper than {TmxLimits.MaxInlineDepth} levels", items[0].Rejected().Reason);
        Assert.Equal("Чуқур", items[1].Accepted().Source.Text);
    }

    [Fact]
    public async Task Native_code_nesting_deeper_than_the_limit_is_rejected()
    {
        var levels = TmxLimits.MaxInlineDepth;
        var deep = "<ph>" + string.Concat(Enumerable.Repeat("<sub><ph>", levels)) + string.Concat(Enumerable.Repeat("</ph></sub>", levels)) + "</ph>Матн";

        var items = await ReadStringAsync(Document(Unit(deep)));

        Assert.Equal($"inline elements nest deeper than {TmxLimits.MaxInlineDepth} levels", Assert.Single(items).Rejected().Reason);
    }

    [Fact]
    public async Task Unknown_content_nested_without_end_is_refused_at_the_depth_limit()
    {
        var levels = TmxLimits.MaxDocumentDepth + 10;
        var body = "<x-extension>" + string.Concat(Enumerable.Repeat("<x>", levels)) + string.Concat(Enumerable.Repeat("</x>", levels)) + "</x-extension>";

        var error = await Assert.ThrowsAsync<TarjumaException>(() => ReadStringAsync(Document(body)));

        Assert.EndsWith($": elements nest deeper than {TmxLimits.MaxDocumentDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_props_on_a_unit_are_rejected()
    {
        var props = string.Concat(Enumerable.Range(0, TmxLimits.MaxPropertiesPerUnit + 1).Select(i => $"<prop type=\"x-{i}\">{i}</prop>"));
        var body = $"<tu>{props}<tuv xml:lang=\"tg\"><seg>Бисёр.</seg></tuv><tuv xml:lang=\"en\"><seg>Many.</seg></tuv></tu>";

        var items = await ReadStringAsync(Document(body));

        Assert.Equal($"<tu> has more than {TmxLimits.MaxPropertiesPerUnit} <prop> elements", Assert.Single(items).Rejected().Reason);
    }

    [Fact]
    public async Task Oversized_note_is_rejected()
    {
        var note = new string('н', TmxLimits.MaxMetadataLength + 1);
        var body = $"<tu><note>{note}</note><tuv xml:lang=\"tg\"><seg>Дароз.</seg></tuv><tuv xml:lang=\"en\"><seg>Long.</seg></tuv></tu>";

        var items = await ReadStringAsync(Document(body));

        Assert.Equal($"<note> is longer than {TmxLimits.MaxMetadataLength} characters", Assert.Single(items).Rejected().Reason);
    }

    [Fact]
    public async Task OmegaT_prev_and_next_props_become_context()
    {
        var body = "<tu><prop type=\"file\">a.txt</prop><prop type=\"prev\">Пеш.</prop><prop type=\"next\">Пас.</prop>"
            + "<tuv xml:lang=\"tg\"><seg>Миён.</seg></tuv><tuv xml:lang=\"en\"><seg>Middle.</seg></tuv></tu>";

        var unit = Assert.Single(await ReadStringAsync(Document(body))).Accepted();

        Assert.Equal(("Пеш.", "Пас."), (unit.PreviousSource, unit.NextSource));
        Assert.Equal([new UnitProperty("file", "a.txt")], unit.Properties.AsEnumerable());
    }

    [Fact]
    public async Task Tuv_props_notes_and_dates_are_merged_onto_the_unit_without_duplicates()
    {
        var body = "<tu><prop type=\"x-file\">a.txt</prop><note>Умумӣ.</note>"
            + "<tuv xml:lang=\"tg\"><prop type=\"x-file\">a.txt</prop><prop type=\"x-group\" xml:lang=\"tg\">Гурӯҳ</prop><seg>Як.</seg></tuv>"
            + "<tuv xml:lang=\"en\" changeid=\"zarina\" changedate=\"20250613T064842Z\"><note xml:lang=\"en\">Checked.</note><seg>One.</seg></tuv></tu>";

        var unit = Assert.Single(await ReadStringAsync(Document(body))).Accepted();

        Assert.Equal([new UnitProperty("x-file", "a.txt"), new UnitProperty("x-group", "Гурӯҳ", "tg")], unit.Properties.AsEnumerable());
        Assert.Equal([new UnitNote("Умумӣ."), new UnitNote("Checked.", "en")], unit.Notes.AsEnumerable());
        Assert.Equal("zarina", unit.ChangedBy);
        Assert.Equal(new DateTimeOffset(2025, 6, 13, 6, 48, 42, TimeSpan.Zero), unit.ChangedAt);
    }

    [Fact]
    public async Task Reading_honours_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        await using var stream = File.OpenRead(PathOf("level2.tmx"));
        using var reader = await TmxReader.OpenAsync(stream, TajikToEnglish);
        var read = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in reader.ReadUnitsAsync(cancellation.Token))
            {
                read++;
                await cancellation.CancelAsync();
            }
        });
        Assert.Equal(1, read);
    }

    [Fact]
    public async Task Units_can_be_enumerated_only_once()
    {
        await using var stream = File.OpenRead(PathOf("level2.tmx"));
        using var reader = await TmxReader.OpenAsync(stream, TajikToEnglish);
        await foreach (var _ in reader.ReadUnitsAsync())
        {
        }

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in reader.ReadUnitsAsync())
            {
            }
        });
    }

    private static string Show(SegmentText segment) =>
        $"'{segment.Text}' [{string.Join(", ", segment.Tags.Select(t => $"{t.Kind}@{t.Position}:{t.Xml}"))}]";
}
