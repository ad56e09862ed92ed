using System.Buffers;

namespace Tarjuma.Core.Matching;

/// <summary>
/// One block move on top of the token edit distance (issue #13): when two clauses swap places,
/// the moved clause costs a move instead of a deletion and a re-insertion. The search is TER's
/// shift search (Snover et al. 2006, "A Study of Translation Edit Rate", §2) limited to one shift:
/// a block is a run of tokens equal on the folded key in both segments, and it may move next to
/// the token that neighbours it in the query. A move costs
/// <see cref="MatchOptions.BlockMovePenalty"/> plus <see cref="MatchOptions.MovedTokenPenalty"/>
/// per weighted token of the shorter of the two spans that trade places (moving A past B is
/// moving B past A). A move only reorders the source: every word, placeable and mark stays, so
/// the bounds the index prunes with (a full edit per unshared term and per word more on one side)
/// remain lower bounds of the distance with a move.
/// </summary>
internal static class BlockMove
{
    /// <summary>Heaviest runs tried as the moving block: a clause swap has two. Measured (match-scale,
    /// 100,000 units): 6 blocks × 3 places cost 2.6 × the plain distance's CPU per long lookup, 2 × 2
    /// cost 1.6 ×, with the same clause-swap scores on NTREX and SDG.</summary>
    private const int MaxBlocks = 2;

    /// <summary>Places tried per block: after the query's left neighbour, before its right one, at an end.</summary>
    private const int MaxPlaces = 2;

    /// <summary>Widest segment whose key arrays go on the stack.</summary>
    private const int StackLimit = 256;

    /// <summary>
    /// The distance with at most one move and the order it uses (null: no move). The order
    /// permutes the source, or the query when <paramref name="MovedQuery"/>: trying both keeps
    /// the distance symmetric.
    /// </summary>
    public readonly record struct Result(int Distance, int[]? Order, bool MovedQuery = false);

    /// <summary>
    /// The cheapest distance with one move when it is below both <paramref name="plain"/> (the
    /// distance without a move, <see cref="int.MaxValue"/> when over the limit) and
    /// <paramref name="maxDistance"/> + 1; otherwise <paramref name="plain"/> and no order.
    /// </summary>
    public static Result Find(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, int plain, int maxDistance)
    {
        var none = new Result(plain, null);
        var limit = Math.Min(plain, maxDistance == int.MaxValue ? int.MaxValue : maxDistance + 1);
        if (!options.BlockMoves || query.Length < 2 || source.Length < 2
            || query.Length > FuzzyScorer.MaxScoredTokens || source.Length > FuzzyScorer.MaxScoredTokens)
        {
            return none;
        }

        // The cheapest move carries a word past a single mark. Unshared terms cost a full edit with
        // or without a move: first by their count alone (linear), then as a multiset (a sort).
        var cheapest = options.BlockMovePenalty + (options.MovedTokenPenalty * Math.Min(options.PunctuationPenalty,
            FuzzyScorer.EditCost) / FuzzyScorer.EditCost);
        if (cheapest >= limit || (FuzzyScorer.EditCost * Math.Abs(TermCount(query) - TermCount(source))) + cheapest >= limit)
        {
            return none;
        }

        var floor = UnsharedBound(query, source);
        if (floor + cheapest >= limit)
        {
            return none;
        }

        var inSource = Search(query, source, options, floor, limit);
        var inQuery = Search(source, query, options, floor, inSource.Distance);
        return inQuery.Order is not null ? inQuery with { MovedQuery = true }
            : inSource.Order is not null ? inSource
            : none;
    }

