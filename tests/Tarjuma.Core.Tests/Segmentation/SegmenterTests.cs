using System.Text;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Tests.Segmentation;

public sealed class SegmenterTests
{
    private static readonly Segmenter Tajik = Segmenter.Create(new SegmenterOptions { Language = "tg" });

    private static List<string> Texts(Segmenter segmenter, string text) =>
        [.. segmenter.Segment(text).Select(s => text.Substring(s.Start, s.Length))];

    [Fact]
    public void Segments_are_offsets_into_the_original_text_without_surrounding_whitespace()
    {
        const string text = "  Салом.   Ман омадам!  ";

        var spans = Tajik.Segment(text);

        Assert.Equal([new TextRange(2, 6), new TextRange(11, 11)], spans);
    }

    [Fact]
    public void Tajik_initial_does_not_end_a_sentence()
    {
        Assert.Single(Texts(Tajik, "Президент Э. Раҳмон ба Хатлон сафар кард."));
    }

    [Fact]
    public void A_blank_line_always_ends_a_segment()
    {
        foreach (var mode in new[] { LineBreakMode.Heuristic, LineBreakMode.BlankLineOnly, LineBreakMode.EveryLine })
        {
            var segmenter = Segmenter.Create(new SegmenterOptions { Language = "tg", LineBreaks = mode });

            Assert.Equal(["Ин ҷумла, ки", "давом дорад."], Texts(segmenter, "Ин ҷумла, ки\n \nдавом дорад."));
        }
    }

    [Fact]
    public void By_default_a_single_line_break_ends_a_segment_only_after_a_line_without_punctuation()
    {
        Assert.Equal(["Сарлавҳаи хабар", "Матни хабар дар ин ҷо, ки", "давом дорад."], Texts(Tajik,
            "Сарлавҳаи хабар\nМатни хабар дар ин ҷо, ки\nдавом дорад."));
    }

    [Fact]
    public void Every_line_mode_breaks_at_each_line_and_blank_line_only_mode_joins_wrapped_lines()
    {
        const string text = "Ин ҷумла\nдавом дорад.";
        var everyLine = Segmenter.Create(new SegmenterOptions { Language = "tg", LineBreaks = LineBreakMode.EveryLine });
        var wrapped = Segmenter.Create(new SegmenterOptions { Language = "tg", LineBreaks = LineBreakMode.BlankLineOnly });

        Assert.Equal(2, everyLine.Segment(text).Count);
        Assert.Single(wrapped.Segment(text));
    }

