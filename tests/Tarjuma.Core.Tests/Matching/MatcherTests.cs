using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Tests.Matching;

public sealed class MatcherTests
{
    [Fact]
    public void Several_memories_are_merged_with_their_penalties()
    {
        using var trusted = TestMemory.Tajik(TestMemory.Unit(1, "Президент ба Душанбе омад.", "The President arrived in Dushanbe."));
        using var other = TestMemory.Tajik(TestMemory.Unit(1, "Президент ба Душанбе омад.", "President come Dushanbe."));
        var results = Matcher.Lookup([new MemorySearch("other", other, Penalty: 5), new MemorySearch("trusted", trusted)],
            MatchQuery.Plain("Президент ба Душанбе омад."));
        Assert.Equal(["trusted", "other"], results.Select(r => r.Memory));
        Assert.Equal([100, 95], results.Select(r => r.Score));
    }

    [Fact]
    public void A_penalty_can_push_a_match_below_the_minimum()
    {
        using var memory = TestMemory.Tajik(TestMemory.News());
        var query = MatchQuery.Plain("Президент ба Хуҷанд омад.");
        var unpenalised = Matcher.Lookup([new MemorySearch("news", memory)], query);
        var penalised = Matcher.Lookup([new MemorySearch("news", memory, Penalty: 30)], query);
        Assert.NotEmpty(unpenalised);
        Assert.Empty(penalised);
    }

    [Fact]
    public void Analysis_counts_segments_words_and_characters_per_band()
    {
        using var memory = TestMemory.Tajik(TestMemory.News());
        MatchQuery[] document =
        [
            MatchQuery.Plain("Президент ба Душанбе омад."),
            MatchQuery.Plain("Президент ба Хуҷанд омад."),
            MatchQuery.Plain("Кӯдакон дар ҳавлӣ футбол бозӣ мекунанд."),
            MatchQuery.Plain("Президент ба Душанбе омад."),
        ];
        var report = Matcher.Analyze([new MemorySearch("news", memory)], document);
        Assert.Equal(1, report[AnalysisBand.Exact].Segments);
        Assert.Equal(1, report[AnalysisBand.Repetition].Segments);
        Assert.Equal(1, report[AnalysisBand.NoMatch].Segments);
        Assert.Equal(1, report.Rows.Where(r => r.Band is AnalysisBand.Fuzzy75To84 or AnalysisBand.Fuzzy50To74).Sum(r => r.Segments));
        Assert.Equal(4, report[AnalysisBand.Exact].Words);
        Assert.Equal("Президентбадушанбеомад.".Length, report[AnalysisBand.Exact].Characters);
        Assert.Equal(document.Length, report.Segments);
    }

    [Theory]
    [InlineData(101, AnalysisBand.InContext)]
    [InlineData(100, AnalysisBand.Exact)]
    [InlineData(95, AnalysisBand.Fuzzy95To99)]
    [InlineData(94, AnalysisBand.Fuzzy85To94)]
    [InlineData(75, AnalysisBand.Fuzzy75To84)]
    [InlineData(50, AnalysisBand.Fuzzy50To74)]
    [InlineData(49, AnalysisBand.NoMatch)]
    [InlineData(-1, AnalysisBand.NoMatch)]
    public void Scores_fall_in_the_usual_bands(int score, AnalysisBand band)
    {
        Assert.Equal(band, Matcher.Band(score));
    }

    [Fact]
    public void Pretranslation_fills_segments_with_a_good_enough_match_and_carries_numbers()
    {
        using var memory = TestMemory.Tajik(TestMemory.News());
        var result = Matcher.Pretranslate(
            [new MemorySearch("news", memory)],
            [MatchQuery.Plain("Соли 2024 дар шаҳр се мактаб сохта шуд."), MatchQuery.Plain("Кӯдакон дар ҳавлӣ футбол бозӣ мекунанд.")],
            new MatchOptions { MinScore = 75 });
        Assert.Equal("In 2024 three schools were built in the city.", result[0].Match!.SuggestedTarget.Text);
        Assert.Null(result[1].Match);
        Assert.Equal([0, 1], result.Select(r => r.Index));
    }
}
