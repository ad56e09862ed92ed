using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Lookup;

/// <summary>A document to analyse or pre-translate against a memory.</summary>
/// <param name="Memory">The memory.</param>
/// <param name="Language">The document's language; null: the memory's source language.</param>
/// <param name="Text">Plain text, segmented with the built-in rules (when <paramref name="Segments"/> is null).</param>
/// <param name="Segments">Segments already cut.</param>
/// <param name="MinScore">Pre-translation threshold.</param>
public sealed record DocumentQuery(string Memory, LanguageTag? Language, string? Text, IReadOnlyList<string>? Segments,
    int MinScore = DocumentQuery.DefaultMinScore)
{
    public const int DefaultMinScore = 75;

    /// <summary>Segments per document at most: bounds one call's work.</summary>
    public const int MaxSegments = 100_000;

    /// <summary>Rules to segment <see cref="Text"/> with; null: the built-in rules. The memory's rules (its abbreviations) in the server and the command
    /// line.</summary>
    public SrxDocument? Rules { get; init; }
}

/// <summary>A segment of a document: its text, where it is (zero when given pre-segmented) and its best match.</summary>
public sealed record DocumentSegment(string Text, int Start, int Length, LookupMatch? Match);

/// <summary>A concordance hit with its full unit, oriented to the searched side's language.</summary>
public sealed record ConcordanceResult(TranslationUnit Unit, string Memory, IReadOnlyList<TextRange> SourceRanges, IReadOnlyList<TextRange> TargetRanges);

/// <summary>Which side(s) a concordance search reads.</summary>
public enum ConcordanceSide
{
    Both = 0,
    Source = 1,
    Target = 2,
}

/// <summary>Analysis, pre-translation and concordance over the indexes: shared by the server and the CLI.</summary>
public static class DocumentTools
{
    public static async Task<AnalysisReport> AnalyzeAsync(IndexedMemoryStore store, DocumentQuery query, CancellationToken cancellationToken)
    {
        var (searches, _, segments) = await PrepareAsync(store, query, cancellationToken);
        return Matcher.Analyze(searches, WithContext(segments), cancellationToken);
    }

    public static async Task<IReadOnlyList<DocumentSegment>> PretranslateAsync(IndexedMemoryStore store, DocumentQuery query,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MinScore is < 1 or > MatchOptions.InContextScore)
        {
            throw TarjumaException.InvalidArgument("min_score", $"must be between 1 and {MatchOptions.InContextScore}, not {query.MinScore}.");
        }

        var (searches, sides, segments) = await PrepareAsync(store, query, cancellationToken);
        var pretranslated = Matcher.Pretranslate(searches, WithContext(segments), new MatchOptions { MinScore = query.MinScore }, cancellationToken);
        var result = new List<DocumentSegment>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            LookupMatch? match = null;
            if (pretranslated[i].Match is { } candidate)
            {
                var matches = await MemoryLookup.ToMatchesAsync(store, [candidate], searches, sides, cancellationToken);
                match = matches.Count > 0 ? matches[0] : null;
            }

            result.Add(segments[i] with { Match = match });
        }

        return result;
    }

    /// <summary>One page of units containing <paramref name="phrase"/> (folded), with ranges on both sides.</summary>
    public static async Task<(IReadOnlyList<ConcordanceResult> Hits, int Total)> ConcordanceAsync(
        IndexedMemoryStore store, string memory, string phrase, ConcordanceSide side, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = MemoryName.Validate(memory);
        if (string.IsNullOrWhiteSpace(phrase) || phrase.Trim().Length < MemoryIndex.MinConcordanceLength || phrase.Length > MemoryIndex.MaxConcordanceLength)
        {
            throw TarjumaException.InvalidArgument("query",
                $"a concordance query has {MemoryIndex.MinConcordanceLength}-{MemoryIndex.MaxConcordanceLength} characters.");
        }

        var info = await store.FindMemoryAsync(name, cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
        var sides = side switch
        {
            ConcordanceSide.Source => new[] { MemorySide.Source },
            ConcordanceSide.Target => [MemorySide.Target],
            _ => [MemorySide.Source, MemorySide.Target],
        };

        // Pages run over the sides in order: all source hits, then all target hits.
        var hits = new List<ConcordanceResult>();
        var total = 0;
        foreach (var s in sides)
        {
            var index = await store.GetIndexAsync(info, s, cancellationToken);
            var localSkip = Math.Max(0, skip - total);
            var localTake = Math.Max(0, take - hits.Count);
            var page = index.Concordance(phrase, localSkip, localTake);
            total += page.Total;
            foreach (var hit in page.Hits)
            {
                var unit = await store.FindUnitAsync(name, hit.UnitId, cancellationToken);
                if (unit is null)
                {
                    continue;
                }

                hits.Add(s == MemorySide.Source
                    ? new ConcordanceResult(unit, name, hit.Ranges, [])
                    : new ConcordanceResult(unit, name, [], hit.Ranges));
            }
        }

        return (hits, total);
    }

    private static async Task<(IReadOnlyList<MemorySearch> Searches, IReadOnlyDictionary<string, MemorySide> Sides,
        List<DocumentSegment> Segments)> PrepareAsync(
        IndexedMemoryStore store, DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var (searches, sides) = await MemoryLookup.ResolveAsync(store, new LookupQuery(query.Memory, "-", query.Language), cancellationToken);
        List<DocumentSegment> segments;
        if (query.Segments is { Count: > 0 } given)
        {
            segments = [.. given.Select(s => new DocumentSegment(s, 0, 0, null))];
        }
        else if (!string.IsNullOrEmpty(query.Text))
        {
            var text = query.Text;
            var segmenter = Segmenter.Create(new SegmenterOptions { Language = searches[0].Index.Language.Value, Rules = query.Rules });
            segments = [.. segmenter.Segment(text, cancellationToken).Select(span => new DocumentSegment(text.Substring(span.Start, span.Length), span.Start,
                span.Length, null))];
        }
        else
        {
            throw TarjumaException.InvalidArgument("text", "give the document as text or as segments.");
        }

        if (segments.Count > DocumentQuery.MaxSegments)
        {
            throw new TarjumaException(ErrorKind.ResourceExhausted, $"a document has at most {DocumentQuery.MaxSegments} segments; split it.", "text");
        }

        return (searches, sides, segments);
    }

    /// <summary>Each segment as a query whose neighbours are the document's neighbouring segments (for 101).</summary>
    private static List<MatchQuery> WithContext(List<DocumentSegment> segments)
    {
        var queries = new List<MatchQuery>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            queries.Add(new MatchQuery(SegmentText.Plain(segments[i].Text))
            {
                PreviousSource = i > 0 ? TextNormalizer.ToNfc(segments[i - 1].Text) : null,
                NextSource = i + 1 < segments.Count ? TextNormalizer.ToNfc(segments[i + 1].Text) : null,
            });
        }

        return queries;
    }
}
