using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

public sealed class ScoringTests
{
    public static TheoryData<string, string, string, int, int> Cases()
    {
        var data = new TheoryData<string, string, string, int, int>();
        foreach (var f in MatchingData.Rows("scores.tsv", 5))
        {
            data.Add(f[0], f[1], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[4],
                System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_lies_in_the_golden_range(string name, string query, string source, int lowest, int highest)
    {
        // The translation repeats the source so that placeables can be carried over.
        using var index = TestMemory.Tajik(TestMemory.Unit(1, source, source));
        var results = index.Search(MatchQuery.Plain(query), new MatchOptions { MinScore = 0 });
        var score = results.Count > 0 ? results[0].Score : 0;
        Assert.True(score >= lowest && score <= highest, $"{name}: score {score} outside {lowest}-{highest}");
    }

    [Fact]
    public void Identical_with_matching_neighbours_is_an_in_context_match()
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, "Ҳаво гарм аст.", "It is warm.", previous: "Имрӯз якшанбе.", next: "Мо ба боғ рафтем."));
        var inContext = index.Search(MatchQuery.Plain("Ҳаво гарм аст.") with { PreviousSource = "Имрӯз якшанбе.", NextSource = "Мо ба боғ рафтем." });
        var otherContext = index.Search(MatchQuery.Plain("Ҳаво гарм аст.") with { PreviousSource = "Дирӯз шанбе буд.", NextSource = "Мо ба боғ рафтем." });
        Assert.Equal(MatchOptions.InContextScore, inContext[0].Score);
        Assert.Equal(100, otherContext[0].Score);
    }

    [Fact]
    public void Each_small_difference_costs_less_than_a_changed_word()
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, "Мактаб дар деҳаи мо нав сохта шуд.", "x"));
        int Score(string q) => index.Search(MatchQuery.Plain(q), new MatchOptions { MinScore = 0 })[0].Score;
        var wordChanged = Score("Мактаб дар деҳаи мо нав таъмир шуд.");
        Assert.True(Score("мактаб дар деҳаи мо нав сохта шуд.") > wordChanged);
        Assert.True(Score("Мактаб дар дехаи мо нав сохта шуд.") > wordChanged);
        Assert.True(Score("Мактаб дар деҳаи мо нав сохта шуд") > wordChanged);
    }

    [Fact]
    public void A_number_that_cannot_be_carried_into_the_target_costs_a_full_edit()
    {
        using var repairable = TestMemory.Tajik(TestMemory.Unit(1, "Соли 2023 мактаб сохта шуд.", "The school was built in 2023."));
        using var unrepairable = TestMemory.Tajik(TestMemory.Unit(1, "Соли 2023 мактаб сохта шуд.", "The school was built last year."));
        var query = MatchQuery.Plain("Соли 2024 мактаб сохта шуд.");
        var options = new MatchOptions { MinScore = 0 };
        Assert.True(repairable.Search(query, options)[0].Score > unrepairable.Search(query, options)[0].Score);
    }

    [Fact]
    public void Weighted_distance_counts_tag_and_mark_penalties()
    {
        var options = MatchOptions.Default;
        var a = Tokenizer.Tokenize(SegmentText.Plain("Салом, дӯст"), NumberConvention.DecimalComma);
        var b = Tokenizer.Tokenize(SegmentText.Plain("Салом дӯст"), NumberConvention.DecimalComma);
        Assert.Equal(options.PunctuationPenalty, FuzzyScorer.Distance(a.ToArray(), b.ToArray(), options));
    }

    [Fact]
    public void Distance_gives_up_beyond_the_allowed_maximum()
    {
        var a = Tokenizer.Tokenize(SegmentText.Plain("як ду се чор панҷ"), NumberConvention.DecimalComma);
        var b = Tokenizer.Tokenize(SegmentText.Plain("шаш ҳафт ҳашт нӯҳ даҳ"), NumberConvention.DecimalComma);
        Assert.Equal(int.MaxValue, FuzzyScorer.Distance(a.ToArray(), b.ToArray(), MatchOptions.Default, maxDistance: 200));
        Assert.Equal(500, FuzzyScorer.Distance(a.ToArray(), b.ToArray(), MatchOptions.Default));
    }

    [Theory]
    [InlineData(-1, 5, "min_score")]
    [InlineData(102, 5, "min_score")]
    [InlineData(70, 0, "max_results")]
    [InlineData(70, 51, "max_results")]
    public void Invalid_options_name_the_field(int minScore, int maxResults, string field)
    {
        var error = Assert.Throws<TarjumaException>(() => new MatchOptions { MinScore = minScore, MaxResults = maxResults }.Validate());
        Assert.Equal(field, error.Field);
    }
}
