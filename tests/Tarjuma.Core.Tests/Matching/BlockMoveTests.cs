using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>Issue #13: a block of tokens that moved costs a move, not a deletion and a re-insertion.</summary>
public sealed class BlockMoveTests
{
    private const string Source = "Баъд аз ҷаласаи тӯлонии ҳукумат, вазир ба хабарнигорон дар бораи буҷет маълумот дод.";
    private const string Swapped = "Вазир ба хабарнигорон дар бораи буҷет маълумот дод, баъд аз ҷаласаи тӯлонии ҳукумат.";

    private static int Score(string query, string source, MatchOptions options)
    {
        var q = Tokenizer.Tokenize(SegmentText.Plain(query), NumberConvention.DecimalComma).ToArray();
        var s = Tokenizer.Tokenize(SegmentText.Plain(source), NumberConvention.DecimalComma).ToArray();
        var distance = FuzzyScorer.Distance(q, s, options);
        return FuzzyScorer.ScoreFromDistance(distance, FuzzyScorer.Weight(q, options), FuzzyScorer.Weight(s, options));
    }

    [Fact]
    public void Swapped_clauses_score_in_the_sixties_to_eighties_instead_of_below_fifty()
    {
        var withMoves = Score(Swapped, Source, MatchOptions.Default);
        var withoutMoves = Score(Swapped, Source, MatchOptions.Default with { BlockMoves = false });
        Assert.InRange(withoutMoves, 0, 49);
        Assert.InRange(withMoves, 60, 89);
    }

    [Fact]
    public void A_move_costs_its_documented_penalty()
    {
        // "A B C D , E F ." → "E F , A B C D .": the block "E F" (weight 200) jumps "A B C D ," (weight 430),
        // the cheaper of the two spans; the comma then stands after "D" instead of after "F": deleted and inserted (2 × 30).
        var options = MatchOptions.Default;
        var q = Tokenizer.Tokenize(SegmentText.Plain("панҷ шаш, як ду се чор."), NumberConvention.DecimalComma).ToArray();
        var s = Tokenizer.Tokenize(SegmentText.Plain("як ду се чор, панҷ шаш."), NumberConvention.DecimalComma).ToArray();
        var expected = options.BlockMovePenalty + (options.MovedTokenPenalty * 200 / FuzzyScorer.EditCost) + (2 * options.PunctuationPenalty);
        Assert.Equal(expected, FuzzyScorer.Distance(q, s, options));
        Assert.True(expected < FuzzyScorer.Distance(q, s, options with { BlockMoves = false }));
    }

    [Fact]
    public void Alignment_of_a_move_pairs_every_moved_word_with_itself_and_agrees_with_the_distance()
    {
        var options = MatchOptions.Default;
        var q = Tokenizer.Tokenize(SegmentText.Plain(Swapped), NumberConvention.DecimalComma).ToArray();
        var s = Tokenizer.Tokenize(SegmentText.Plain(Source), NumberConvention.DecimalComma).ToArray();
        var steps = FuzzyScorer.Align(q, s, options, out var distance);
        Assert.Equal(FuzzyScorer.Distance(q, s, options), distance);
        Assert.Equal(Enumerable.Range(0, s.Length), steps.Where(x => x.SourceIndex >= 0).Select(x => x.SourceIndex).Order());
        Assert.Equal(Enumerable.Range(0, q.Length), steps.Where(x => x.QueryIndex >= 0).Select(x => x.QueryIndex));
        Assert.Contains(steps, x => x.QueryIndex >= 0 && x.SourceIndex >= 0 && x.QueryIndex < x.SourceIndex - 5);
    }

    [Fact]
    public void A_number_in_the_moved_clause_is_still_carried_into_the_target()
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, "Дар соли 2023, дар деҳаи мо мактаби нав сохта шуд.",
            "In 2023, a new school was built in our village."));
        var results = index.Search(MatchQuery.Plain("Дар деҳаи мо мактаби нав сохта шуд, дар соли 2024."), new MatchOptions { MinScore = 50 });
        var best = Assert.Single(results);
        Assert.InRange(best.Score, 60, 89);
        Assert.True(best.TargetAdjusted);
        Assert.Equal("In 2024, a new school was built in our village.", best.SuggestedTarget.Text);
    }

    [Fact]
    public void An_unrelated_sentence_sharing_a_moved_phrase_stays_below_seventy()
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, "Вазир ба хабарнигорон гуфт, ки нархи нон боло рафт.", "x"));
        var results = index.Search(MatchQuery.Plain("Нархи нон дар бозори шаҳр имсол дигар намешавад, вазир ба хабарнигорон."),
            new MatchOptions { MinScore = 0 });
        Assert.InRange(results.Count > 0 ? results[0].Score : 0, 0, 69);
    }

    [Fact]
    public void The_index_never_prunes_a_unit_whose_moved_score_passes()
    {
        // Many units share the query's words; the one with the clauses swapped scores 50-99 only through a move.
        var clauses = new[] { "дар деҳаи мо", "мактаби нав сохта шуд", "ҳукумат пул ҷудо кард", "роҳи нав кушода шуд", "бозори калон барпо шуд" };
        var units = new List<TranslationUnit>();
        var id = 1;
        foreach (var a in clauses)
        {
            foreach (var b in clauses)
            {
                if (!ReferenceEquals(a, b))
                {
                    units.Add(TestMemory.Unit(id++, $"{a}, {b}.", "x"));
                }
            }
        }

        using var index = TestMemory.Tajik([.. units]);
        var options = new MatchOptions { MinScore = 50, MaxResults = 50 };
        foreach (var unit in units)
        {
            var parts = unit.Source.Text.TrimEnd('.').Split(", ");
            var query = MatchQuery.Plain($"{parts[1]}, {parts[0]}.");
            var fast = index.Search(query, options);
            var full = index.SearchExhaustive(query, options);
            Assert.Equal(full.Select(r => (r.UnitId, r.Score)), fast.Select(r => (r.UnitId, r.Score)));
            Assert.Equal(100, fast[0].Score);
            Assert.Contains(fast, r => r.UnitId == unit.Id && r.Score is >= 50 and < 100);
        }
    }
}