    /// <summary>The best move of a block of <paramref name="source"/> below <paramref name="limit"/>; the limit and no order when none.</summary>
    private static Result Search(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, int floor, int limit)
    {
        Span<(int Query, int Source, int Length, int Weight)> blocks = stackalloc (int, int, int, int)[MaxBlocks];
        var count = LongestRuns(query, source, options, blocks);
        var best = limit;
        int[]? bestOrder = null;
        if (count == 0)
        {
            return new Result(best, null);
        }

        var tokens = ArrayPool<MatchToken>.Shared.Rent(source.Length);
        var order = ArrayPool<int>.Shared.Rent(source.Length);
        try
        {
            Span<int> places = stackalloc int[MaxPlaces];
            foreach (var (qi, sj, length, weight) in blocks[..count])
            {
                var placeCount = Places(query, source, qi, sj, length, places);
                foreach (var place in places[..placeCount])
                {
                    // The span the block jumps over: between its old and new place.
                    var jumped = place < sj ? Weigh(source[place..sj], options) : Weigh(source.Slice(sj + length, place - sj), options);
                    var penalty = options.BlockMovePenalty + (options.MovedTokenPenalty * Math.Min(weight, jumped) / FuzzyScorer.EditCost);
                    if (floor + penalty >= best)
                    {
                        continue;
                    }

                    Arrange(source.Length, sj, length, place, order);
                    for (var k = 0; k < source.Length; k++)
                    {
                        tokens[k] = source[order[k]];
                    }

                    var distance = FuzzyScorer.PlainDistance(query, tokens.AsSpan(0, source.Length), options, best - penalty - 1);
                    if (distance != int.MaxValue && distance + penalty < best)
                    {
                        best = distance + penalty;
                        bestOrder = order.AsSpan(0, source.Length).ToArray();
                    }
                }
            }
        }
        finally
        {
            ArrayPool<MatchToken>.Shared.Return(tokens);
            ArrayPool<int>.Shared.Return(order);
        }

        return new Result(best, bestOrder);
    }

    /// <summary>The key two tokens share when a substitution between them costs less than a full edit.</summary>
    private static ulong Key(in MatchToken token) => (token.Fold * 8) + (ulong)token.Kind;

    /// <summary>
    /// Tokens that may travel in one block: words equal once folded, placeables of a kind (a new
    /// value moves with its clause), but only the same mark: <c>,</c> is not <c>.</c>.
    /// </summary>
    internal static bool Same(in MatchToken a, in MatchToken b) =>
        a.Kind == b.Kind && (a.Kind == TokenKind.Punctuation ? a.Case == b.Case : a.Fold == b.Fold);

