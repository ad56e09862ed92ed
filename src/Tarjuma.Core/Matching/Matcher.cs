using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// Lookups across several memories at once, for single segments and for whole (already
/// segmented) documents: merged suggestions, analysis bands and pre-translation.
/// </summary>
public static class Matcher
{
    /// <summary>
    /// The best matches of <paramref name="query"/> in all <paramref name="memories"/>: each
    /// memory's scores less its penalty, merged best first, at most <see cref="MatchOptions.MaxResults"/>.
    /// </summary>
    public static IReadOnlyList<MatchCandidate> Lookup(IReadOnlyList<MemorySearch> memories, MatchQuery query, MatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(memories);
        options = (options ?? MatchOptions.Default).Validate();
        if (memories.Count == 1 && memories[0].Penalty == 0)
        {
            return memories[0].Index.Search(query, options).Select(c => c with { Memory = memories[0].Memory }).ToList();
        }

        var merged = new List<MatchCandidate>();
        foreach (var memory in memories)
        {
            if (memory.Penalty is < 0 or > MatchOptions.InContextScore)
            {
                throw TarjumaException.InvalidArgument("penalty", "a memory penalty is 0-101.");
            }

            var raised = options with { MinScore = Math.Min(MatchOptions.InContextScore, options.MinScore + memory.Penalty) };
            if (options.MinScore + memory.Penalty > MatchOptions.InContextScore)
            {
                continue;
            }

            foreach (var candidate in memory.Index.Search(query, raised))
            {
                merged.Add(candidate with { Score = candidate.Score - memory.Penalty, Memory = memory.Memory });
            }
        }

        // Stable: equal scores keep the order of the memories as given.
        return merged.OrderByDescending(c => c.Score).Take(options.MaxResults).ToList();
    }

    /// <summary>Looks up every segment of a document in parallel on all cores; results in segment order.</summary>
    public static IReadOnlyList<IReadOnlyList<MatchCandidate>> LookupMany(IReadOnlyList<MemorySearch> memories, IReadOnlyList<MatchQuery> segments,
        MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        options = (options ?? MatchOptions.Default).Validate();
        var results = new IReadOnlyList<MatchCandidate>[segments.Count];
        Parallel.For(0, segments.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = Lookup(memories, segments[i],
            options));
        return results;
    }

    /// <summary>
    /// Each segment with its best match at or above <see cref="MatchOptions.MinScore"/> (placeables
    /// carried over into <see cref="MatchCandidate.SuggestedTarget"/>), or none.
    /// </summary>
    public static IReadOnlyList<PretranslatedSegment> Pretranslate(IReadOnlyList<MemorySearch> memories, IReadOnlyList<MatchQuery> segments,
        MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        var single = (options ?? MatchOptions.Default) with { MaxResults = 1 };
        var results = LookupMany(memories, segments, single, cancellationToken);
        return results.Select((matches, i) => new PretranslatedSegment(i, segments[i].Text, matches.Count > 0 ? matches[0] : null)).ToList();
    }

    /// <summary>
    /// Counts segments, words and characters of a document in the bands CAT tools quote by
    /// (<see cref="AnalysisBand"/>). A segment whose text (NFC, ordinal) appeared earlier in the
    /// document is a repetition, unless it is an in-context match. Words are words and placeables
    /// (numbers, dates, URLs, e-mails); characters are the characters that are not white space.
    /// </summary>
    public static AnalysisReport Analyze(IReadOnlyList<MemorySearch> memories, IReadOnlyList<MatchQuery> segments,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var options = new MatchOptions { MinScore = 50, MaxResults = 1 };
        var best = LookupMany(memories, segments, options, cancellationToken);
        var counts = new (int Segments, long Words, long Characters)[Enum.GetValues<AnalysisBand>().Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Count; i++)
        {
            var text = segments[i].Text;
            var score = best[i].Count > 0 ? best[i][0].Score : -1;
            var repeated = !seen.Add(text.Text);
            var band = score >= MatchOptions.InContextScore ? AnalysisBand.InContext
                : repeated ? AnalysisBand.Repetition
                : Band(score);
            var (words, characters) = Count(text);
            ref var row = ref counts[(int)band];
            row = (row.Segments + 1, row.Words + words, row.Characters + characters);
        }

        var rows = Enum.GetValues<AnalysisBand>().Select(b => new AnalysisRow(b, counts[(int)b].Segments, counts[(int)b].Words,
            counts[(int)b].Characters)).ToList();
        return new AnalysisReport(rows);
    }

    /// <summary>The band of a best score (-1: no match at 50 or more).</summary>
    public static AnalysisBand Band(int score) => score switch
    {
        >= MatchOptions.InContextScore => AnalysisBand.InContext,
        100 => AnalysisBand.Exact,
        >= 95 => AnalysisBand.Fuzzy95To99,
        >= 85 => AnalysisBand.Fuzzy85To94,
        >= 75 => AnalysisBand.Fuzzy75To84,
        >= 50 => AnalysisBand.Fuzzy50To74,
        _ => AnalysisBand.NoMatch,
    };

    /// <summary>Words (words and placeables other than tags) and characters (<see cref="CharacterCount"/>).</summary>
    public static (int Words, int Characters) Count(SegmentText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = 0;
        foreach (var token in Tokenizer.Tokenize(text, NumberConvention.DecimalComma))
        {
            words += token.IsTermBearing ? 1 : 0;
        }

        return (words, CharacterCount.Count(text.Text));
    }
}
