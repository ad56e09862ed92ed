using System.Collections.Immutable;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>
/// Issue #12: the index drops units by a lower bound of their distance (<see cref="FuzzyScorer.LeastDistance"/>) before scoring
/// them. A bound above a true distance would lose a match silently, so it is checked against the scorer itself on generated
/// segments full of what makes tokens pair cheaply or not: case and Tajik letter variants of the same word, repeated words, numbers
/// with other values, marks, tags, words in another order (block moves), and any penalties the options allow.
/// </summary>
public sealed class DistanceBoundTests
{
    // Each line is one term written several ways (case, letters typed as Russian ones): all fold to the same index term.
    private static readonly string[][] Words =
    [
        ["шаҳр", "Шаҳр", "шахр", "ШАҲР"],
        ["ҷавон", "чавон", "Ҷавон"],
        ["қонун", "конун", "Қонун"],
        ["ғалла", "галла"],
        ["ӯ", "у", "Ӯ"],
        ["ва"],
        ["дар", "Дар"],
        ["мактаб"],
        ["нав"],
        ["ҳукумат", "хукумат"],
        ["дӯст"],
        ["барои"],
    ];

    private static readonly string[] Others = ["2021", "3,5", "15", "1999", ",", ".", "!", "«", "»", "—", "?", "("];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_least_distance_is_never_above_the_distance(int seed)
    {
        var random = new Random(seed);
        var checkedPairs = 0;
        var tight = 0;
        for (var i = 0; i < 4_000; i++)
        {
            var options = RandomOptions(random);
            var query = Tokens(Segment(random));
            var unit = random.Next(3) == 0 ? Tokens(Edited(random, query.Text)) : Tokens(Segment(random));
            if (!query.HasWords)
            {
                continue;
            }

            var shared = query.Terms.Intersect(unit.Terms, StringComparer.Ordinal).Count();
            var least = FuzzyScorer.LeastDistance(FuzzyScorer.Weight(query.Tokens, options), query.Terms.Count - shared,
                FuzzyScorer.Weight(unit.Tokens, options), unit.HasWords ? unit.Terms.Count - shared : 0);
            var distance = FuzzyScorer.Distance(query.Tokens, unit.Tokens, options);
            Assert.True(least <= distance, $"bound {least} above the distance {distance}: «{query.Text.Text}» / «{unit.Text.Text}»");
            checkedPairs++;
            tight += least == distance ? 1 : 0;
        }

        // The bound must also bite: on these small segments it is the exact distance for a good share of the pairs.
        Assert.True(checkedPairs > 3_000 && tight > checkedPairs / 10, $"{tight} of {checkedPairs} bounds were the distance");
    }

