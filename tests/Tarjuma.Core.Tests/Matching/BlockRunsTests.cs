using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>
/// The block-move search's runs (<see cref="BlockMove.LongestRuns"/>: pairs found through the source sorted by key) against the
/// whole table of token pairs computed here: the same blocks in the same order, ties included, on random segments with many
/// repeated words, marks and numbers.
/// </summary>
public sealed class BlockRunsTests
{
    private static readonly string[] Words = ["ва", "дар", "хона", "ҳона", "Хона", "китоб", "12", "13", ",", ".", "!", "ӯ", "мактаб", "шаҳр"];

    [Fact]
    public void The_runs_found_by_key_are_the_whole_tables_in_the_same_order()
    {
        var random = new Random(1130);
        var withBlocks = 0;
        for (var trial = 0; trial < 4_000; trial++)
        {
            var query = Tokens(random, random.Next(0, 40));
            var source = random.Next(2) == 0 ? Shuffled(random, query) : Tokens(random, random.Next(0, 40));
            foreach (var capacity in new[] { 2, 6 })
            {
                var found = new (int, int, int, int)[capacity];
                var expected = new (int, int, int, int)[capacity];
                var count = BlockMove.LongestRuns(query, source, MatchOptions.Default, found);
                var expectedCount = WholeTable(query, source, MatchOptions.Default, expected);
                Assert.Equal(expected.Take(expectedCount), found.Take(count));
                withBlocks += count > 0 ? 1 : 0;
            }
        }

        Assert.True(withBlocks > 2_000, $"{withBlocks} comparisons with blocks");
    }

    /// <summary>The run search as it was: every pair of the table, query and source from the end.</summary>
    private static int WholeTable(MatchToken[] query, MatchToken[] source, MatchOptions options, Span<(int, int, int, int)> blocks)
    {
        var count = 0;
        for (var i = query.Length - 1; i >= 0; i--)
        {
            for (var j = source.Length - 1; j >= 0; j--)
            {
                var length = 0;
                while (i + length < query.Length && j + length < source.Length && BlockMove.Same(query[i + length], source[j + length]))
                {
                    length++;
                }

                if (length == 0 || i == j || (i > 0 && j > 0 && BlockMove.Same(query[i - 1], source[j - 1])))
                {
                    continue;
                }

                var block = source.AsSpan(j, length);
                var hasTerm = false;
                foreach (var token in block)
                {
                    hasTerm |= token.IsTermBearing;
                }

                if (!hasTerm)
                {
                    continue;
                }

                var weight = FuzzyScorer.Weight(block, options);
                var at = count;
                while (at > 0 && blocks[at - 1].Item4 < weight)
                {
                    at--;
                }

                if (at >= blocks.Length)
                {
                    continue;
                }

                var kept = Math.Min(count, blocks.Length - 1);
                for (var k = kept; k > at; k--)
                {
                    blocks[k] = blocks[k - 1];
                }

                blocks[at] = (i, j, length, weight);
                count = kept + 1;
            }
        }

        return count;
    }

    private static MatchToken[] Tokens(Random random, int words) =>
        Tokenizer.Tokenize(SegmentText.Plain(string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]))),
            NumberConvention.DecimalComma).ToArray();

    /// <summary>The same tokens with one stretch moved elsewhere and a word or two changed: the clause swaps the search is for.</summary>
    private static MatchToken[] Shuffled(Random random, MatchToken[] tokens)
    {
        var list = tokens.ToList();
        if (list.Count > 3)
        {
            var from = random.Next(list.Count - 2);
            var length = random.Next(1, Math.Min(8, list.Count - from));
            var moved = list.GetRange(from, length);
            list.RemoveRange(from, length);
            list.InsertRange(random.Next(list.Count + 1), moved);
        }

        if (list.Count > 0 && random.Next(2) == 0)
        {
            list[random.Next(list.Count)] = Tokens(random, 1).FirstOrDefault();
        }

        return [.. list];
    }
}