    /// <summary>
    /// A full edit per word or placeable that has no equal-key partner on the other side (a
    /// multiset difference): only equal keys substitute for less than a full edit.
    /// </summary>
    private static int UnsharedBound(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source)
    {
        ulong[]? rented = null;
        var size = query.Length + source.Length;
        Span<ulong> keys = size <= StackLimit ? stackalloc ulong[size] : (rented = ArrayPool<ulong>.Shared.Rent(size));
        try
        {
            var q = Terms(query, keys);
            var s = Terms(source, keys[q..]);
            var left = keys[..q];
            var right = keys.Slice(q, s);
            left.Sort();
            right.Sort();
            int i = 0, j = 0, shared = 0;
            while (i < q && j < s)
            {
                if (left[i] == right[j])
                {
                    shared++;
                    i++;
                    j++;
                }
                else if (left[i] < right[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return FuzzyScorer.EditCost * Math.Max(q - shared, s - shared);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    private static int TermCount(ReadOnlySpan<MatchToken> tokens)
    {
        var count = 0;
        foreach (ref readonly var token in tokens)
        {
            count += token.IsTermBearing ? 1 : 0;
        }

        return count;
    }

    private static int Terms(ReadOnlySpan<MatchToken> tokens, Span<ulong> keys)
    {
        var count = 0;
        foreach (ref readonly var token in tokens)
        {
            if (token.IsTermBearing)
            {
                keys[count++] = Key(token);
            }
        }

        return count;
    }

    /// <summary>
    /// The heaviest maximal runs of equal tokens (query start, source start, length, weight) that
    /// hold a word or placeable, heaviest first; a run at the same offset in both is in place. A run starts only at a pair of
    /// equal tokens, so the pairs are found through the source's tokens sorted by key, not by comparing every pair (issue #12:
    /// this ran for most candidates a lookup scored); they are visited in the order the whole table would visit them
    /// (query and source from the end), so ties keep the same blocks.
    /// </summary>
    internal static int LongestRuns(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, MatchOptions options, Span<(int Query, int Source,
        int Length, int Weight)> blocks)
    {
        var size = source.Length;
        (ulong Key, int Index)[]? rented = null;
        var sorted = size <= StackLimit ? stackalloc (ulong Key, int Index)[size] : (rented = ArrayPool<(ulong, int)>.Shared.Rent(size)).AsSpan(0, size);
        try
        {
            for (var j = 0; j < size; j++)
            {
                sorted[j] = (SameKey(source[j]), j);
            }

            sorted.Sort();
            var count = 0;
            for (var i = query.Length - 1; i >= 0; i--)
            {
                var key = SameKey(query[i]);
                int low = 0, high = size;
                while (low < high)
                {
                    var middle = (low + high) >>> 1;
                    if (sorted[middle].Key < key)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                var last = low;
                while (last < size && sorted[last].Key == key)
                {
                    last++;
                }

                for (var at = last - 1; at >= low; at--)
                {
                    var j = sorted[at].Index;
                    if (i == j || !Same(query[i], source[j]) || (i > 0 && j > 0 && Same(query[i - 1], source[j - 1])))
                    {
                        continue;
                    }

                    var length = 1;
                    while (i + length < query.Length && j + length < size && Same(query[i + length], source[j + length]))
                    {
                        length++;
                    }

                    var block = source.Slice(j, length);
                    if (HasTerm(block))
                    {
                        count = Insert(blocks, count, (i, j, length, Weigh(block, options)));
                    }
                }
            }

            return count;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<(ulong, int)>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The key of <see cref="Same"/>: tokens that are the same have equal keys (equal keys are checked again).</summary>
    private static ulong SameKey(in MatchToken token) => ((token.Kind == TokenKind.Punctuation ? token.Case : token.Fold) * 8) + (ulong)token.Kind;

    /// <summary>Keeps the heaviest blocks, heaviest first (earlier found first on a tie).</summary>
    private static int Insert(Span<(int Query, int Source, int Length, int Weight)> blocks, int count, (int Query, int Source, int Length, int Weight) block)
    {
        var at = count;
        while (at > 0 && blocks[at - 1].Weight < block.Weight)
        {
            at--;
        }

        if (at >= blocks.Length)
        {
            return count;
        }

        var kept = Math.Min(count, blocks.Length - 1);
        for (var k = kept; k > at; k--)
        {
            blocks[k] = blocks[k - 1];
        }

        blocks[at] = block;
        return kept + 1;
    }

    private static bool HasTerm(ReadOnlySpan<MatchToken> tokens)
    {
        foreach (ref readonly var token in tokens)
        {
            if (token.IsTermBearing)
            {
                return true;
            }
        }

        return false;
    }

    private static int Weigh(ReadOnlySpan<MatchToken> tokens, MatchOptions options) => FuzzyScorer.Weight(tokens, options);

    /// <summary>
    /// Where the block <c>source[sj, sj + length)</c>, found at <c>query[qi]</c>, may go in the
    /// source without it (index of the token it goes before): where the query has it, at an end,
    /// or beside a token equal to its query neighbour.
    /// </summary>
    private static int Places(ReadOnlySpan<MatchToken> query, ReadOnlySpan<MatchToken> source, int qi, int sj, int length, Span<int> places)
    {
        var count = 0;
        var rest = source.Length - length;
        if (qi == 0)
        {
            Add(places, ref count, 0, sj);
        }

        if (qi + length == query.Length)
        {
            Add(places, ref count, rest, sj);
        }

        for (var p = 0; p <= rest && count < places.Length; p++)
        {
            var after = p > 0 && qi > 0 && Same(query[qi - 1], source[Remaining(p - 1, sj, length)]);
            var before = p < rest && qi + length < query.Length && Same(query[qi + length], source[Remaining(p, sj, length)]);
            if (after || before)
            {
                Add(places, ref count, p, sj);
            }
        }

        return count;
    }

    private static void Add(Span<int> places, ref int count, int place, int original)
    {
        if (place == original || count >= places.Length || places[..count].Contains(place))
        {
            return;
        }

        places[count++] = place;
    }

    /// <summary>The source index of position <paramref name="k"/> once the block is taken out.</summary>
    private static int Remaining(int k, int sj, int length) => k < sj ? k : k + length;

    /// <summary>The source order with the block taken out and put back before remaining position <paramref name="place"/>.</summary>
    private static void Arrange(int size, int sj, int length, int place, int[] order)
    {
        var write = 0;
        for (var k = 0; k < place; k++)
        {
            order[write++] = Remaining(k, sj, length);
        }

        for (var k = 0; k < length; k++)
        {
            order[write++] = sj + k;
        }

        for (var k = place; k < size - length; k++)
        {
            order[write++] = Remaining(k, sj, length);
        }
    }
}