    [Fact]
    public void Rules_only_untrimmed_segments_cover_the_whole_text()
    {
        var raw = Segmenter.Create(new SegmenterOptions { Language = "en", LineBreaks = LineBreakMode.RulesOnly, TrimWhitespace = false });
        const string text = "One. Two!\n\nThree? ";

        var spans = raw.Segment(text);

        Assert.Equal(text, string.Concat(spans.Select(s => text.Substring(s.Start, s.Length))));
        Assert.Equal(["One.", " Two!", "\n\nThree? "], spans.Select(s => text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Html_tags_are_hidden_from_the_rules_and_placed_by_formathandle()
    {
        var html = Segmenter.Create(new SegmenterOptions { Language = "tg", Markup = MarkupMode.Html });
        const string text = "<p>Ӯ омад.</p> <b>Вай</b> <img alt=\"Як. Ду.\"/>нишаст.";

        // The end tag stays with the first sentence; the period inside the attribute is not a break.
        Assert.Equal(["<p>Ӯ омад.</p>", "<b>Вай</b> <img alt=\"Як. Ду.\"/>нишаст."], Texts(html, text));
    }

    [Fact]
    public void Segment_appends_to_the_callers_list()
    {
        var list = new List<TextRange> { new(0, 1) };

        Tajik.Segment("Як. Ду.", list);

        Assert.Equal(3, list.Count);
    }

    [Fact]
    public void A_language_is_required()
    {
        var error = Assert.Throws<TarjumaException>(() => Segmenter.Create(new SegmenterOptions { Language = " " }));

        Assert.Equal("language", error.Field);
    }

    [Fact]
    public void Ten_megabytes_without_punctuation_is_one_segment()
    {
        var text = new StringBuilder(10_000_000);
        while (text.Length < 10_000_000)
        {
            text.Append("калимаи бе нуқта ва бе аломат ");
        }

        var spans = Tajik.Segment(text.ToString());

        Assert.Single(spans);
    }

    [Fact]
    public void A_long_line_of_dots_is_one_segment()
    {
        var text = new string('.', 200_000);

        Assert.Equal([new TextRange(0, text.Length)], Tajik.Segment(text));
    }

    [Fact]
    public void Random_unicode_and_unpaired_surrogates_give_ordered_spans_inside_the_text()
    {
        var random = new Random(20261128);
        var chars = new char[200_000];
        for (var i = 0; i < chars.Length; i++)
        {
            // Mostly punctuation, spaces, letters and lone surrogate halves, to hit every path.
            chars[i] = random.Next(6) switch
            {
                0 => ".!?…\"»”)\n"[random.Next(9)],
                1 => ' ',
                2 => (char)random.Next(0xD800, 0xE000),
                3 => (char)random.Next('А', 'я' + 1),
                _ => (char)random.Next(0, 0x10000),
            };
        }

        var text = new string(chars);
        var spans = Tajik.Segment(text);

        var previousEnd = 0;
        foreach (var span in spans)
        {
            Assert.True(span.Start >= previousEnd && span.Length > 0 && span.End <= text.Length);
            previousEnd = span.End;
        }
    }

    [Fact]
    public void A_catastrophically_backtracking_user_rule_does_not_stop_segmentation()
    {
        const string xml = """
            <srx version="2.0" xmlns="http://www.lisa.org/srx20">
              <header cascade="no"/>
              <body>
                <languagerules>
                  <languagerule languagerulename="Bad">
                    <rule break="no"><beforebreak>(a+)+b</beforebreak><afterbreak></afterbreak></rule>
                    <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
                  </languagerule>
                </languagerules>
                <maprules><languagemap languagepattern=".*" languagerulename="Bad"/></maprules>
              </body>
            </srx>
            """;
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "en", Rules = SrxDocument.Parse(xml) });
        var text = new string('a', 40) + ". Next.";

        Assert.Equal(2, segmenter.Segment(text).Count);
    }

    [Fact]
    public void Segmenting_in_parallel_gives_the_same_result_as_one_thread()
    {
        const string text = "Ӯ дар ш. Душанбе аст. Вай омад! “Салом?” Ҳа.";
        var expected = Tajik.Segment(text);

        var results = new IReadOnlyList<TextRange>[64];
        Parallel.For(0, results.Length, i => results[i] = Tajik.Segment(text));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Callers_that_create_the_same_rules_at_once_share_one_build()
    {
        // A document nobody has built yet; a command's warm-up and the command itself, or a server's first requests, ask at once.
        var rules = SrxDocument.Parse(BuiltInRules.GetSrx());
        const string text = "Ӯ дар ш. Душанбе аст. Вай омад! “Салом?” Ҳа.";

        var segmenters = new Segmenter[8];
        Parallel.For(0, segmenters.Length, i => segmenters[i] = Segmenter.Create(new SegmenterOptions { Language = i % 2 == 0 ? "tg" : "TG", Rules = rules }));

        Assert.All(segmenters, s => Assert.Same(segmenters[0].CompiledRules, s.CompiledRules));
        Assert.All(segmenters, s => Assert.Equal(Tajik.Segment(text), s.Segment(text)));
        Assert.Same(segmenters[0].CompiledRules, Segmenter.Create(new SegmenterOptions { Language = "tg", Rules = rules }).CompiledRules);
    }

    [Fact]
    public void The_hot_path_allocates_nothing_but_the_result()
    {
        // Its own parse of the built-in rules, so its own compiled rules: a Regex shared with a test running at the same time
        // allocates a second runner whenever both match at once (seen as 341,408 bytes with the other segmentation tests beside it).
        var tajik = Segmenter.Create(new SegmenterOptions { Language = "tg", Rules = SrxDocument.Parse(BuiltInRules.GetSrx()) });
        var text = string.Concat(Enumerable.Repeat("Ӯ дар ш. Душанбе аст. Вай омад! “Салом?” Ҳа.\n\n", 2000));
        var list = new List<TextRange>(20_000);
        tajik.Segment(text, list);

        // The least of three runs: on a loaded machine a rule's wall-clock timeout can fire once and
        // allocate its exception (the rules are then tried one by one; see Segmenter.MatchesAlone).
        var allocated = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            list.Clear();
            var before = GC.GetAllocatedBytesForCurrentThread();
            tajik.Segment(text, list);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(allocated < 1024, $"{allocated} bytes allocated");
        Assert.Equal(8000, list.Count);
    }
}
