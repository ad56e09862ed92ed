using System.Runtime.InteropServices;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

public sealed partial class MemoryIndex
{
    /// <summary>The best matches of <paramref name="query"/> (text in <see cref="Language"/>, NFC), best first.</summary>
    public IReadOnlyList<MatchCandidate> Search(MatchQuery query, MatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options = (options ?? MatchOptions.Default).Validate();
        var prepared = Prepare(query, options);
        var published = PublishedDocs;
        using var scan = new PrefixScan(options.MinScore);
        var memo = new SearchMemo();

        // The top-K bound: a search at a raised threshold t finds every unit scoring t or more, so when
        // it returns K results all at t or above, no unit below t can displace one and the search at the
        // requested minimum is not needed. A low threshold makes every unit that shares any term a
        // candidate; raised ones scan only the rarest terms' postings (prefix filtering).
        foreach (var raised in RaisedThresholds)
        {
            if (raised <= options.MinScore)
            {
                break;
            }

            var first = SearchAt(prepared, options with { MinScore = raised }, published, scan, memo);
            if (first.Count >= options.MaxResults && first[^1].Score >= raised)
            {
                return first;
            }
        }

        return SearchAt(prepared, options, published, scan, memo);
    }

    /// <summary>Thresholds tried before a lower requested one, highest first (see <see cref="Search"/>).</summary>
    private static readonly int[] RaisedThresholds = [90, 70, 50];

    private List<MatchCandidate> SearchAt(PreparedQuery prepared, MatchOptions options, int published, PrefixScan scan, SearchMemo memo)
    {
        var top = new TopResults(this, prepared, options, memo);

        // Identical units first, from the exact table; the term filter then only has to find fuzzy ones.
        var exact = ExactDocs(prepared.Text.Text, published);
        foreach (var doc in exact)
        {
            top.Keep(ScoreDoc(doc, prepared, options, options.MinScore, memo));
        }

        // A fuzzy score is at most 99: with k identical units found there is nothing left to look for.
        var candidates = top.Full && top.Floor >= 100 ? [] : Candidates(prepared, options, published, scan);
        if (exact.Count > 0)
        {
            candidates.RemoveAll(c => exact.Contains(c.Doc));
        }

        // Best bound first; once the best left is below the k-th score found, stop (exact). A candidate whose bound still counts
        // terms not looked up is checked when reached and goes back with its exact bound.
        var queue = new PriorityQueue<Candidate, (int Bound, int Order)>(candidates.Count, BestBoundFirst.Instance);
        for (var i = 0; i < candidates.Count; i++)
        {
            queue.Enqueue(candidates[i], (candidates[i].Bound, i));
        }

        var order = candidates.Count;
        while (queue.TryPeek(out var candidate, out var priority))
        {
            if (top.Full && priority.Bound < top.Floor)
            {
                break;
            }

            queue.Dequeue();
            if (!candidate.Verified)
            {
                if (Verify(candidate.Doc, prepared, options, published, scan, top.Floor) is { } bound)
                {
                    queue.Enqueue(candidate with { Bound = bound.Score, MinDistance = bound.Distance, Verified = true }, (bound.Score, order++));
                }

                continue;
            }

            if (top.Outranks(new Scored(candidate.Doc, candidate.Bound, candidate.MinDistance)))
            {
                continue;
            }

            // Once k results are in, only scores reaching the k-th matter: the distance can stop earlier.
            top.Keep(ScoreDoc(candidate.Doc, prepared, options, top.Floor, memo, top.Kth));
        }

        return top.ToList();
    }

    /// <summary>
    /// Scores every unit (no index): the reference the index is measured against (recall), and
    /// the baseline of the benchmarks. Same ordering and scores as <see cref="Search"/>.
    /// </summary>
    internal IReadOnlyList<MatchCandidate> SearchExhaustive(MatchQuery query, MatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= MatchOptions.Default;
        var prepared = Prepare(query, options);
        var top = new TopResults(this, prepared, options, null);
        var published = PublishedDocs;
        for (var doc = 0; doc < published; doc++)
        {
            if (!IsDeleted(doc, published))
            {
                top.Keep(ScoreDoc(doc, prepared, options, top.Floor, null));
            }
        }

        return top.ToList();
    }

