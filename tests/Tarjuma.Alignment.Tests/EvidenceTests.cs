using Tarjuma.Alignment.Evidence;

namespace Tarjuma.Alignment.Tests;

public sealed class EvidenceTests
{
    public static TheoryData<string, string, string> Names => TestData.ThreeColumns("names.tsv");

    public static TheoryData<string, string, string> Anchors => TestData.ThreeColumns("anchors.tsv");

    [Theory]
    [MemberData(nameof(Names))]
    public void Tajik_name_matches_its_English_spelling_through_transliteration(string tajik, string english, string expected)
    {
        var same = NameMatcher.Similar(TajikTransliterator.ToLatin(tajik), TajikTransliterator.Fold(english));

        Assert.Equal(bool.Parse(expected), same);
    }

    [Theory]
    [MemberData(nameof(Anchors))]
    public void Numbers_and_dates_are_shared_across_the_two_conventions(string tajik, string english, string expected)
    {
        var source = SentenceAnalyzer.Analyze(tajik, tajik: true, transliterate: true);
        var target = SentenceAnalyzer.Analyze(english, tajik: false, transliterate: true);

        Assert.Equal(int.Parse(expected), source.Anchors.Intersect(target.Anchors).Count());
    }

    [Fact]
    public void Latin_token_inside_Tajik_text_is_found_in_the_English_sentence()
    {
        var source = SentenceAnalyzer.Analyze("Маълумот дар сомонаи https://example.org/news ва дар NATO паҳн шуд.", tajik: true, transliterate: true);
        var target = SentenceAnalyzer.Analyze("The news was shared on https://example.org/news and by NATO.", tajik: false, transliterate: true);

        Assert.Equal(2, source.Latin.Intersect(target.Words).Count());
    }

    [Fact]
    public void E_mail_address_inside_Tajik_text_is_one_Latin_token_found_in_the_English_sentence()
    {
        var source = SentenceAnalyzer.Analyze("Саволҳоро ба Info@Khovar.tj фиристед.", tajik: true, transliterate: true);
        var target = SentenceAnalyzer.Analyze("Send questions to info@khovar.tj.", tajik: false, transliterate: true);

        Assert.Single(source.Latin);
        Assert.Single(source.Latin.Intersect(target.Words));
    }

    [Fact]
    public void Question_marks_and_quotes_are_counted()
    {
        var evidence = SentenceAnalyzer.Analyze("Ӯ пурсид: «Шумо кай меоед?»", tajik: true, transliterate: true);

        Assert.Equal(new PunctuationCounts(1, 0, 2, 0), evidence.Punctuation);
    }

    [Fact]
    public void Lexicon_learns_a_word_pair_that_recurs_and_ignores_a_chance_pair()
    {
        (string, string)[] pairs =
        [
            ("Китоби нав дар мактаб аст.", "The new book is at school."),
            ("Ман китобро хондам.", "I read the book."),
            ("Китоби ӯ дар хона монд.", "His book stayed at home."),
            ("Дарахт дар боғ калон шуд.", "The tree in the garden grew tall."),
            ("Бародарам ба мактаб рафт.", "My brother went to school."),
            ("Мактаби мо нав аст.", "Our school is new."),
        ];

        var lexicon = BilingualLexicon.Learn(pairs);

        Assert.Contains("book", lexicon.Translations("китоб"));
        Assert.Contains("schoo", lexicon.Translations("макта"));
        Assert.Empty(lexicon.Translations("дарах"));
    }

    [Fact]
    public void Length_model_estimates_the_ratio_from_pairs()
    {
        var model = LengthModel.Estimate([(100, 80), (200, 160), (50, 40)]);

        Assert.Equal(0.8, model.Ratio, precision: 6);
        Assert.True(model.Cost(100, 80) < model.Cost(100, 160));
    }

    [Fact]
    public void Tajik_speech_dash_counts_as_the_pair_of_quotes_English_writes()
    {
        var tajik = SentenceAnalyzer.Analyze("- Ин рӯзи хуб аст, — гуфт муаллим.", tajik: true, transliterate: true);
        var english = SentenceAnalyzer.Analyze("\"This is a good day,\" the teacher said.", tajik: false, transliterate: true);

        Assert.Equal(0, tajik.Punctuation.Difference(english.Punctuation));
    }

    [Fact]
    public void A_repeated_name_is_kept_once()
    {
        var evidence = SentenceAnalyzer.Analyze("Тоҷикистон ва Қазоқистон, Тоҷикистон ва Қазоқистон.", tajik: true, transliterate: true);

        Assert.Equal(evidence.Names.Distinct(StringComparer.Ordinal).Count(), evidence.Names.Length);
        Assert.Equal(2, evidence.Names.Length);
    }

    [Fact]
    public void Length_ratio_moves_towards_the_document_but_keeps_the_prior_for_short_ones()
    {
        var model = new LengthModel(0.9, 3);
        SentenceEvidence[] Sentences(int count, int length) => [.. Enumerable.Range(0, count).Select(_ => new SentenceEvidence(length, [], [], [], [], [], [],
            default))];

        var longDocument = model.ForDocument(Sentences(100, 100), Sentences(100, 110));
        var shortDocument = model.ForDocument(Sentences(1, 100), Sentences(1, 110));
        var skewed = model.ForDocument(Sentences(100, 100), Sentences(100, 400));

        Assert.InRange(longDocument.Ratio, 1.05, 1.1);
        Assert.InRange(shortDocument.Ratio, 0.9, 0.95);
        Assert.Equal(0.9 * LengthModel.MaxAdaptation, skewed.Ratio, precision: 6);
        Assert.Equal(model.Variance, longDocument.Variance);
    }
}