    [Theory]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(50)]
    [InlineData(60)]
    [InlineData(70)]
    [InlineData(80)]
    public void The_index_returns_what_scoring_every_unit_returns(int minScore)
    {
        // Small enough that no cap on candidates applies: every difference from the exhaustive scan would be a bound that dropped a
        // unit it should have kept.
        var random = new Random(minScore);
        var units = new List<TranslationUnit>();
        for (var id = 1; id <= 250; id++)
        {
            var text = units.Count > 0 && random.Next(3) == 0 ? Edited(random, units[random.Next(units.Count)].Source) : Segment(random);
            units.Add(new TranslationUnit { Id = id, Source = text, Target = SegmentText.Plain("x") });
        }

        using var index = TestMemory.Tajik([.. units]);
        var options = new MatchOptions { MinScore = minScore, MaxResults = 5, Candidates = 10_000 };
        var matched = 0;
        for (var q = 0; q < 300; q++)
        {
            var query = new MatchQuery(random.Next(2) == 0 ? Edited(random, units[random.Next(units.Count)].Source) : Segment(random));
            var full = index.SearchExhaustive(query, options).Select(m => (m.UnitId, m.Score)).ToList();
            var fast = index.Search(query, options).Select(m => (m.UnitId, m.Score)).ToList();
            Assert.True(full.SequenceEqual(fast), $"«{query.Text.Text}» ({query.Text.Tags.Length} tags): index {string.Join(' ', fast)}, "
                + $"exhaustive {string.Join(' ', full)}");
            matched += full.Count;
        }

        Assert.True(matched >= 50, $"only {matched} matches at min {minScore}: the check says little");
    }

    [Fact]
    public void A_candidates_remaining_terms_are_counted_in_every_kind_of_list()
    {
        // Issue #12: past the prefix lists a candidate's terms are counted in a list with a bitmap (4,096 units or more), by a
        // binary search (a list much longer than the candidates) or by walking the list (the others). An 8-word query at min 70
        // counts its 3 rarest lists, and a unit must share T = 6 of its 8 terms. The unit with two of the rare words replaced
        // (score 75) shares exactly 6: it is lost if any way of counting misses one. One result and one candidate ranked make
        // the candidates (about 50 units with a rare word) more than are left to be checked lazily.
        string[] query = ["нодир1", "нодир2", "нодир3", "миёна4", "миёна5", "зиёд6", "зиёд7", "бисёр8"];
        var random = new Random(12);
        var filler = Enumerable.Range(0, 300).Select(i => "пур" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var units = new List<TranslationUnit>();
        for (var id = 1; id <= 5_000; id++)
        {
            var words = Enumerable.Range(0, 8).Select(_ => filler[random.Next(filler.Length)]).ToArray();
            words[0] = id % 100 == 0 ? query[random.Next(3)] : words[0];
            words[1] = id % 16 == 0 ? query[3 + random.Next(2)] : words[1];
            words[2] = id % 2 == 0 ? query[5 + random.Next(2)] : words[2];
            words[3] = id % 10 != 0 ? query[7] : words[3];
            units.Add(TestMemory.Unit(id, string.Join(' ', words), "x"));
        }

        var near = (string[])query.Clone();
        near[1] = "дигар";
        near[2] = "дигаре";
        units.Add(TestMemory.Unit(9_999, string.Join(' ', near), "x"));
        using var index = TestMemory.Tajik([.. units]);
        var options = new MatchOptions { MinScore = 70, MaxResults = 1, Candidates = 1 };
        var text = MatchQuery.Plain(string.Join(' ', query));
        Assert.Equal([(9_999L, 75)], index.SearchExhaustive(text, options).Select(m => (m.UnitId, m.Score)));
        Assert.Equal([(9_999L, 75)], index.Search(text, options).Select(m => (m.UnitId, m.Score)));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(50)]
    public void A_common_list_counted_by_its_short_units_gives_what_scoring_every_unit_gives(int minScore)
    {
        // Issue #12: a list with a bitmap also keeps its units by word count, and a short query counts only its short units there
        // (those a unit met first in it may have), looking up the longer units met in a rarer list first in the bitmap. Every unit
        // holds a number, so the number's class list has a bitmap; units of a rare word and a number have 1–12 words, so some are
        // too long to be met first in the class list and must still have it counted.
        var random = new Random(minScore + 7);
        var filler = Enumerable.Range(0, 200).Select(i => "пур" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var rare = Enumerable.Range(0, 20).Select(i => "нодир" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        string[] numbers = ["1999", "2015", "307", "12", "2026"];
        var units = new List<TranslationUnit>();
        for (var id = 1; id <= 6_000; id++)
        {
            var words = Enumerable.Range(0, random.Next(12)).Select(_ => filler[random.Next(filler.Length)]).ToList();
            words.Insert(random.Next(words.Count + 1), numbers[random.Next(numbers.Length)]);
            if (random.Next(25) == 0)
            {
                words.Insert(random.Next(words.Count + 1), rare[random.Next(rare.Length)]);
            }

            units.Add(TestMemory.Unit(id, string.Join(' ', words), "x"));
        }

        using var index = TestMemory.Tajik([.. units]);

        // The lists by word count are built as units are added, and again when a snapshot is read: both are checked.
        var path = Path.Combine(Path.GetTempPath(), $"tarjuma-short-lists-{Guid.NewGuid():N}.tjix");
        using (var file = File.Create(path))
        {
            index.WriteSnapshot(file, new IndexSnapshotInfo("tg-en", 0, 0));
        }

        var (read, _) = MemoryIndex.ReadSnapshot(path);
        File.Delete(path);
        using var fromSnapshot = read;
        var options = new MatchOptions { MinScore = minScore, MaxResults = 5, Candidates = 10_000 };
        var matched = 0;
        for (var q = 0; q < 60; q++)
        {
            List<string> words = [numbers[random.Next(numbers.Length)], rare[random.Next(rare.Length)]];
            if (q % 3 == 2)
            {
                words.Add(filler[random.Next(filler.Length)]);
            }

            var query = MatchQuery.Plain(string.Join(' ', q % 2 == 0 ? words : Enumerable.Reverse(words)));
            var full = index.SearchExhaustive(query, options).Select(m => (m.UnitId, m.Score)).ToList();
            var fast = index.Search(query, options).Select(m => (m.UnitId, m.Score)).ToList();
            var loaded = fromSnapshot.Search(query, options).Select(m => (m.UnitId, m.Score)).ToList();
            Assert.True(full.SequenceEqual(fast), $"«{query.Text.Text}»: index {string.Join(' ', fast)}, exhaustive {string.Join(' ', full)}");
            Assert.True(full.SequenceEqual(loaded), $"«{query.Text.Text}»: read index {string.Join(' ', loaded)}, exhaustive {string.Join(' ', full)}");
            matched += full.Count;
        }

        Assert.True(matched >= 100, $"only {matched} matches at min {minScore}: the check says little");
    }

    [Theory]
    [InlineData("«Ӯ»!", 30, 1)]
    [InlineData("— .", 50, 2)]
    [InlineData("…", 30, 2)]
    public void Units_sharing_no_term_are_found_when_marks_alone_reach_the_minimum(string query, int minScore, long expected)
    {
        // «Ӯ»! against «Дар»!: one word replaced (100) over 190, score 47. — . against .: the dash deleted (30) over 60, score 50.
        // The term lists cannot find these (no word in common; a query of marks is indexed by marks, a unit with words by its words).
        using var index = TestMemory.Tajik(
            TestMemory.Unit(1, "«Дар»!", "x"),
            TestMemory.Unit(2, ".", "x"),
            TestMemory.Unit(3, "Мактаби нав.", "x"));
        var options = new MatchOptions { MinScore = minScore, MaxResults = 5 };
        var full = index.SearchExhaustive(MatchQuery.Plain(query), options).Select(m => (m.UnitId, m.Score)).ToList();
        Assert.Contains(full, m => m.UnitId == expected);
        Assert.Equal(full, index.Search(MatchQuery.Plain(query), options).Select(m => (m.UnitId, m.Score)));
    }

    private static MatchOptions RandomOptions(Random random) => random.Next(3) == 0
        ? MatchOptions.Default
        : new MatchOptions
        {
            CasePenalty = random.Next(101),
            LetterVariantPenalty = random.Next(101),
            PunctuationPenalty = random.Next(101),
            VariantPenalty = random.Next(101),
            PlaceablePenalty = random.Next(101),
            TagPenalty = random.Next(101),
            TagInsertDeletePenalty = random.Next(101),
            BlockMovePenalty = random.Next(101),
            MovedTokenPenalty = random.Next(101),
            BlockMoves = random.Next(4) != 0,
        };

    private static SegmentText Segment(Random random)
    {
        var parts = new List<string>();
        var length = 1 + random.Next(9);
        for (var i = 0; i < length; i++)
        {
            parts.Add(Token(random));
        }

        return WithTags(random, parts);
    }

    private static string Token(Random random)
    {
        if (random.Next(4) == 0)
        {
            return Others[random.Next(Others.Length)];
        }

        // Low ranks more often, so that words repeat within a segment and across the memory.
        var forms = Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 2))];
        return forms[random.Next(forms.Length)];
    }

    /// <summary>A few edits of a segment: a word written another way, a token replaced, dropped, added, or a run moved to the front.</summary>
    private static SegmentText Edited(Random random, SegmentText segment)
    {
        var parts = segment.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var edits = random.Next(2) == 0 ? 1 : random.Next(2, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(parts.Count + 1);
            switch (random.Next(5))
            {
                case 0 when at < parts.Count:
                    parts[at] = Token(random);
                    break;
                case 4 when at < parts.Count && Array.Find(Words, forms => forms.Contains(parts[at])) is { } forms:
                    parts[at] = forms[random.Next(forms.Length)];
                    break;
                case 1 when at < parts.Count && parts.Count > 1:
                    parts.RemoveAt(at);
                    break;
                case 2 when at > 0 && at < parts.Count:
                    parts = [.. parts.Skip(at), .. parts.Take(at)];
                    break;
                default:
                    parts.Insert(at, Token(random));
                    break;
            }
        }

        return WithTags(random, parts);
    }

    private static SegmentText WithTags(Random random, List<string> parts)
    {
        var text = string.Join(' ', parts);
        var tags = ImmutableArray.CreateBuilder<InlineTag>();
        if (random.Next(4) == 0)
        {
            var spaces = Enumerable.Range(0, text.Length).Where(i => text[i] == ' ').Prepend(0).Append(text.Length).Distinct();
            foreach (var position in spaces.Where(_ => random.Next(3) == 0))
            {
                tags.Add(new InlineTag(InlineTagKind.Placeholder, position, random.Next(2) == 0 ? "<ph x=\"1\"/>" : "<ph x=\"2\">b</ph>"));
            }
        }

        return new SegmentText(TextNormalizer.ToNfc(text), tags.ToImmutable());
    }

    private static (SegmentText Text, MatchToken[] Tokens, HashSet<string> Terms, bool HasWords) Tokens(SegmentText text)
    {
        var tokens = Tokenizer.Tokenize(text, NumberConvention.DecimalComma);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var fold = new char[Math.Max(1, text.Text.Length)];
        SegmentTerms.Visit(text.Text, tokens, fold, ref terms, static (ref HashSet<string> set, ReadOnlySpan<char> term) => set.Add(term.ToString()));
        return (text, [.. tokens], terms, tokens.Exists(t => t.IsTermBearing));
    }
}
