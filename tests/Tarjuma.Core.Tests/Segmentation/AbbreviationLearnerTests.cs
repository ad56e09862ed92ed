using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Segmentation.Learning;

namespace Tarjuma.Core.Tests.Segmentation;

public sealed class AbbreviationLearnerTests
{
    /// <summary>
    /// A small legal-domain body of our own sentences: "мас." before names and lower-case words,
    /// "м." and "қ." before numbers, "д.и.ф." before a name (a name: capitalised inside a
    /// sentence elsewhere); "шуд." and "аст." end sentences.
    /// </summary>
    private static readonly string[] Domain =
    [
        "Кишварҳои ҳамсоя, мас. Ӯзбекистон ва Қирғизистон, дар ҷаласа ширкат доштанд.",
        "Баъзе соҳаҳо, мас. кишоварзӣ ва сохтмон, зуд рушд карданд.",
        "Мувофиқи м. 15 Кодекси меҳнат рухсатӣ дода мешавад.",
        "Тибқи қ. 2 м. 20 ин қонун шартнома баста шуд.",
        "Дар ҷаласа д.и.ф. Раҳимов маъруза кард.",
        "Мақоларо д.и.ф. Назарова навиштааст.",
        "Ҳисобот омода шуд. Он ба вазорат фиристода шуд.",
        "Ин масъала муҳим аст. Мо онро баррасӣ мекунем.",
        "Нархҳо, мас. нархи нон, боло рафтанд.",
        "Тибқи м. 7 ва м. 8 ҳуқуқи корманд ҳифз мешавад.",
        "Корманд ҳуқуқ дорад, ки шикоят кунад. Шикоят дар як моҳ баррасӣ мешавад.",
        "Ӯзбекистон ва Қирғизистон ҳамсояҳои мо мебошанд.",
        "Маърузаҳои Раҳимов ва Назарова дар маҷалла чоп шуданд.",
    ];

    private static IReadOnlyList<LearnedAbbreviation> LearnFrom(IEnumerable<string> texts, int copies = 3)
    {
        var counts = new AbbreviationCounts();
        for (var i = 0; i < copies; i++)
        {
            foreach (var text in texts)
            {
                counts.Add(text);
            }
        }

        return AbbreviationLearner.Learn(counts);
    }

    [Fact]
    public void Short_types_that_end_in_a_period_before_names_numbers_and_lower_case_words_are_learned()
    {
        var learned = LearnFrom(Domain).Select(a => a.Text).ToList();

        Assert.Contains("мас", learned);
        Assert.Contains("м", learned);
        Assert.Contains("д.и.ф", learned);
    }

    [Fact]
    public void Sentence_final_words_are_not_learned()
    {
        var learned = LearnFrom(Domain).Select(a => a.Text).ToList();

        Assert.DoesNotContain("шуд", learned);
        Assert.DoesNotContain("аст", learned);
        Assert.DoesNotContain("мешавад", learned);
    }

    [Fact]
    public void A_short_word_that_always_ends_a_sentence_before_an_opener_fails_the_continuation_test()
    {
        // "ҳа." passes the log-likelihood score (short, always with a period) but is always
        // followed by a sentence opener, never by a name, a number or a lower-case word.
        string[] texts = ["Ӯ гуфт: ҳа. Баъд рафт.", "Падар гуфт ҳа. Мо хушҳол шудем.", "Модар гуфт ҳа. Ин хуб аст."];

        var counts = new AbbreviationCounts();
        foreach (var text in texts)
        {
            counts.Add(text);
        }

        var loose = AbbreviationLearner.Learn(counts, new AbbreviationLearnerOptions { MinContinuationShare = 0 });
        var strict = AbbreviationLearner.Learn(counts);

        Assert.Contains(loose, a => a.Text == "ҳа");
        Assert.DoesNotContain(strict, a => a.Text == "ҳа");
    }

    [Fact]
    public void A_type_seen_often_without_its_period_is_penalised()
    {
        string[] texts = ["Вай ба мо ёрӣ дод.", "Мо ба вай мас. китоб додем.", "Ба ҳама мас. ба шумо ёрӣ дод.", "Ба мо ба."];

        var learned = LearnFrom(texts).Select(a => a.Text).ToList();

        Assert.DoesNotContain("ба", learned);
        Assert.Contains("мас", learned);
    }