    private readonly record struct Scored(int Doc, int Score, int Distance);

    /// <summary>
    /// What one <see cref="Search"/> computed per unit, kept over its raised thresholds: a query falling through 90, 70 and 50
    /// scored and finished the same units up to three times (issue #12: most of a 5-result lookup's CPU at 10,000 units).
    /// </summary>
    private sealed class SearchMemo
    {
        /// <summary>Per unit its distance, exact when below <c>int.MaxValue</c>, else known only to exceed <c>Allowed</c>.</summary>
        public Dictionary<int, (int Distance, int Allowed)> Distances { get; } = [];

        /// <summary>Per unit its finished hit (see <see cref="Finish(PreparedQuery, Scored, MatchOptions)"/>), before the minimum score is applied.</summary>
        public Dictionary<int, (Scored Hit, MatchCandidate Candidate)> Finished { get; } = [];
    }

    private sealed record PreparedQuery(SegmentText Text, List<MatchToken> Tokens, int WordCount, int Weight, ulong Context)
    {
        /// <summary>The tokens as an array, for the alignments of the results.</summary>
        public MatchToken[] TokenArray { get; } = [.. Tokens];
    }

    private PreparedQuery Prepare(MatchQuery query, MatchOptions options)
    {
        var tokens = Tokenizer.Tokenize(query.Text, Convention);
        var words = 0;
        foreach (var token in tokens)
        {
            words += token.IsTermBearing ? 1 : 0;
        }

        var context = Side == MemorySide.Source && query.HasContext ? ContextKey(query.PreviousSource, query.NextSource) : 0;
        return new PreparedQuery(query.Text, tokens, words, FuzzyScorer.Weight(CollectionsMarshal.AsSpan(tokens), options), context);
    }

    /// <summary>Higher bound first, then the earlier queued.</summary>
    private sealed class BestBoundFirst : IComparer<(int Bound, int Order)>
    {
        public static readonly BestBoundFirst Instance = new();

        public int Compare((int Bound, int Order) x, (int Bound, int Order) y) => x.Bound != y.Bound ? y.Bound.CompareTo(x.Bound) : x.Order.CompareTo(y.Order);
    }

    /// <summary>Puts the worst hit (see <see cref="Compare"/>) on top of a heap.</summary>
    private sealed class WorstHitFirst : IComparer<Scored>
    {
        public static readonly WorstHitFirst Instance = new();

        public int Compare(Scored x, Scored y) => MemoryIndex.Compare(y, x);
    }

    private static int Compare(Scored a, Scored b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byDistance = a.Distance.CompareTo(b.Distance);
        return byDistance != 0 ? byDistance : a.Doc.CompareTo(b.Doc);
    }

