using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tarjuma.Core.Matching;

/// <summary>
/// Token-level weighted edit distance in the OmegaT tradition: score = 100 · (1 − distance / max(n, m))
/// over tokens (words, numbers, punctuation, tags), where differences that only one normalisation
/// layer or a placeable value explains cost a small penalty (<see cref="MatchOptions"/>) instead of a
/// full edit. Costs are integers in hundredths of an edit so scores are exact and reproducible.
/// </summary>
internal static class FuzzyScorer
{
    /// <summary>One full token edit (substitution, insertion, deletion), in hundredths.</summary>
    public const int EditCost = 100;

    /// <summary>Segments longer than this are matched exactly only: the quadratic table would be too big (pathological input).</summary>
    public const int MaxScoredTokens = 1_000;

    /// <summary>Widest source (in tokens) whose two table rows go on the stack; wider ones are rented.</summary>
    private const int StackRowLimit = 256;

    public static int Substitution(in MatchToken a, in MatchToken b, MatchOptions options)
    {
        if (a.Kind != b.Kind)
        {
            return EditCost;
        }

        if (a.Exact == b.Exact)
        {
            return 0;
        }

        if (a.Case == b.Case)
        {
            return a.Kind == TokenKind.Word ? options.CasePenalty : a.Kind == TokenKind.Tag ? options.TagPenalty : options.VariantPenalty;
        }

        if (a.Fold == b.Fold)
        {
            return a.Kind switch
            {
                TokenKind.Word => options.LetterVariantPenalty,
                TokenKind.Punctuation => options.PunctuationPenalty,
                TokenKind.Tag => options.TagPenalty,
                _ => options.PlaceablePenalty,
            };
        }

        return EditCost;
    }

    public static int InsertDelete(in MatchToken token, MatchOptions options) => token.Kind switch
    {
        TokenKind.Punctuation => options.PunctuationPenalty,
        TokenKind.Tag => options.TagInsertDeletePenalty,
        _ => EditCost,
    };

    /// <summary>
    /// The weighted length of a segment: the cost of inserting all its tokens (a word 100, a
    /// punctuation mark <see cref="MatchOptions.PunctuationPenalty"/>, a tag
    /// <see cref="MatchOptions.TagInsertDeletePenalty"/>), so that cheap tokens cannot inflate
    /// the length and lift the score of an unrelated segment full of marks.
    /// </summary>
    public static int Weight(int termBearing, int punctuation, int tags, MatchOptions options) =>
        (EditCost * termBearing) + (options.PunctuationPenalty * punctuation) + (options.TagInsertDeletePenalty * tags);

    public static int Weight(ReadOnlySpan<MatchToken> tokens, MatchOptions options)
    {
        var weight = 0;
        foreach (var token in tokens)
        {
            weight += InsertDelete(token, options);
        }

        return weight;
    }

    /// <summary>⌊100 · (1 − distance / max(weight, weight'))⌋, all in hundredths of an edit, clamped to 0–100.</summary>
    public static int ScoreFromDistance(int distance, int queryWeight, int sourceWeight)
    {
        long length = Math.Max(queryWeight, sourceWeight);
        if (length == 0)
        {
            return 100;
        }

        var score = ((100 * length) - (100L * distance)) / length;
        return (int)Math.Clamp(score, 0, 100);
    }

    /// <summary>
    /// A lower bound of the distance (hundredths, with or without a block move) from the weighted lengths and the index terms
    /// (<see cref="SegmentTerms"/>) one segment has and the other lacks (issue #12). A step costs less than the weight of a
    /// token it touches only when it substitutes a token of the same kind and folded key, which for a word or placeable is
    /// a token of the same term: every other step costs a full edit or the token's weight, and weights are at most a full
    /// edit. So the distance is at least max(W, W′) − C, with C the weight of the tokens paired cheaply (the same on both
    /// sides). Each term one side lacks leaves at least one full-weight token of the other unpaired, so C is at most
    /// W − 100·<paramref name="queryUnshared"/> and W′ − 100·<paramref name="sourceUnshared"/>. A move only reorders
    /// tokens. Pass 0 for a side whose terms are marks (a segment without words) or not all known.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LeastDistance(int queryWeight, int queryUnshared, int sourceWeight, int sourceUnshared)
    {
        var paired = Math.Min((long)queryWeight - (EditCost * (long)queryUnshared), (long)sourceWeight - (EditCost * (long)sourceUnshared));
        return Math.Max(queryWeight, sourceWeight) - Math.Max(0, paired);
    }

