using System.Collections.Immutable;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>
/// The banded edit distance (<see cref="FuzzyScorer.PlainDistance"/> computes only the cells a path within its limit can
/// cross) against the whole table computed here, on random segments of words, letter and case variants, numbers, marks and
/// tags, random penalties (marks and tags free, cheap or full) and random limits: within the limit the same distance,
/// beyond it none.
/// </summary>
public sealed class BandedDistanceTests
{
    private static readonly string[] Words =
        ["хона", "ҳона", "Хона", "китоб", "дар", "ва", "мактаб", "шаҳр", "ӯ", "у", "12", "13", "3,5", "2024", "салом", ",", ".", "!", "—", "«", "»"];

    [Fact]
    public void Within_the_limit_the_banded_distance_is_the_whole_tables_and_beyond_it_none()
    {
        var random = new Random(20261130);
        var compared = 0;
        var within = 0;
        for (var trial = 0; trial < 3_000; trial++)
        {
            var options = new MatchOptions
            {
                PunctuationPenalty = random.Next(4) switch { 0 => 0, 1 => 1, 2 => 30, _ => 100 },
                TagInsertDeletePenalty = random.Next(3) switch { 0 => 0, 1 => 50, _ => 100 },
            };
            var query = Segment(random, random.Next(0, trial % 10 == 0 ? 60 : 14));
            var source = random.Next(3) == 0 ? Edit(random, query) : Segment(random, random.Next(0, 14));
            var queryTokens = Tokenizer.Tokenize(query, NumberConvention.DecimalComma).ToArray();
            var sourceTokens = Tokenizer.Tokenize(source, NumberConvention.DecimalComma).ToArray();
            var expected = WholeTable(queryTokens, sourceTokens, options);
            foreach (var limit in new[] { 0, random.Next(0, 150), random.Next(0, 600), expected, expected - 1, expected + 1, int.MaxValue })
            {
                if (limit < 0)
                {
                    continue;
                }

                var banded = FuzzyScorer.PlainDistance(queryTokens, sourceTokens, options, limit);
                Assert.True(banded == (expected <= limit ? expected : int.MaxValue),
                    $"'{query.Text}' / '{source.Text}', limit {limit}, punctuation {options.PunctuationPenalty}, tags {options.TagInsertDeletePenalty}: "
                    + $"banded {banded}, whole table {expected}");
                compared++;
                within += expected <= limit ? 1 : 0;
            }
        }

        // Both outcomes are exercised often, not only the trivial ones.
        Assert.True(within > 3_000 && compared - within > 3_000, $"{within} within the limit of {compared}");
    }

    /// <summary>The textbook table over all cells, the reference.</summary>
    private static int WholeTable(MatchToken[] query, MatchToken[] source, MatchOptions options)
    {
        var table = new int[query.Length + 1, source.Length + 1];
        for (var j = 1; j <= source.Length; j++)
        {
            table[0, j] = table[0, j - 1] + FuzzyScorer.InsertDelete(source[j - 1], options);
        }

        for (var i = 1; i <= query.Length; i++)
        {
            table[i, 0] = table[i - 1, 0] + FuzzyScorer.InsertDelete(query[i - 1], options);
            for (var j = 1; j <= source.Length; j++)
            {
                table[i, j] = Math.Min(table[i - 1, j - 1] + FuzzyScorer.Substitution(query[i - 1], source[j - 1], options),
                    Math.Min(table[i - 1, j] + FuzzyScorer.InsertDelete(query[i - 1], options),
                        table[i, j - 1] + FuzzyScorer.InsertDelete(source[j - 1], options)));
            }
        }

        return table[query.Length, source.Length];
    }

    private static SegmentText Segment(Random random, int words)
    {
        var parts = Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]).ToList();
        return WithTags(random, string.Join(' ', parts));
    }

    /// <summary>A few words changed, dropped or added: the near matches whose band is narrow.</summary>
    private static SegmentText Edit(Random random, SegmentText segment)
    {
        var parts = segment.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var edits = random.Next(0, 4); edits > 0; edits--)
        {
            var at = random.Next(parts.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < parts.Count:
                    parts[at] = Words[random.Next(Words.Length)];
                    break;
                case 1 when at < parts.Count:
                    parts.RemoveAt(at);
                    break;
                default:
                    parts.Insert(at, Words[random.Next(Words.Length)]);
                    break;
            }
        }

        return WithTags(random, string.Join(' ', parts));
    }

    private static SegmentText WithTags(Random random, string text)
    {
        var builder = ImmutableArray.CreateBuilder<InlineTag>();
        if (text.Length > 0 && random.Next(4) == 0)
        {
            var spaces = Enumerable.Range(0, text.Length).Where(i => text[i] == ' ').Append(text.Length).ToList();
            foreach (var position in spaces.Where(_ => random.Next(3) == 0).Order())
            {
                builder.Add(new InlineTag(InlineTagKind.Placeholder, position, "<ph x=\"1\"/>"));
            }
        }

        return new SegmentText(text, builder.ToImmutable());
    }
}