    /// <summary>
    /// Score of one unit, or null below <paramref name="minScore"/> or, given the <paramref name="kth"/> result so far, when it could
    /// not outrank it. Reads only documents a caller saw published.
    /// </summary>
    private Scored? ScoreDoc(int doc, PreparedQuery query, MatchOptions options, int minScore, SearchMemo? memo, Scored? kth = null)
    {
        var text = _texts[doc];
        var identical = string.Equals(text.Text, query.Text.Text, StringComparison.Ordinal) && text.Tags.SequenceEqual(query.Text.Tags);
        if (identical)
        {
            var exact = query.Context != 0 && query.Context == _context[doc] ? MatchOptions.InContextScore : 100;
            return exact >= minScore ? new Scored(doc, exact, 0) : null;
        }

        if (minScore > 99)
        {
            return null;
        }

        var weight = WeightOf(doc, options);
        var allowed = FuzzyScorer.MaxDistanceFor(minScore, query.Weight, weight);
        if (kth is { } last && last.Score >= minScore && last.Score <= 99)
        {
            // Beating the k-th needs a higher score, or its score with less distance (as little, for an older unit): a tighter
            // cut-off for the distance, which then stops earlier. Fuzzy scores stop at 99, so at 99 only the distance can win.
            var higher = last.Score == 99 ? -1 : FuzzyScorer.MaxDistanceFor(last.Score + 1, query.Weight, weight);
            allowed = Math.Min(allowed, Math.Max(higher, last.Distance - (doc < last.Doc ? 0 : 1)));
        }

        if (FuzzyScorer.EditCost * Math.Abs(query.WordCount - _counts[doc].Words) > allowed)
        {
            return null;
        }

        int distance;
        if (memo is not null && memo.Distances.TryGetValue(doc, out var known) && (known.Distance != int.MaxValue || allowed <= known.Allowed))
        {
            // A distance below its cut-off is exact whatever the cut-off (FuzzyScorer.Distance), so it serves a lower threshold too.
            distance = known.Distance <= allowed ? known.Distance : int.MaxValue;
        }
        else
        {
            var tokens = Scratch.Get().DocTokens;
            tokens.Clear();
            Tokenizer.Tokenize(text.Text, text.Tags, Convention, tokens);
            distance = FuzzyScorer.Distance(CollectionsMarshal.AsSpan(query.Tokens), CollectionsMarshal.AsSpan(tokens), options, allowed);
            memo?.Distances[doc] = (distance, allowed);
        }

        if (distance == int.MaxValue)
        {
            return null;
        }

        var score = Math.Min(99, FuzzyScorer.ScoreFromDistance(distance, query.Weight, weight));
        return score >= minScore ? new Scored(doc, score, distance) : null;
    }

    /// <summary>
    /// A hit's final form: aligned for highlights, placeables carried into its target, and its score lowered by
    /// placeables that could not be; null when that takes it below the minimum.
    /// </summary>
    private (Scored Hit, MatchCandidate Candidate)? Finish(PreparedQuery query, Scored hit, MatchOptions options, SearchMemo? memo)
    {
        if (memo is null || !memo.Finished.TryGetValue(hit.Doc, out var finished))
        {
            finished = Finish(query, hit, options);
            memo?.Finished[hit.Doc] = finished;
        }

        return finished.Hit.Score >= options.MinScore ? finished : null;
    }

    /// <summary>A hit's final form whatever the minimum score (see <see cref="Finish(PreparedQuery, Scored, MatchOptions, SearchMemo?)"/>).</summary>
    private (Scored Hit, MatchCandidate Candidate) Finish(PreparedQuery query, Scored hit, MatchOptions options)
    {
        var source = _texts[hit.Doc];
        var target = TranslationOf(hit.Doc);
        List<TextRange> ranges = [];
        var suggested = target;
        var adjusted = false;
        IReadOnlyList<TextRange> notCarried = [];
        var score = hit.Score;
        if (hit.Score < 100 && query.TokenArray.Length <= FuzzyScorer.MaxScoredTokens)
        {
            var sourceTokens = Tokenizer.Tokenize(source, Convention);
            if (sourceTokens.Count <= FuzzyScorer.MaxScoredTokens)
            {
                var steps = FuzzyScorer.Align(query.TokenArray, CollectionsMarshal.AsSpan(sourceTokens), options, out var aligned);
                ranges = DifferingRanges(query, steps);
                var transfer = PlaceableTransfer.Apply(query.Text, query.Tokens, source, sourceTokens, target, Convention, TranslationConvention, steps);
                suggested = transfer.Target;
                adjusted = transfer.Adjusted;
                notCarried = transfer.NotCarried;
                if (transfer.Failed > 0)
                {
                    // A placeable that could not be carried over stays wrong in the target: a full edit.
                    var distance = aligned + (transfer.Failed * (FuzzyScorer.EditCost - options.PlaceablePenalty));
                    score = Math.Min(99, FuzzyScorer.ScoreFromDistance(distance, query.Weight, WeightOf(hit.Doc, options)));
                }
            }
        }

        var candidate = new MatchCandidate(_ids[hit.Doc], score, source, target, suggested, adjusted, ranges) { NotCarriedRanges = notCarried };
        return (hit with { Score = score }, candidate);
    }

