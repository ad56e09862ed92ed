using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Evaluation.Matching;

/// <summary>
/// Queries whose two clauses swapped places ("A, B." → "B, A."): every word is still there, so the
/// unit the query came from should still score in the 60s–80s (issue #13). Both sides of every pair.
/// </summary>
internal static class ClauseSwapEvaluation
{
    public static ClauseSwapReport Run(IReadOnlyList<QualityPair> pairs)
    {
        var (tajikIndex, englishIndex) = MatchQualityEvaluation.Memories(pairs);
        using var tajikOwner = tajikIndex;
        using var englishOwner = englishIndex;

        var moves = new MatchOptions { MinScore = 50, MaxResults = 1 };
        var plain = moves with { BlockMoves = false };
        List<int> before = [], after = [];
        var found = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            foreach (var (index, text) in new[] { (tajikIndex, pairs[i].Tajik), (englishIndex, pairs[i].English) })
            {
                if (Swap(text) is not { } query)
                {
                    continue;
                }

                before.Add(Score(query, text, index.Convention, plain));
                after.Add(Score(query, text, index.Convention, moves));
                var results = index.Search(MatchQuery.Plain(query), moves);
                found += results.Count > 0 && string.Equals(results[0].Source.Text, text, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        return new ClauseSwapReport(before, after, found);
    }

    /// <summary>
    /// "A, B." → "B, a." at the ", " nearest the middle with at least three words on each side;
    /// null when there is none. The moved clause's first letter takes the case of the sentence start.
    /// </summary>
    internal static string? Swap(string text)
    {
        var body = text.TrimEnd();
        var end = body.Length > 0 && body[^1] is '.' or '!' or '?' ? body[^1..] : string.Empty;
        body = body[..^end.Length];
        var best = -1;
        for (var at = body.IndexOf(", ", StringComparison.Ordinal); at >= 0; at = body.IndexOf(", ", at + 2, StringComparison.Ordinal))
        {
            if (Words(body[..at]) >= 3 && Words(body[(at + 2)..]) >= 3
                && (best < 0 || Math.Abs(at - (body.Length / 2)) < Math.Abs(best - (body.Length / 2))))
            {
                best = at;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var first = body[..best];
        var second = body[(best + 2)..];
        return string.Concat(Capitalize(second, upper: true), ", ", Capitalize(first, upper: false), end);
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Changes the first letter's case unless the word looks like an acronym or a name in capitals.</summary>
    private static string Capitalize(string text, bool upper)
    {
        if (text.Length < 2 || !char.IsLetter(text[0]) || char.IsUpper(text[1]))
        {
            return text;
        }

        var letter = upper ? char.ToUpperInvariant(text[0]) : char.ToLowerInvariant(text[0]);
        return string.Concat(new string(letter, 1), text.AsSpan(1));
    }

    /// <summary>The fuzzy score of <paramref name="source"/> for <paramref name="query"/>, as a lookup computes it.</summary>
    internal static int Score(string query, string source, NumberConvention convention, MatchOptions options)
    {
        var q = Tokenizer.Tokenize(SegmentText.Plain(query), convention).ToArray();
        var s = Tokenizer.Tokenize(SegmentText.Plain(source), convention).ToArray();
        var distance = FuzzyScorer.Distance(q, s, options);
        return Math.Min(99, FuzzyScorer.ScoreFromDistance(distance, FuzzyScorer.Weight(q, options), FuzzyScorer.Weight(s, options)));
    }
}