    /// <summary>The largest distance that still reaches <paramref name="minScore"/>.</summary>
    public static int MaxDistanceFor(int minScore, int queryWeight, int sourceWeight)
    {
        long length = Math.Max(queryWeight, sourceWeight);
        return (int)Math.Min(int.MaxValue - 1, Math.Max(0, (100 - Math.Min(minScore, 100)) * length / 100));
    }

    /// <summary>
    /// The weighted distance with at most one block move (<see cref="BlockMove"/>), or
    /// <see cref="int.MaxValue"/> when it exceeds <paramref name="maxDistance"/>.
    /// </summary>
    public static int Distance(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, int maxDistance = int.MaxValue)
    {
        var plain = PlainDistance(query, source, options, maxDistance);
        return BlockMove.Find(query, source, options, plain, maxDistance).Distance;
    }

    /// <summary>
    /// The weighted edit distance without moves, or <see cref="int.MaxValue"/> as soon as it must
    /// exceed <paramref name="maxDistance"/>. Only the band of cells a path within the limit can cross is computed
    /// (Ukkonen 1985, "Algorithms for approximate string matching", weighted): every step pairs or drops tokens, and a
    /// substitution of different kinds costs a full edit, at least the difference of their weights, so reaching cell (i, j)
    /// costs at least |Wq(i) − Ws(j)| and finishing from it at least the same difference of the remaining weights (W: the
    /// weighted lengths of the prefixes). Cells whose two bounds exceed the limit are never on a path within it, so the
    /// distance is exact whenever it is within the limit.
    /// </summary>
    public static int PlainDistance(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, int maxDistance = int.MaxValue)
    {
        if (query.Length > MaxScoredTokens || source.Length > MaxScoredTokens)
        {
            return int.MaxValue;
        }

        const int Unreachable = int.MaxValue / 2;
        var width = source.Length + 1;
        var height = query.Length + 1;
        var size = (width * 3) + height;
        int[]? rented = null;
        Span<int> buffer = size <= StackRowLimit * 4 ? stackalloc int[size] : (rented = ArrayPool<int>.Shared.Rent(size));
        try
        {
            var previous = buffer[..width];
            var current = buffer.Slice(width, width);
            var sourceWeight = buffer.Slice(width * 2, width);
            var queryWeight = buffer.Slice(width * 3, height);
            sourceWeight[0] = 0;
            for (var j = 1; j < width; j++)
            {
                sourceWeight[j] = sourceWeight[j - 1] + InsertDelete(source[j - 1], options);
            }

            queryWeight[0] = 0;
            for (var i = 1; i < height; i++)
            {
                queryWeight[i] = queryWeight[i - 1] + InsertDelete(query[i - 1], options);
            }

            // Cell (i, j) is in the band when |Wq(i) − Ws(j)| + |(Wq − Wq(i)) − (Ws − Ws(j))| ≤ limit, that is
            // 2·Wq(i) + Δ − limit ≤ 2·Ws(j) ≤ 2·Wq(i) + Δ + limit with Δ = Ws − Wq: an interval of j moving right with i.
            long limit = maxDistance;
            long delta = sourceWeight[width - 1] - queryWeight[height - 1];
            if (Math.Abs(delta) > limit)
            {
                return int.MaxValue;
            }

            int lo = 0, hi = -1;
            while (hi + 1 < width && 2L * sourceWeight[hi + 1] <= delta + limit)
            {
                hi++;
            }

            while (lo <= hi && 2L * sourceWeight[lo] < delta - limit)
            {
                lo++;
            }

            for (var j = lo; j <= hi; j++)
            {
                previous[j] = sourceWeight[j];
            }

            if (lo > 0)
            {
                previous[lo - 1] = Unreachable;
            }

            for (var i = 1; i < height; i++)
            {
                ref readonly var q = ref query[i - 1];
                var delete = InsertDelete(q, options);
                var key = (2L * queryWeight[i]) + delta;
                var previousHi = hi;
                while (hi + 1 < width && 2L * sourceWeight[hi + 1] <= key + limit)
                {
                    hi++;
                }

                while (lo <= hi && 2L * sourceWeight[lo] < key - limit)
                {
                    lo++;
                }

                if (lo > hi)
                {
                    return int.MaxValue;
                }

                // Cells the previous row did not reach are unreachable, not what an older row left there.
                for (var j = previousHi + 1; j <= hi; j++)
                {
                    previous[j] = Unreachable;
                }

                var rowMin = Unreachable;
                var from = lo;
                if (lo == 0)
                {
                    current[0] = previous[0] + delete;
                    rowMin = current[0];
                    from = 1;
                }
                else
                {
                    current[lo - 1] = Unreachable;
                }

                for (var j = from; j <= hi; j++)
                {
                    ref readonly var s = ref source[j - 1];
                    var best = previous[j - 1] + Substitution(q, s, options);
                    var up = previous[j] + delete;
                    if (up < best)
                    {
                        best = up;
                    }

                    var left = current[j - 1] + InsertDelete(s, options);
                    if (left < best)
                    {
                        best = left;
                    }

                    current[j] = best;
                    if (best < rowMin)
                    {
                        rowMin = best;
                    }
                }

                if (rowMin > maxDistance)
                {
                    return int.MaxValue;
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            // The last row's band holds the last column whenever |Δ| is within the limit (checked above).
            if (hi != width - 1)
            {
                return int.MaxValue;
            }

            var distance = previous[width - 1];
            return distance > maxDistance ? int.MaxValue : distance;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The optimal alignment (full table, for the few results shown): one step per token pair or
    /// gap, in query order. With a block move the source indices of the moved block are out of
    /// order, and <paramref name="distance"/> includes the move's cost, as <see cref="Distance"/> does.
    /// </summary>
    public static List<AlignmentStep> Align(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, out int distance)
    {
        var steps = AlignPlain(query, source, options, out distance);
        if (BlockMove.Find(query, source, options, distance, int.MaxValue) is not { Order: { } order } moved)
        {
            return steps;
        }

        distance = moved.Distance;
        var reordered = new MatchToken[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            reordered[k] = moved.MovedQuery ? query[order[k]] : source[order[k]];
        }

        steps = moved.MovedQuery ? AlignPlain(reordered, source, options, out _) : AlignPlain(query, reordered, options, out _);
        var keyed = new List<(int Key, int Sequence, AlignmentStep Step)>(steps.Count);
        var key = -1;
        for (var k = 0; k < steps.Count; k++)
        {
            var step = steps[k];
            step = moved.MovedQuery
                ? (step.QueryIndex >= 0 ? step with { QueryIndex = order[step.QueryIndex] } : step)
                : (step.SourceIndex >= 0 ? step with { SourceIndex = order[step.SourceIndex] } : step);

            // Back into query order; an inserted source token stays after the query token before it.
            key = step.QueryIndex >= 0 ? step.QueryIndex : key;
            keyed.Add((key, k, step));
        }

        keyed.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Sequence.CompareTo(b.Sequence));
        return keyed.ConvertAll(static k => k.Step);
    }

    private static List<AlignmentStep> AlignPlain(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, out int distance)
    {
        var width = source.Length + 1;
        var height = query.Length + 1;
        var table = ArrayPool<int>.Shared.Rent(width * height);
        try
        {
            table[0] = 0;
            for (var j = 1; j < width; j++)
            {
                table[j] = table[j - 1] + InsertDelete(source[j - 1], options);
            }

            for (var i = 1; i < height; i++)
            {
                var row = i * width;
                var delete = InsertDelete(query[i - 1], options);
                table[row] = table[row - width] + delete;
                for (var j = 1; j < width; j++)
                {
                    var best = table[row - width + j - 1] + Substitution(query[i - 1], source[j - 1], options);
                    best = Math.Min(best, table[row - width + j] + delete);
                    best = Math.Min(best, table[row + j - 1] + InsertDelete(source[j - 1], options));
                    table[row + j] = best;
                }
            }

            distance = table[(width * height) - 1];
            var steps = new List<AlignmentStep>(Math.Max(height, width));
            int qi = query.Length, si = source.Length;
            while (qi > 0 || si > 0)
            {
                var here = table[(qi * width) + si];
                if (qi > 0 && si > 0)
                {
                    var cost = Substitution(query[qi - 1], source[si - 1], options);
                    if (table[((qi - 1) * width) + si - 1] + cost == here)
                    {
                        steps.Add(new AlignmentStep(qi - 1, si - 1, cost));
                        qi--;
                        si--;
                        continue;
                    }
                }

                if (qi > 0 && table[((qi - 1) * width) + si] + InsertDelete(query[qi - 1], options) == here)
                {
                    steps.Add(new AlignmentStep(qi - 1, -1, InsertDelete(query[qi - 1], options)));
                    qi--;
                    continue;
                }

                steps.Add(new AlignmentStep(-1, si - 1, InsertDelete(source[si - 1], options)));
                si--;
            }

            steps.Reverse();
            return steps;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }
    }
}

/// <summary>One step of an alignment: a query token against a source token, or a gap (-1) on one side.</summary>
internal readonly record struct AlignmentStep(int QueryIndex, int SourceIndex, int Cost);