    [Fact]
    public void Score_is_the_scaled_Dunning_log_likelihood_of_Kiss_and_Strunk()
    {
        // 10 times with a period, never without, p = 0.1, three letters:
        // −2·(10·ln 0.1 − 10·ln 0.99) · e^−3 = 45.8507 · 0.049787 = 2.28277.
        Assert.Equal(2.28277, AbbreviationLearner.Score(10, 0, 0.1, letters: 3, innerPeriods: 0), precision: 4);

        // Two inner periods triple it; one occurrence without the period divides it by the length.
        Assert.Equal(3 * 2.28277, AbbreviationLearner.Score(10, 0, 0.1, letters: 3, innerPeriods: 2), precision: 4);
        Assert.True(AbbreviationLearner.Score(10, 1, 0.1, letters: 3, innerPeriods: 0) < 2.28277 / 3);
    }

    [Fact]
    public void A_period_inside_a_web_address_or_file_name_is_no_evidence()
    {
        string[] texts = ["Сомонаи www.un.org ва www.un.org кушода шуд.", "Файли report.txt ва report.txt нест."];

        var learned = LearnFrom(texts).Select(a => a.Text).ToList();

        Assert.DoesNotContain("www", learned);
        Assert.DoesNotContain("report", learned);
    }

    [Fact]
    public void Nothing_is_learned_from_text_without_periods()
    {
        var counts = new AbbreviationCounts();
        counts.Add("Салом дунё");

        Assert.Empty(AbbreviationLearner.Learn(counts));
        Assert.Equal(2, counts.Tokens);
    }

    [Fact]
    public void Learned_rules_keep_the_issue_examples_whole_and_still_break_before_a_sentence_opener()
    {
        const string example = "Баъзе кишварҳои ҳамсоя, мас. Ӯзбекистон ва Қирғизистон, ба созишнома ҳамроҳ шуданд.";
        const string ended = "Дар ин бора бисёр навиштанд, мас. Дар ин ҷо ҳам.";
        var builtIn = Segmenter.Create(new SegmenterOptions { Language = "tg" });
        var learned = Segmenter.Create(new SegmenterOptions
        {
            Language = "tg",
            Rules = AbbreviationRules.Build("memory law", "tg", LearnFrom(Domain).Select(a => a.Text)),
        });

        Assert.Equal(2, builtIn.Segment(example).Count);
        Assert.Single(learned.Segment(example));
        Assert.Single(learned.Segment("Мувофиқи м. 15 Кодекси меҳнат рухсатӣ дода мешавад."));
        Assert.Equal(2, learned.Segment(ended).Count);
    }

    [Fact]
    public void Learned_rules_also_match_the_Russian_keyboard_spelling_of_a_Tajik_entry()
    {
        var rules = AbbreviationRules.Build("memory law", "tg", ["қ"]);
        var segmenter = Segmenter.Create(new SegmenterOptions { Language = "tg", Rules = rules });

        Assert.Single(segmenter.Segment("Тибқи к. 2 ин модда шартнома баста шуд."));
        Assert.Single(segmenter.Segment("Тибқи қ. Сомонӣ шартнома баста шуд."));
    }

    [Fact]
    public void Learned_rules_are_a_standalone_SRX_file_whose_language_rule_comes_first()
    {
        var srx = AbbreviationRules.BuildSrx("memory law", "tg-TJ", ["мас"]);
        var document = SrxDocument.Parse(srx);

        Assert.Equal(["memory law", "Tajik", "Common"], document.RuleNamesFor("tg-TJ"));
        Assert.Equal(["English", "Common"], document.RuleNamesFor("en"));
        Assert.Contains("мас", srx, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Мас.", "мас")]
    [InlineData(" д.и.ф ", "д.и.ф")]
    [InlineData("ш-к", "ш-к")]
    public void Entries_are_stored_lower_case_without_the_final_period(string entry, string stored)
    {
        Assert.Equal(stored, AbbreviationRules.NormalizeEntry(entry, "abbreviation"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("мас 2")]
    [InlineData("(мас)")]
    [InlineData(".мас")]
    public void Bad_entries_are_rejected_naming_the_field(string entry)
    {
        var error = Assert.Throws<TarjumaException>(() => AbbreviationRules.NormalizeEntry(entry, "abbreviations"));

        Assert.Equal("abbreviations", error.Field);
    }
}
