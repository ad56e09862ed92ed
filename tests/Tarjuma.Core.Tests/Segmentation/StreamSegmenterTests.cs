using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Tests.Segmentation;

public sealed class StreamSegmenterTests
{
    private static readonly Segmenter Tajik = Segmenter.Create(new SegmenterOptions { Language = "tg" });

    /// <summary>Texts whose paragraph breaks use every kind of line break and of blank line.</summary>
    public static TheoryData<string, string> Texts => new()
    {
        { "LF", "Э. Раҳмон ба Хуҷанд рафт. Ӯ бо сокинон вохӯрд.\n\nНархи нон 2,5 сом аст.\n\n\nОё ин гарон аст?\n" },
        { "CRLF", "Як ду се. Чор панҷ.\r\n\r\nШаш ҳафт.\r\n  \r\n\r\nҲашт нӯҳ.\r\n" },
        { "CR", "Як ду се.\r\rЧор панҷ.\r \r\rШаш." },
        { "whitespace-only lines", "Як ду се.\n \t \nЧор панҷ. Шаш.\n\t\n \nҲафт." },
        { "Unicode spaces", "Як ду се.\n\u00A0\u2003\u3000\nЧор панҷ.\u2028\u2009\u2028Шаш." },
        { "NEL and PS", "Як ду се.\u0085\u0085Чор панҷ.\u2029\u2029Шаш." },
        { "headline and list", "Сарлавҳа\n\nВазифаҳо:\n– сохтмон;\n– таъмир.\n\nОхир." },
        { "leading and trailing blank lines", "\n\n  \nЯк ду се.\n\n\n" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Pieces_cut_anywhere_give_the_segments_of_the_whole_text(string name, string text)
    {
        var whole = Whole(Tajik, text);
        Assert.True(whole.Count > 0, name);
        for (var cut = 0; cut <= text.Length; cut++)
        {
            Assert.Equal(whole, Streamed(Tajik, text[..cut], text[cut..]));
        }

        var random = new Random(14);
        for (var trial = 0; trial < 50; trial++)
        {
            Assert.Equal(whole, Streamed(Tajik, RandomPieces(text, random)));
        }

        // One character a message: every blank line, CRLF and space is split across pieces.
        Assert.Equal(whole, Streamed(Tajik, [.. text.Select(c => c.ToString())]));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Untrimmed_segments_are_the_same_streamed(string name, string text)
    {
        var untrimmed = Segmenter.Create(new SegmenterOptions { Language = "tg", TrimWhitespace = false });
        var whole = Whole(untrimmed, text);
        Assert.Equal(text, string.Concat(whole.Select(s => s.Text)));
        for (var cut = 0; cut <= text.Length; cut++)
        {
            Assert.True(whole.SequenceEqual(Streamed(untrimmed, text[..cut], text[cut..])), $"{name}, cut at {cut}");
        }
    }

    [Fact]
    public void A_paragraph_is_given_as_soon_as_its_blank_line_has_come()
    {
        var stream = new StreamSegmenter(Tajik);

        Assert.Empty(stream.Append("Як ду се. Чор\r\n"));
        Assert.Equal(["Як ду се.", "Чор"], stream.Append(" \r\nпанҷ").Select(s => s.Text));
        Assert.Equal([("панҷ", 18)], stream.Complete().Select(s => (s.Text, s.Range.Start)));
    }

    [Fact]
    public void Unicode_spaces_make_a_line_blank_and_NEL_LS_PS_break_lines()
    {
        Assert.Equal(5, TextLines.BlankLineAfter("a\n\u00A0\u2003\u202F\nb", 1));
        Assert.Equal(3, TextLines.BlankLineAfter("a\r\n\u2028b", 1));
        Assert.Equal(-1, TextLines.BlankLineAfter("a\n \u200Bb\n", 1));
        Assert.Equal(-1, TextLines.BlankLineAfter("a\n  ", 1));
        Assert.Equal(1, TextLines.LastParagraphBreak("a\u0085 \u2029b"));
    }

    [Theory]
    [InlineData("no break at all", -1)]
    [InlineData("one\nline break", -1)]
    [InlineData("one\r\ncrlf", -1)]
    [InlineData("a\n\nb", 1)]
    [InlineData("a  \r\n \t \r\n\r\nb", 3)]
    [InlineData("a\n\nb\n \nc", 4)]
    [InlineData("a\n\nb\n", 1)]
    [InlineData("a\r\n\r", 1)]
    [InlineData("\n\nb", 0)]
    public void The_last_paragraph_break_starts_at_the_first_line_break_after_the_text(string text, int expected)
    {
        Assert.Equal(expected, TextLines.LastParagraphBreak(text));
    }

    [Fact]
    public void With_rules_only_a_blank_line_is_not_final_until_the_stream_ends()
    {
        var rulesOnly = Segmenter.Create(new SegmenterOptions { Language = "tg", LineBreaks = LineBreakMode.RulesOnly });
        var stream = new StreamSegmenter(rulesOnly);

        Assert.Empty(stream.Append("Як ду\n\n"));
        Assert.Equal(Whole(rulesOnly, "Як ду\n\nсе."), [.. stream.Append("се.").Concat(stream.Complete())]);
    }

    [Fact]
    public void Text_without_paragraph_breaks_is_given_once_it_passes_the_limit_all_but_its_last_segment()
    {
        var stream = new StreamSegmenter(Tajik, maxPendingCharacters: 20);

        Assert.Empty(stream.Append("Як ду се. Чор"));
        var final = stream.Append(" панҷ. Шаш ҳафт");

        Assert.Equal(["Як ду се.", "Чор панҷ."], final.Select(s => s.Text));
        Assert.Equal([("Шаш ҳафт", 20)], stream.Complete().Select(s => (s.Text, s.Range.Start)));
    }

    [Fact]
    public void A_cancelled_piece_is_not_kept()
    {
        var stream = new StreamSegmenter(Tajik);
        Assert.Empty(stream.Append("Як ду се. Чор. "));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => stream.Append("Панҷ. Шаш.\n\nҲафт.", cancelled.Token));

        Assert.Equal(Whole(Tajik, "Як ду се. Чор. Ҳашт."), [.. stream.Append("Ҳашт.").Concat(stream.Complete())]);
    }

    private static List<StreamedSegment> Whole(Segmenter segmenter, string text) =>
        [.. segmenter.Segment(text).Select(r => new StreamedSegment(r, text.Substring(r.Start, r.Length)))];

    private static List<StreamedSegment> Streamed(Segmenter segmenter, params string[] pieces)
    {
        var stream = new StreamSegmenter(segmenter);
        var segments = new List<StreamedSegment>();
        foreach (var piece in pieces)
        {
            segments.AddRange(stream.Append(piece));
        }

        segments.AddRange(stream.Complete());
        return segments;
    }

    private static string[] RandomPieces(string text, Random random)
    {
        var pieces = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var length = Math.Min(random.Next(1, 6), text.Length - i);
            pieces.Add(text.Substring(i, length));
            i += length;
        }

        return [.. pieces];
    }
}