    /// <summary>
    /// The best k hits by final score (after <see cref="Finish(PreparedQuery, Scored, MatchOptions)"/>), and the floor a
    /// hit must reach to matter. A hit is finished when it could enter, so the floor is the k-th final score: a failed
    /// placeable transfer only lowers a score, so no unit below the floor can displace a result, and the index and the
    /// exhaustive scan keep the same units whatever order they score them in (issue #12).
    /// </summary>
    private sealed class TopResults(MemoryIndex index, PreparedQuery query, MatchOptions options, SearchMemo? memo)
    {
        private readonly List<(Scored Hit, MatchCandidate Candidate)> _results = [];

        /// <summary>The best k finished hits, the worst on top.</summary>
        private readonly PriorityQueue<Scored, Scored> _best = new(options.MaxResults + 1, WorstHitFirst.Instance);

        /// <summary>Whether k results are in.</summary>
        public bool Full => _best.Count >= options.MaxResults;

        /// <summary>The lowest raw score that can still enter: the k-th final score once k are in, else the minimum.</summary>
        public int Floor => Full ? Math.Max(options.MinScore, _best.Peek().Score) : options.MinScore;

        /// <summary>
        /// Whether k results are in and the k-th outranks <paramref name="best"/>, the best a unit can reach (its score bound with
        /// its least distance): its true hit has no higher score and, at that score, no lower distance, so it could not enter.
        /// At a k-th score shared by many units (a stored segment's near-duplicates) most of them are not scored at all.
        /// </summary>
        public bool Outranks(Scored best) => Full && Compare(best, _best.Peek()) >= 0;

        /// <summary>The k-th result so far, once k are in.</summary>
        public Scored? Kth => Full ? _best.Peek() : null;

        public void Keep(Scored? hit)
        {
            // Finishing keeps the distance and only lowers the score, so a hit that does not outrank the k-th as it is never
            // will: many units tied at the k-th score (a stored segment's near-duplicates) are not aligned for nothing.
            if (hit is not { } found || found.Score < Floor || (Full && Compare(found, _best.Peek()) >= 0)
                || index.Finish(query, found, options, memo) is not { } finished)
            {
                return;
            }

            _results.Add(finished);
            _best.Enqueue(finished.Hit, finished.Hit);
            if (_best.Count > options.MaxResults)
            {
                _best.Dequeue();
            }
        }

        public List<MatchCandidate> ToList()
        {
            _results.Sort((a, b) => Compare(a.Hit, b.Hit));
            var list = new List<MatchCandidate>(Math.Min(_results.Count, options.MaxResults));
            for (var i = 0; i < _results.Count && i < options.MaxResults; i++)
            {
                list.Add(_results[i].Candidate);
            }

            return list;
        }
    }

    private static List<TextRange> DifferingRanges(PreparedQuery query, List<AlignmentStep> steps)
    {
        var ranges = new List<TextRange>();
        var text = query.Text.Text;
        foreach (var step in steps)
        {
            if (step.QueryIndex < 0 || step.Cost == 0)
            {
                continue;
            }

            var token = query.Tokens[step.QueryIndex];
            if (token.Length == 0)
            {
                continue;
            }

            if (ranges.Count > 0)
            {
                var last = ranges[^1];
                if (last.End <= token.Start && text.AsSpan(last.End, token.Start - last.End).IsWhiteSpace())
                {
                    ranges[^1] = new TextRange(last.Start, token.Start + token.Length - last.Start);
                    continue;
                }
            }

            ranges.Add(new TextRange(token.Start, token.Length));
        }

        return ranges;
    }
}
