using System.Globalization;
using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>
/// The index against scoring every unit at the thresholds CAT tools use (issue #12): the same best
/// score and unit in at least 99.5 % of queries at min 30, 50 and 70, for 1 and 5 results, short
/// segments included. The memory is generated (deterministic): a Zipf-like vocabulary, so that
/// some terms are in most units as in real text, and units edited from a few hundred sentences.
/// </summary>
public sealed class LowThresholdTests
{
    private const int Units = 2_000;
    private const int QueriesPerKind = 100;

    private static readonly Lazy<(MemoryIndex Index, List<string> Long, List<string> Short)> Memory = new(Build);

    [Theory]
    [InlineData(70, 1)]
    [InlineData(70, 5)]
    [InlineData(50, 1)]
    [InlineData(50, 5)]
    [InlineData(30, 1)]
    [InlineData(30, 5)]
    public void Index_agrees_with_the_exhaustive_scan(int minScore, int maxResults)
    {
        var (index, longQueries, shortQueries) = Memory.Value;
        var options = new MatchOptions { MinScore = minScore, MaxResults = maxResults };
        var queries = longQueries.Concat(shortQueries).ToList();
        var disagreements = new List<string>();
        var matched = 0;
        foreach (var text in queries)
        {
            var query = MatchQuery.Plain(text);
            var fast = index.Search(query, options);
            var full = index.SearchExhaustive(query, options);
            matched += full.Count > 0 ? 1 : 0;
            Assert.True(fast.Count <= maxResults);
            Assert.All(fast, match => Assert.True(match.Score >= minScore));
            if (Best(fast) != Best(full))
            {
                disagreements.Add($"{text}: index {Best(fast)}, exhaustive {Best(full)}");
            }
        }

        // The queries must reach the thresholds, or the check says nothing.
        Assert.True(matched >= queries.Count / 3, string.Create(CultureInfo.InvariantCulture,
            $"only {matched} of {queries.Count} queries have a match at {minScore}"));
        Assert.True(disagreements.Count <= queries.Count * 0.005, string.Join('\n', disagreements));
    }

    [Fact]
    public void Five_results_at_a_low_threshold_are_the_exhaustive_scans_five()
    {
        var (index, longQueries, shortQueries) = Memory.Value;
        var options = new MatchOptions { MinScore = 30, MaxResults = 5 };
        var same = 0;
        var queries = longQueries.Take(30).Concat(shortQueries.Take(30)).ToList();
        foreach (var text in queries)
        {
            var query = MatchQuery.Plain(text);
            var fast = index.Search(query, options).Select(m => m.Score).ToList();
            var full = index.SearchExhaustive(query, options).Select(m => m.Score).ToList();
            same += fast.SequenceEqual(full) ? 1 : 0;
        }

        // The scores of all five, not only the best: the raised threshold must not drop a runner-up.
        Assert.True(same >= queries.Count - 1, string.Create(CultureInfo.InvariantCulture,
            $"{same} of {queries.Count} result lists scored as the exhaustive scan's"));
    }

    [Theory]
    [InlineData(70)]
    [InlineData(50)]
    [InlineData(30)]
    public void Units_tied_at_the_kth_score_are_the_exhaustive_scans_five_in_its_order(int minScore)
    {
        // A stored sentence's near-duplicates: one other word each, in every place (same score, same distance), and some with a number
        // put in, whose bound by shared terms is loose (the number is any number). Only the least distance, then the oldest unit, may
        // take the five places, so the index must not skip a tied unit that could win.
        var words = "Вазири корҳои хориҷӣ гуфт ки кишвари мо ҳеҷ гоҳ аз ин роҳ даст намекашад агар шартҳо иҷро нашаванд".Split(' ');
        var units = new List<Tarjuma.Core.Model.TranslationUnit>();
        var id = 1;
        foreach (var place in new[] { 9, 3, 12, 0, 7, 15, 5, 1, 11, 14, 2, 8, 4, 13, 6, 10 })
        {
            var copy = (string[])words.Clone();
            copy[place] = "калимаи" + place.ToString(CultureInfo.InvariantCulture);
            units.Add(TestMemory.Unit(id++, string.Join(' ', copy) + ".", "x"));
            units.Add(TestMemory.Unit(id++, string.Join(' ', words.Take(place).Append("19" + place.ToString("00", CultureInfo.InvariantCulture))
                .Concat(words.Skip(place))) + ".", "x"));
        }

        var index = TestMemory.Tajik([.. units]);
        var query = MatchQuery.Plain(string.Join(' ', words.Select((w, i) => i == 6 ? "онҳо" : w)) + ".");
        var options = new MatchOptions { MinScore = minScore, MaxResults = 5 };
        var all = index.SearchExhaustive(query, options with { MaxResults = 50 });
        Assert.True(all.Count(m => m.Score == all[4].Score) > 8, "the memory must tie many units at the fifth score, or the check says nothing");

        var fast = index.Search(query, options).Select(m => (m.UnitId, m.Score)).ToList();
        var full = index.SearchExhaustive(query, options).Select(m => (m.UnitId, m.Score)).ToList();
        Assert.Equal(full, fast);
    }

    private static (long Unit, int Score) Best(IReadOnlyList<MatchCandidate> matches) => matches.Count > 0 ? (matches[0].UnitId, matches[0].Score) : (-1, -1);

    private static (MemoryIndex, List<string>, List<string>) Build()
    {
        var random = new Random(20261130);

        // 600 made-up word forms; drawing the rank as ⌊600·u³⌋ makes the first few very common.
        var syllables = "ба да ка ма на ра са та фа ха ҷа ша ло мо но ро зо ди ки ми ни си ту ду му ну ру".Split(' ');
        var vocabulary = Enumerable.Range(0, 600)
            .Select(i => syllables[i % syllables.Length] + syllables[(i / syllables.Length) % syllables.Length] + (i >= 300 ? syllables[(i
                * 7) % syllables.Length] : string.Empty))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        string Word() => vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 3))];
        var sentences = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 3 + random.Next(22)).Select(_ => Word()).ToList()).ToList();

        List<string> Edited(List<string> words, int edits)
        {
            var copy = new List<string>(words);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(copy.Count);
                switch (random.Next(4))
                {
                    case 0:
                        copy[at] = Word();
                        break;
                    case 1:
                        copy.Insert(at, Word());
                        break;
                    case 2 when copy.Count > 2:
                        copy.RemoveAt(at);
                        break;
                    default:
                        copy.Insert(at, random.Next(1, 2030).ToString(CultureInfo.InvariantCulture));
                        break;
                }
            }

            return copy;
        }

        var index = new MemoryIndex(TestMemory.TajikLanguage, TestMemory.EnglishLanguage);
        for (var id = 1; id <= Units; id++)
        {
            var words = sentences[random.Next(sentences.Count)];
            index.Add(TestMemory.Unit(id, string.Join(' ', Edited(words, random.Next(5))) + ".", "x"));
        }

        var longQueries = Enumerable.Range(0, QueriesPerKind)
            .Select(_ => string.Join(' ', Edited(sentences.Where(s => s.Count >= 10).ElementAt(random.Next(100)), 1 + random.Next(6))) + ".")
            .ToList();
        var shortQueries = Enumerable.Range(0, QueriesPerKind)
            .Select(_ =>
            {
                var words = sentences[random.Next(sentences.Count)];
                var length = 2 + random.Next(4);
                var first = random.Next(Math.Max(1, words.Count - length + 1));
                return string.Join(' ', Edited(words.Skip(first).Take(length).ToList(), random.Next(2)));
            })
            .ToList();
        return (index, longQueries, shortQueries);
    }
}
