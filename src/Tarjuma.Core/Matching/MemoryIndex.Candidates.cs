using System.Runtime.CompilerServices;

namespace Tarjuma.Core.Matching;

public sealed partial class MemoryIndex
{
    /// <summary>
    /// The documents worth scoring exactly, best first by shared terms. Bounds used (distance in hundredths, W and W′ the
    /// weighted lengths, see <see cref="FuzzyScorer.Weight(int, int, int, MatchOptions)"/>, L the larger; a match needs
    /// distance ≤ (100 − min)·L/100):
    /// every word or placeable more on one side costs a full edit, so 100·|words − words′| ≤ (100 − min)·L/100;
    /// the tokens paired for less than a full edit weigh at least min·L/100 and at most W − 100 per distinct query term the
    /// unit lacks (<see cref="FuzzyScorer.LeastDistance"/>), so a unit must share T = k − M of the k query terms,
    /// M = ⌊(100 − min)·W / 10,000⌋, hence one of the k − T + 1 rarest terms (prefix filtering).
    /// Only documents below <paramref name="published"/> (the count the caller read) are seen.
    /// </summary>
    private List<Candidate> Candidates(PreparedQuery query, MatchOptions options, int published, PrefixScan scan)
    {
        var scratch = Scratch.Get();
        if (scan.Lists is null)
        {
            scan.Start(this, query, published, scratch);
        }

        var lists = scan.Lists!;
        var unknown = scan.Unknown;
        var knownCount = lists.Length;
        var k = knownCount + unknown;
        var minScore = Math.Clamp(options.MinScore, 1, 100);
        var candidates = scratch.Candidates;
        var result = new List<Candidate>();
        int prefix;
        var required = 0;
        candidates.Clear();
        if (query.WordCount == 0)
        {
            // Marks and tags only: its terms are its marks, which also pair with the marks and tags of units indexed by their words
            // (SegmentTerms), so the lists do not hold every unit that may reach the minimum. Each unit's weights are checked instead.
            AddUnsharing(query, options, published, scan, scratch);
            prefix = knownCount;
        }
        else
        {
            // The tokens paired cheaply must weigh min·L/100 ≥ min·W/100 (FuzzyScorer.LeastDistance), and each missing term takes
            // a full edit's weight from them: M = ⌊(100 − min)·W / 10,000⌋.
            var misses = (int)Math.Min(int.MaxValue, (long)(100 - minScore) * query.Weight / 10_000L);
            required = k - misses;
            prefix = PrefixLength(k, misses, unknown);
            if (prefix > 0 && knownCount > 0)
            {
                // A search at a lower threshold scans more of the same lists: the counts of the lists a higher one scanned are kept
                // (scanning more lists than the threshold needs only widens the filter).
                prefix = Math.Max(Math.Min(prefix, knownCount), scan.Scanned);
                CountLists(query, published, scan, scratch, prefix);
                FilterCandidates(query, options, published, scan, scratch, k, knownCount - prefix);
            }

            if (misses >= k)
            {
                // So many marks and tags that a unit sharing no term may reach the minimum (every list was counted: M ≥ k).
                AddUnsharing(query, options, published, scan, scratch);
            }
        }

        if (candidates.Count == 0)
        {
            return result;
        }

        var suffix = knownCount - prefix;
        var take = options.CandidateCount;
        if (suffix > 0)
        {
            if (candidates.Count <= take)
            {
                // None will be ranked out, so the remaining lists need not be searched for all of them: each candidate gets the
                // best bound its prefix count allows (every remaining term shared), and the caller checks the remaining terms
                // (Verify) only of the candidates it reaches before the k-th score rises above their bounds.
                foreach (var (doc, shared, _) in candidates)
                {
                    var known = scratch.Shared[doc];
                    if (Bound(doc, known != 0 ? known - 1 : shared + suffix, query, options, k, scan.Complete) is { } bound)
                    {
                        result.Add(new Candidate(doc, bound.Score, bound.Distance, known != 0));
                    }
                }

                result.Sort(static (a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Doc.CompareTo(b.Doc));
                return result;
            }

            CountRemaining(published, scan, scratch, prefix, required);
        }

        // Ranked by the share of terms in common (the cheap stand-in for the edit distance), each
        // with the best score it could reach (missing terms and the word-count difference are full
        // edits), so the caller can stop once no remaining bound beats its k-th score.
        // Only the best CandidateCount by rank are kept: a bounded heap (worst on top) instead of sorting
        // every candidate, which at low thresholds (every unit sharing any term) was most of the lookup.
        var best = new PriorityQueue<RankedDoc, RankedDoc>(Math.Min(take, candidates.Count) + 1, WorstFirst.Instance);
        foreach (var (doc, shared, classes) in candidates)
        {
            // Shared is exact here (every list counted or verified); kept for lower thresholds when lists were searched for it.
            if (suffix > 0)
            {
                scratch.Remember(doc, shared);
            }

            if (Bound(doc, shared, query, options, k, scan.Complete) is not { } bound)
            {
                continue;
            }

            var record = _counts[doc];
            var weight = record.Weight(options);

            // A shared class term (any number, any date…) counts half: it is in a large share of all units, and
            // short queries at low thresholds otherwise rank thousands of units that share only a number first.
            var rank = ((shared - (0.5 * classes)) / Math.Max(k, (int)record.Distinct)) - (0.00001 * Math.Abs(query.Weight - weight));
            var ranked = new RankedDoc(doc, bound.Score, rank, bound.Distance);
            if (best.Count < take)
            {
                best.Enqueue(ranked, ranked);
            }
            else if (RankedDoc.Compare(ranked, best.Peek()) < 0)
            {
                best.DequeueEnqueue(ranked, ranked);
            }
        }

        var kept = new RankedDoc[best.Count];
        for (var i = kept.Length - 1; i >= 0; i--)
        {
            kept[i] = best.Dequeue();
        }

        // Scored best bound first (rank among equal bounds): the results found early raise the k-th score, and the
        // search stops at the first bound below it. The rank chose the candidates; which of them are results does not
        // depend on the order they are scored in.
        Array.Sort(kept, static (a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : RankedDoc.Compare(a, b));

        foreach (var ranked in kept)
        {
            result.Add(new Candidate(ranked.Doc, ranked.Bound, ranked.MinDistance, Verified: true));
        }

        return result;
    }

    /// <summary>
    /// Completes the counts of <see cref="Scratch.Candidates"/> (the prefix lists counted) with the lists after
    /// <paramref name="prefix"/>, and keeps the candidates that share at least <paramref name="required"/> terms.
    /// </summary>
    private static void CountRemaining(int published, PrefixScan scan, Scratch scratch, int prefix, int required)
    {
        var lists = scan.Lists!;
        var knownCount = lists.Length;
        var counts = scratch.Counts;
        var candidates = scratch.Candidates;

        // The exact count of every candidate, the remaining lists rarest first; after each, the candidates that can no longer
        // share T terms are dropped. A list with a bitmap is checked per candidate (one read). One without holds fewer than
        // 1/64 of the units (or 4,096): searched per candidate when they are few, else walked once, adding to the counted
        // units it holds.
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        var extra = scratch.Extra;
        var extraDocs = scratch.ExtraDocs;
        var sorted = false;
        for (var t = prefix; t < knownCount && span.Length > 0; t++)
        {
            var isClass = lists[t].Class;
            if (lists[t].List.HasBitmap)
            {
                for (var i = 0; i < span.Length; i++)
                {
                    if (lists[t].List.Contains(span[i].Doc, published))
                    {
                        span[i].Shared++;
                        span[i].Classes += isClass ? 1 : 0;
                    }
                }
            }
            else if (lists[t].Size > 16 * span.Length)
            {
                // In document order each posting list is searched from where the previous doc was found.
                if (!sorted)
                {
                    span.Sort(static (a, b) => a.Doc.CompareTo(b.Doc));
                    sorted = true;
                }

                var listed = lists[t].List.Below(published);
                var from = 0;
                for (var i = 0; i < span.Length && from < listed.Length; i++)
                {
                    var at = listed[from..].BinarySearch(span[i].Doc);
                    if (at >= 0)
                    {
                        span[i].Shared++;
                        span[i].Classes += isClass ? 1 : 0;
                        from += at + 1;
                    }
                    else
                    {
                        from += ~at;
                    }
                }
            }
            else
            {
                // Shared terms in the low 12 bits (at most MaxQueryTerms), class terms among them (one per placeable kind) in the
                // high 4.
                var step = (ushort)(isClass ? 0x1001 : 1);
                foreach (var doc in lists[t].List.Below(published))
                {
                    if (counts[doc] != 0)
                    {
                        if (extra[doc] == 0)
                        {
                            extraDocs.Add(doc);
                        }

                        extra[doc] += step;
                    }
                }

                for (var i = 0; i < span.Length; i++)
                {
                    var found = extra[span[i].Doc];
                    span[i].Shared += found & 0xFFF;
                    span[i].Classes += found >> 12;
                }

                foreach (var doc in extraDocs)
                {
                    extra[doc] = 0;
                }

                extraDocs.Clear();
            }

            var alive = 0;
            for (var i = 0; i < span.Length; i++)
            {
                if (span[i].Shared + (knownCount - t - 1) >= required)
                {
                    span[alive++] = span[i];
                }
            }

            span = span[..alive];
        }

        candidates.RemoveRange(span.Length, candidates.Count - span.Length);
    }

    /// <summary>
    /// Adds the units no counted list holds (count 0) that may reach the minimum by their marks and tags alone: sharing no term, the
    /// tokens they pair cheaply with the query are marks and tags, at most the lighter side's (FuzzyScorer.LeastDistance). Only
    /// for queries of marks and tags or with more of them than words, whose every list is then counted. One pass over every unit's
    /// counts record per search, at the lowest threshold it serves: a raised threshold keeps a part of what it found.
    /// </summary>
    private void AddUnsharing(PreparedQuery query, MatchOptions options, int published, PrefixScan scan, Scratch scratch)
    {
        long marks = query.Weight - (FuzzyScorer.EditCost * query.WordCount);
        bool Reaches(int doc, int minScore)
        {
            var record = _counts[doc];
            var weight = record.Weight(options);
            return 100 * Math.Min(marks, weight - (FuzzyScorer.EditCost * record.Words)) >= (long)minScore * Math.Max(query.Weight, weight);
        }

        if (scan.Unsharing is null)
        {
            var counts = scratch.Counts;
            var found = new List<int>();
            for (var doc = 0; doc < published; doc++)
            {
                if (counts[doc] == 0 && Reaches(doc, scan.MinScore) && !IsDeleted(doc, published))
                {
                    found.Add(doc);
                }
            }

            scan.Unsharing = found;
        }

        var minScore = Math.Clamp(options.MinScore, 1, 100);
        foreach (var doc in scan.Unsharing)
        {
            if (Reaches(doc, minScore))
            {
                scratch.Candidates.Add((doc, 0, 0));
            }
        }
    }

    /// <summary>The prefix lists (rarest first) a unit sharing all but <paramref name="misses"/> of the <paramref name="k"/> terms must be in.</summary>
    private static int PrefixLength(int k, int misses, int unknown) => k - Math.Max(1, k - misses) + 1 - unknown;

    /// <summary>
    /// Counts the lists from <see cref="PrefixScan.Scanned"/> up to <paramref name="prefix"/> into the scratch counts. Units whose
    /// length rules them out at the request's minimum (the lowest threshold this scan serves, so the counts of the lists scanned
    /// stay exact for every unit any of its thresholds may keep) are not counted: for a short query nearly all are.
    /// </summary>
    private void CountLists(PreparedQuery query, int published, PrefixScan scan, Scratch scratch, int prefix)
    {
        var lists = scan.Lists!;
        var counts = scratch.Counts;
        var classCounts = scratch.ClassCounts;
        var touched = scan.Touched;
        var windowMin = scan.MinScore;
        var window = scan.LengthWindow;
        var k = lists.Length + scan.Unknown;
        for (var t = scan.Scanned; t < prefix; t++)
        {
            var docs = lists[t].List.Below(published);
            var isClass = lists[t].Class;

            // A unit first met in list t shares at most the lists from t on, so the tokens it pairs cheaply weigh at most
            // C = W − 100·(k − (lists − t)) (FuzzyScorer.LeastDistance); reaching the minimum needs 100·C ≥ min·L ≥ min·100·words′.
            // The bound only shrinks with t, so a unit left out here is left out of every later list too: its count stays 0.
            var newWords = Math.Min(255, (query.Weight - (FuzzyScorer.EditCost * (k - (lists.Length - t)))) / windowMin);
            if (newWords <= PostingList.ByWordsMax && lists[t].List.ByWords is { } byWords
                && ShortWalkPays(byWords, newWords, touched, docs.Length))
            {
                // The same counts from fewer postings: the units met before that are too long to be met here first, looked up in
                // the list's bitmap, then the list's units short enough, by word count.
                for (var i = 0; i < touched; i++)
                {
                    var doc = scratch.Touched[i];
                    if ((_lengths[doc] & 0xFF) > newWords && (!window || MayReach(doc, query.WordCount, query.Weight, windowMin))
                        && lists[t].List.Contains(doc, published))
                    {
                        counts[doc]++;
                        if (isClass)
                        {
                            classCounts[doc]++;
                        }
                    }
                }

                for (var words = 0; words <= newWords; words++)
                {
                    touched = CountList(byWords[words].Below(published), query, scratch, windowMin, window, newWords, isClass, touched);
                }

                continue;
            }

            touched = CountList(docs, query, scratch, windowMin, window, newWords, isClass, touched);
        }

        scan.Scanned = Math.Max(scan.Scanned, prefix);
        scan.Touched = touched;
    }

    /// <summary>
    /// Counts the postings <paramref name="docs"/> of one list for the units that may reach the minimum; a unit not met before
    /// only when it has at most <paramref name="newWords"/> words. Returns the touched count.
    /// </summary>
    private int CountList(ReadOnlySpan<int> docs, PreparedQuery query, Scratch scratch, int windowMin, bool window, int newWords, bool isClass,
        int touched)
    {
        var counts = scratch.Counts;
        var classCounts = scratch.ClassCounts;
        for (var p = 0; p < docs.Length; p++)
        {
            var doc = docs[p];
            if (window && !MayReach(doc, query.WordCount, query.Weight, windowMin))
            {
                continue;
            }

            if (newWords < 255 && counts[doc] == 0 && (_lengths[doc] & 0xFF) > newWords)
            {
                continue;
            }

            if (counts[doc]++ == 0)
            {
                scratch.Touch(touched++, doc);
            }

            if (isClass)
            {
                classCounts[doc]++;
            }
        }

        return touched;
    }

    /// <summary>
    /// Whether counting a list by its short units (those of at most <paramref name="newWords"/> words) and the
    /// <paramref name="touched"/> units met before reads at most half as many entries as walking its <paramref name="size"/> postings.
    /// </summary>
    private static bool ShortWalkPays(PostingList[] byWords, int newWords, int touched, int size)
    {
        long entries = touched;
        for (var words = 0; words <= newWords; words++)
        {
            entries += byWords[words].Count;
        }

        return 2 * entries <= size;
    }

    /// <summary>
    /// Fills <see cref="Scratch.Candidates"/> with the counted units whose bound, every one of the <paramref name="suffix"/> lists not
    /// counted taken as shared, reaches the minimum.
    /// </summary>
    private void FilterCandidates(PreparedQuery query, MatchOptions options, int published, PrefixScan scan, Scratch scratch, int k, int suffix)
    {
        var minScore = Math.Clamp(options.MinScore, 1, 100);
        var counts = scratch.Counts;
        var classCounts = scratch.ClassCounts;
        var touched = scan.Touched;
        var candidates = scratch.Candidates;
        candidates.Clear();
        // In chunks, the chunk's count records read first with no branch between the reads: their cache misses (a record per unit,
        // megabytes for a million units) overlap instead of waiting one by one behind the filter's unpredictable branches.
        const int Chunk = 32;
        Span<DocCounts> records = stackalloc DocCounts[Chunk];
        for (var start = 0; start < touched; start += Chunk)
        {
            var chunk = scratch.Touched.AsSpan(start, Math.Min(Chunk, touched - start));
            for (var j = 0; j < chunk.Length; j++)
            {
                records[j] = _counts[chunk[j]];
            }

            for (var j = 0; j < chunk.Length; j++)
            {
                // The bounds first, from the one counts record; whether the unit is gone (another array) only for the few left.
                var doc = chunk[j];
                var record = records[j];
                var allowed = (long)(100 - minScore) * Math.Max(query.Weight, record.Weight(options));
                if (100 * LeastDistance(record, counts[doc] + suffix, query, options, k, scan.Complete) > allowed || IsDeleted(doc, published))
                {
                    continue;
                }

                candidates.Add((doc, counts[doc], classCounts[doc]));
            }
        }
    }

    /// <summary>
    /// The best score a unit sharing <paramref name="shared"/> of the query's <paramref name="k"/> distinct terms can reach, or null
    /// when it cannot reach the minimum (see <see cref="LeastDistance(DocCounts, int, PreparedQuery, MatchOptions, int, bool)"/>).
    /// Never above the unit's true score when <paramref name="shared"/> is at least the true count, so an overestimate only
    /// loosens it.
    /// </summary>
    private Reach? Bound(int doc, int shared, PreparedQuery query, MatchOptions options, int k, bool complete)
    {
        var record = _counts[doc];
        var weight = record.Weight(options);
        var least = LeastDistance(record, shared, query, options, k, complete);
        if (100 * least > (long)(100 - Math.Clamp(options.MinScore, 1, 100)) * Math.Max(query.Weight, weight))
        {
            return null;
        }

        var lowerBound = (int)least;
        return new Reach(lowerBound == 0 ? MatchOptions.InContextScore : FuzzyScorer.ScoreFromDistance(lowerBound, query.Weight, weight), lowerBound);
    }

    /// <summary>
    /// The least distance a unit sharing at most <paramref name="shared"/> of the query's <paramref name="k"/> distinct terms can
    /// have: every term missing on either side and every word more on one side is a full edit, and the tokens paired cheaply weigh
    /// no more than the two sides' shared terms allow (<see cref="FuzzyScorer.LeastDistance"/>, when the query's terms are words
    /// or placeables; a query of marks and tags pairs nothing with the unit's words). The unit's own terms count only when the
    /// query's term list is <paramref name="complete"/> and the unit has words (a unit without words is indexed by its marks, see
    /// <see cref="SegmentTerms"/>, which cost less).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long LeastDistance(DocCounts record, int shared, PreparedQuery query, MatchOptions options, int k, bool complete)
    {
        if (query.WordCount == 0)
        {
            // The query's terms are its marks: they pair with marks and tags only, so each of the unit's words is a full edit.
            return FuzzyScorer.LeastDistance(query.Weight, 0, record.Weight(options), record.Words);
        }

        var unitMissing = record.Words > 0 && complete ? Math.Max(0, record.Distinct - shared) : 0;
        var least = FuzzyScorer.EditCost * (long)Math.Max(Math.Max(k - shared, unitMissing), Math.Abs(query.WordCount - record.Words));
        return Math.Max(least, FuzzyScorer.LeastDistance(query.Weight, k - shared, record.Weight(options), unitMissing));
    }

    /// <summary>The best score a unit can reach and the least distance it can have (both from the same missing terms).</summary>
    private readonly record struct Reach(int Score, int Distance);

    /// <summary>
    /// The bound of a candidate <see cref="Candidates"/> left unverified, from its exact shared-term count (the lists it was not
    /// counted in searched for it, once per search), or null when that count rules it out or, on the way, shows it cannot reach
    /// <paramref name="floor"/> (the k-th score so far: it only rises while one threshold is searched).
    /// </summary>
    private Reach? Verify(int doc, PreparedQuery query, MatchOptions options, int published, PrefixScan scan, int floor)
    {
        var scratch = Scratch.Get();
        var lists = scan.Lists!;
        var k = lists.Length + scan.Unknown;
        int shared = scratch.Shared[doc];
        if (shared != 0)
        {
            return Bound(doc, shared - 1, query, options, k, scan.Complete);
        }

        // Searched one list at a time; each miss lowers the best this unit can reach, and once that is below the floor the
        // rest is not searched (nor remembered: a lower threshold searches it again).
        shared = scratch.Counts[doc];
        for (var t = scan.Scanned; t < lists.Length; t++)
        {
            if (lists[t].List.Contains(doc, published))
            {
                shared++;
            }
            else if ((Bound(doc, shared + lists.Length - t - 1, query, options, k, scan.Complete)?.Score ?? -1) < floor)
            {
                return null;
            }
        }

        scratch.Remember(doc, shared);
        return Bound(doc, shared, query, options, k, scan.Complete);
    }

    /// <summary>A unit to score, with the best score it can reach and the least distance that goes with it; a bound not
    /// <paramref name="Verified"/> counts every term not yet looked up as shared.</summary>
    private readonly record struct Candidate(int Doc, int Bound, int MinDistance, bool Verified);

    /// <summary>
    /// The prefix lists one search has counted so far, over its raised thresholds (see <see cref="Search"/>): the query's
    /// posting lists, rarest first, taken once, and the per-thread counts they left, which <see cref="Dispose"/> clears.
    /// </summary>
    /// <param name="minScore">The request's minimum score: the lowest threshold the scan serves.</param>
    private sealed class PrefixScan(int minScore) : IDisposable
    {
        private Scratch? _scratch;

        /// <summary>The query's known terms' lists, rarest first; null until the first threshold is searched.</summary>
        public PostingSnapshot[]? Lists { get; private set; }

        /// <summary>Query terms the index does not hold.</summary>
        public int Unknown { get; private set; }

        /// <summary>Whether <see cref="Lists"/> holds every known query term (not cut at <see cref="MaxQueryTerms"/>).</summary>
        public bool Complete { get; private set; }

        /// <summary>Lists counted into the scratch counts so far.</summary>
        public int Scanned { get; set; }

        /// <summary>Documents with a count so far (the first entries of <see cref="Scratch.Touched"/>).</summary>
        public int Touched { get; set; }

        /// <summary>The units sharing no term that may reach <see cref="MinScore"/> (see <see cref="AddUnsharing"/>); null until looked for.</summary>
        public List<int>? Unsharing { get; set; }

        /// <summary>The request's minimum score, clamped as the bounds use it (1–100).</summary>
        public int MinScore { get; } = Math.Clamp(minScore, 1, 100);

        /// <summary>Whether the counting leaves out units by length (chosen once: the counts of all thresholds must agree).</summary>
        public bool LengthWindow { get; private set; }

        public void Start(MemoryIndex index, PreparedQuery query, int published, Scratch scratch)
        {
            _scratch = scratch;
            LengthWindow = index.LengthWindowPays(query.WordCount, query.Weight, MinScore);
            scratch.EnsureDocs(published);
            scratch.EnsureFold(query.Text.Text.Length);
            var state = new TermState(index, scratch.Terms, [], []);
            scratch.Terms.Clear();
            SegmentTerms.Visit(query.Text.Text, query.Tokens, scratch.Fold, ref state, static (ref TermState s, ReadOnlySpan<char> term) =>
            {
                if (s.Index._termLookup.TryGetValue(term, out var id))
                {
                    s.Known.Add(id);
                    if (term[0] == SegmentTerms.ClassMark)
                    {
                        s.Classes.Add(id);
                    }
                }
                else
                {
                    s.Unknown.Add(Fnv.Hash(term));
                }
            });

            var known = scratch.Terms;
            known.Sort();
            var write = 0;
            for (var i = 0; i < known.Count; i++)
            {
                if (i == 0 || known[i] != known[i - 1])
                {
                    known[write++] = known[i];
                }
            }

            known.RemoveRange(write, known.Count - write);
            Complete = known.Count <= MaxQueryTerms;
            if (known.Count > MaxQueryTerms)
            {
                known.RemoveRange(MaxQueryTerms, known.Count - MaxQueryTerms);
            }

            // Lists are read after the term ids (a found id's list exists) and sized once: they grow meanwhile.
            var postings = Volatile.Read(ref index._postings);
            var lists = new PostingSnapshot[known.Count];
            for (var i = 0; i < lists.Length; i++)
            {
                lists[i] = new PostingSnapshot(postings[known[i]], postings[known[i]].Count, state.Classes.Contains(known[i]));
            }

            Array.Sort(lists, static (a, b) => a.Size.CompareTo(b.Size));
            Lists = lists;
            Unknown = state.Unknown.Count;
        }

        public void Dispose()
        {
            if (_scratch is not { } scratch)
            {
                return;
            }

            for (var i = 0; i < Touched; i++)
            {
                scratch.Counts[scratch.Touched[i]] = 0;
                scratch.ClassCounts[scratch.Touched[i]] = 0;
            }

            foreach (var doc in scratch.Remembered)
            {
                scratch.Shared[doc] = 0;
            }

            scratch.Remembered.Clear();
            Touched = 0;
            Scanned = 0;
            Unsharing = null;
            _scratch = null;
        }
    }

    /// <summary>A candidate with its score bound and rank (shared terms over the larger term count).</summary>
    private readonly record struct RankedDoc(int Doc, int Bound, double Rank, int MinDistance)
    {
        /// <summary>Best first: higher rank, then higher bound, then older document (the order candidates are scored in).</summary>
        public static int Compare(RankedDoc a, RankedDoc b) =>
            a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Doc.CompareTo(b.Doc);
    }

    /// <summary>Puts the worst candidate on top of the heap, so it is the one replaced.</summary>
    private sealed class WorstFirst : IComparer<RankedDoc>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(RankedDoc x, RankedDoc y) => RankedDoc.Compare(y, x);
    }

    /// <summary>A query term's posting list and its size when the lookup began (the sort key).</summary>
    private readonly record struct PostingSnapshot(PostingList List, int Size, bool Class);

    private readonly record struct TermState(MemoryIndex Index, List<int> Known, HashSet<ulong> Unknown, HashSet<int> Classes);
}
