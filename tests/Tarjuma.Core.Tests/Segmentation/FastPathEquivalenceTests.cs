using System.Text;
using System.Text.RegularExpressions;
using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Segmentation;

/// <summary>
/// The pre-checks that skip regex calls must never change a break: the segmenter with and
/// without <see cref="WordListFilter"/> gives the same breaks on the development documents, the
/// golden suites and generated text full of abbreviations, and the whole fast path (scanners,
/// edge checks, word lists) gives the breaks of trying every rule at every position.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly string TajikGoldenPath = Path.Combine(AppContext.BaseDirectory, "Data", "Segmentation", "tg_golden.jsonl");

    [SkippableTheory]
    [InlineData("tg")]
    [InlineData("en")]
    public void Development_documents_break_alike_with_and_without_word_lists(string language)
    {
        var documents = SegmentationEvaluation.ReadDocuments(SharedData.Require($"ntrex-dev/segmentation.{language}.jsonl"));

        AssertSameBreaks(language, null, documents.Select(d => d.Text));
    }

    [SkippableTheory]
    [InlineData("pragmatic_segmenter/en_golden_rules.jsonl")]
    [InlineData("pysbd/en_golden_rules.jsonl")]
    [InlineData("pragmatic_segmenter/ru_golden_rules.jsonl")]
    [InlineData("pragmatic_segmenter/ru_more.jsonl")]
    [InlineData("pragmatic_segmenter/kk_golden_rules.jsonl")]
    public void Golden_suites_break_alike_with_and_without_word_lists(string suite)
    {
        var cases = SegmentationEvaluation.ReadGoldenCases(SharedData.Require("suites/segmentation/" + suite));

        foreach (var byLanguage in cases.GroupBy(c => c.Language, StringComparer.Ordinal))
        {
            AssertSameBreaks(byLanguage.Key, null, byLanguage.Select(c => c.Text));
        }
    }

    [Fact]
    public void Tajik_golden_cases_break_alike_with_and_without_word_lists()
    {
        var cases = SegmentationEvaluation.ReadGoldenCases(TajikGoldenPath);

        AssertSameBreaks("tg", null, cases.Select(c => c.Text));
    }

    [SkippableTheory]
    [InlineData("languagetool/segment.srx", "en")]
    [InlineData("omegat/defaultRules.srx", "en")]
    public void User_srx_files_break_alike_with_and_without_word_lists(string file, string language)
    {
        var srx = SrxDocument.LoadFile(SharedData.Require("suites/srx/" + file));
        var documents = SegmentationEvaluation.ReadDocuments(SharedData.Require($"ntrex-dev/segmentation.{language}.jsonl"));

        AssertSameBreaks(language, srx, documents.Take(10).Select(d => d.Text));
    }

    [Theory]
    [InlineData("tg")]
    [InlineData("en")]
    public void Generated_text_full_of_abbreviations_breaks_alike(string language)
    {
        AssertSameBreaks(language, null, [GeneratedText(seed: 7, tokens: 20_000)]);
    }

    [Fact]
    public void Word_list_lookup_admits_every_position_where_the_rule_matches()
    {
        const string Before = @"(?<![\p{L}\p{M}\p{N}.\-])(?i:проф|ш|и\.в|ш-к|N°|k)\.";
        var filter = WordListFilter.TryCreate(Before);
        var rule = new Regex(@"\G(?<=" + Before + ")", RegexOptions.CultureInvariant);
        const string Text = "проф. ПРОФ. Проф. профессор. ш. Ш. душ. и.в. И.В. ш-к. аш-к. -ш. 5ш. N°. n°. K. \u212A. kk. .k. ш.";

        Assert.NotNull(filter);
        var matches = 0;
        for (var p = 1; p <= Text.Length; p++)
        {
            var regexMatches = rule.IsMatch(Text, p);
            matches += regexMatches ? 1 : 0;
            Assert.True(!regexMatches || filter.Admits(Text, p), $"regex matches before position {p} ('{Text[..p]}') but the filter rejects it");
            Assert.True(regexMatches || !filter.Admits(Text, p), $"filter admits position {p} ('{Text[..p]}') where the regex does not match");
        }

        // проф ПРОФ Проф ш Ш и.в И.В ш-к N° n° K, the Kelvin sign and the final ш.
        Assert.Equal(13, matches);
    }

    [Theory]
    [InlineData(@"(?<![\p{L}])(?i:a|b.)\.")]
    [InlineData(@"(?<![\p{L}])(?i:a|\d)\.")]
    [InlineData(@"(?<![\p{L}])(?i:a|b)\.\s")]
    [InlineData(@"(?:a|b)\.")]
    [InlineData(@"(?<![\p{L}])(?x:a |b)\.")]
    public void Rules_other_than_a_literal_word_list_keep_the_general_path(string beforeBreak)
    {
        Assert.Null(WordListFilter.TryCreate(beforeBreak));
    }

    [Theory]
    [InlineData("tg")]
    [InlineData("en")]
    public void Segmenter_breaks_where_every_rule_tried_at_every_position_breaks(string language)
    {
        // The reference engine: no scanners, no edge checks, no word lists (SRX 2.0 §2.5).
        var document = BuiltInRules.Default;
        var rules = document.RulesFor(language)
            .Select(r => (r.Break, Regex: new Regex(
                @"\G(?<=" + document.Translated(r).BeforeBreak + ")(?=" + document.Translated(r).AfterBreak + ")", RegexOptions.CultureInvariant)))
            .ToList();
        var texts = SegmentationEvaluation.ReadGoldenCases(TajikGoldenPath).Select(c => c.Text).Append(GeneratedText(seed: 11, tokens: 1_500));
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = language, LineBreaks = LineBreakMode.RulesOnly, TrimWhitespace = false });
        foreach (var text in texts)
        {
            var expected = new List<int>();
            for (var p = 1; p < text.Length; p++)
            {
                var first = rules.FirstOrDefault(r => r.Regex.IsMatch(text, p));
                if (first.Regex is not null && first.Break)
                {
                    expected.Add(p);
                }
            }

            var actual = Breaks(segmenter, text);
            Assert.True(expected.SequenceEqual(actual), $"breaks differ in: {text[..Math.Min(200, text.Length)]}");
        }
    }

    private static void AssertSameBreaks(string language, SrxDocument? rules, IEnumerable<string> texts)
    {
        var options = new SegmenterOptions { Language = language, Rules = rules, TrimWhitespace = false };
        var fast = Segmenter.Create(options);
        var general = Segmenter.Create(options, wordLists: false);
        var count = 0;
        foreach (var text in texts)
        {
            var fastBreaks = Breaks(fast, text);
            var generalBreaks = Breaks(general, text);
            Assert.True(generalBreaks.SequenceEqual(fastBreaks), $"breaks differ in: {text[..Math.Min(200, text.Length)]}");
            count++;
        }

        Assert.True(count > 0, "no texts were compared");
    }

    /// <summary>
    /// The break positions: where each untrimmed segment but the last ends (untrimmed segments cover
    /// the text, so no break is lost to whitespace).
    /// </summary>
    private static List<int> Breaks(Segmenter segmenter, string text)
    {
        Assert.False(segmenter.Options.TrimWhitespace);
        return [.. segmenter.Segment(text).Select(s => s.End).Where(end => end < text.Length)];
    }

    /// <summary>Sentences mixing list abbreviations in every case with ordinary words, numbers and marks.</summary>
    private static string GeneratedText(int seed, int tokens)
    {
        string[] pieces =
        [
            "ш.", "Ш.", "н.", "проф.", "ПРОФ.", "Проф.", "шаҳр.", "шахр.", "и.в.", "ш-к.", "саҳ.", "№.", "ҷ-би.",
            "Mr.", "MR.", "Dr.", "dr.", "St.", "No.", "no.", "N°.", "Fig.", "p.", "pp.", "approx.", "vs.", "v.",
            "китоб.", "мактаб", "Душанбе", "Раҳимов.", "house.", "Smith", "the", "road.", "12", "5.", "3,5",
            "A.", "Э.", "U.S.", "д.и.т.", "-ш.", "xш.", "(проф.)", "\"Dr.\"", "…", "!", "?", "—", "\n",
        ];
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (var i = 0; i < tokens; i++)
        {
            sb.Append(pieces[random.Next(pieces.Length)]);
            sb.Append(random.Next(8) == 0 ? string.Empty : " ");
        }

        return sb.ToString();
    }
}
