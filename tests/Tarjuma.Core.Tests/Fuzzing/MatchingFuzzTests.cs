using FsCheck;
using FsCheck.Fluent;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tests.Matching;

namespace Tarjuma.Core.Tests.Fuzzing;

/// <summary>The normaliser and the scorer on any text, unpaired surrogates included.</summary>
public sealed class MatchingFuzzTests
{
    private static readonly Gen<string> Sentences = Gen.OneOf(
        Fuzz.AnyText(120),
        Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("Ҳаво", "гарм", "аст", "мо", "ба", "мактаб", "меравем", "2024", "3,5", "12.05.2024", "<b>",
            ".", ",", "!", "ӯ", "у\u0304", "www.example.tj", "Душанбе"), n))
            .Select(words => string.Join(' ', words)));

    [Fact]
    public void Normalising_is_idempotent_and_never_throws()
    {
        Prop.ForAll(Fuzz.AnyText(200).ToArbitrary(), text =>
        {
            var once = TextNormalizer.ToNfc(text);
            return string.Equals(once, TextNormalizer.ToNfc(once), StringComparison.Ordinal)
                && string.Equals(TextFolding.Fold(once), TextFolding.Fold(TextFolding.Fold(once)), StringComparison.Ordinal);
        }).Check(Fuzz.Config());
    }

    [Fact]
    public void Scores_lie_in_0_to_101_and_a_segment_matches_itself_fully()
    {
        Prop.ForAll(Gen.Zip(Sentences, Sentences).ToArbitrary(), pair =>
        {
            var (query, source) = pair;
            var score = Score(query, source);
            Assert.InRange(score, 0, MatchOptions.InContextScore);
            if (!string.IsNullOrWhiteSpace(source) && Score(source, source) is var self && self > 0)
            {
                Assert.InRange(self, 100, MatchOptions.InContextScore);
            }

            return true;
        }).Check(Fuzz.Config(200));
    }

    [Fact]
    public void Edit_distance_is_symmetric()
    {
        var options = new MatchOptions();
        Prop.ForAll(Gen.Zip(Sentences, Sentences).ToArbitrary(), pair =>
        {
            var a = Tokenizer.Tokenize(SegmentText.Plain(pair.Item1), NumberConvention.DecimalComma);
            var b = Tokenizer.Tokenize(SegmentText.Plain(pair.Item2), NumberConvention.DecimalComma);
            return FuzzyScorer.Distance(a.ToArray(), b.ToArray(), options) == FuzzyScorer.Distance(b.ToArray(), a.ToArray(), options);
        }).Check(Fuzz.Config(200));
    }

    private static int Score(string query, string source)
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, source, source));
        var results = index.Search(MatchQuery.Plain(query), new MatchOptions { MinScore = 0 });
        return results.Count > 0 ? results[0].Score : 0;
    }
}
