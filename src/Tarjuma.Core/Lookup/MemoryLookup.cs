using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Lookup;

/// <summary>A further memory to search in one lookup, with a penalty (points) for its matches.</summary>
public sealed record MemoryPenalty(string Memory, int Penalty);

/// <summary>A lookup request.</summary>
/// <param name="Memory">The memory to search.</param>
/// <param name="Text">The segment, any normalisation form (NFC is applied).</param>
/// <param name="Language">The query's language; null means the memory's source language.</param>
/// <param name="MinScore">Lowest score returned, 1–101.</param>
/// <param name="MaxResults">Most matches returned.</param>
public sealed record LookupQuery(string Memory, string Text, LanguageTag? Language = null, int MinScore = LookupQuery.DefaultMinScore,
    int MaxResults = LookupQuery.DefaultMaxResults)
{
    public const int DefaultMinScore = 70;
    public const int DefaultMaxResults = 5;
    public const int MaxMaxResults = MatchOptions.MaxResultsLimit;

    /// <summary>The segment before <see cref="Text"/> in its document, for in-context (101) matches.</summary>
    public string? PreviousText { get; init; }

    /// <summary>The segment after <see cref="Text"/>.</summary>
    public string? NextText { get; init; }

    /// <summary>Penalty for matches of <see cref="Memory"/> itself.</summary>
    public int Penalty { get; init; }

    /// <summary>More memories searched in the same call.</summary>
    public IReadOnlyList<MemoryPenalty> MoreMemories { get; init; } = [];
}

/// <summary>A match: the unit oriented so that its source is in the query's language, and the suggestion.</summary>
public sealed record LookupMatch(int Score, TranslationUnit Unit, string Memory)
{
    /// <summary>The target with the query's placeables carried over; the unit's target when nothing changed.</summary>
    public SegmentText? Suggestion { get; init; }

    public bool TargetAdjusted { get; init; }

    /// <summary>Ranges of the query that differ from the unit's source.</summary>
    public IReadOnlyList<TextRange> Differences { get; init; } = [];

    /// <summary>Ranges of the query holding differing placeables not carried into <see cref="Suggestion"/> (see
    /// <see cref="Matching.MatchCandidate.NotCarriedRanges"/>).</summary>
    public IReadOnlyList<TextRange> NotCarried { get; init; } = [];

    /// <summary>Score before the memory's penalty.</summary>
    public int RawScore { get; init; }
}

/// <summary>
/// Looks segments up in memories, in either direction, through the retrieval indexes; the one
/// lookup flow the server and the command line share.
/// </summary>
public static class MemoryLookup
{
    public static async Task<IReadOnlyList<LookupMatch>> LookupAsync(IndexedMemoryStore store, LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.Text))
        {
            throw TarjumaException.InvalidArgument("text", "must not be empty.");
        }

        var (searches, sides) = await ResolveAsync(store, query, cancellationToken);
        var matchQuery = new MatchQuery(SegmentText.Plain(query.Text))
        {
            PreviousSource = query.PreviousText is { Length: > 0 } previous ? TextNormalizer.ToNfc(previous) : null,
            NextSource = query.NextText is { Length: > 0 } next ? TextNormalizer.ToNfc(next) : null,
        };
        var options = new MatchOptions { MinScore = query.MinScore, MaxResults = query.MaxResults };
        var candidates = Matcher.Lookup(searches, matchQuery, options);
        return await ToMatchesAsync(store, candidates, searches, sides, cancellationToken);
    }

    /// <summary>The indexes a query searches: its memory's and every further memory's, on the side in the query's language.</summary>
    public static async Task<(IReadOnlyList<MemorySearch> Searches, IReadOnlyDictionary<string, MemorySide> Sides)> ResolveAsync(
        IndexedMemoryStore store, LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var searches = new List<MemorySearch>();
        var sides = new Dictionary<string, MemorySide>(StringComparer.Ordinal);
        var all = new List<MemoryPenalty> { new(query.Memory, query.Penalty) };
        all.AddRange(query.MoreMemories);
        for (var i = 0; i < all.Count; i++)
        {
            var field = i == 0 ? "memory" : $"more_memories[{i - 1}]";
            var name = MemoryName.Validate(all[i].Memory, i == 0 ? "memory" : $"{field}.name");
            if (all[i].Penalty is < 0 or > 100)
            {
                throw TarjumaException.InvalidArgument(i == 0 ? "penalty" : $"{field}.penalty", $"must be between 0 and 100, not {all[i].Penalty}.");
            }

            if (sides.ContainsKey(name))
            {
                throw TarjumaException.InvalidArgument(field, $"memory '{name}' is named twice.");
            }

            var memory = await store.FindMemoryForLookupAsync(name, cancellationToken) ?? throw TarjumaException.MemoryNotFound(name);
            var language = query.Language ?? (i == 0 ? null : searches[0].Index.Language);
            var side = ResolveSide(memory, language);
            sides[name] = side;
            searches.Add(new MemorySearch(name, await store.GetIndexForLookupAsync(memory, side, cancellationToken), all[i].Penalty));
        }

        return (searches, sides);
    }

    /// <summary>Fills candidates in with their stored units (metadata) and orients them to the query's language.</summary>
    public static async Task<IReadOnlyList<LookupMatch>> ToMatchesAsync(
        IndexedMemoryStore store, IReadOnlyList<MatchCandidate> candidates, IReadOnlyList<MemorySearch> searches, IReadOnlyDictionary<string, MemorySide> sides,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(searches);
        ArgumentNullException.ThrowIfNull(sides);
        // One read per memory for all its matches (a lookup runs this on every call).
        var units = new Dictionary<(string Memory, long Id), TranslationUnit>();
        foreach (var group in candidates.GroupBy(c => c.Memory ?? searches[0].Memory, StringComparer.Ordinal))
        {
            foreach (var unit in await store.FindUnitsAsync(group.Key, [.. group.Select(c => c.UnitId)], cancellationToken))
            {
                units[(group.Key, unit.Id)] = unit;
            }
        }

        var matches = new List<LookupMatch>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var memory = candidate.Memory ?? searches[0].Memory;
            if (!units.TryGetValue((memory, candidate.UnitId), out var unit))
            {
                continue; // Deleted between search and read.
            }

            var penalty = searches.First(s => string.Equals(s.Memory, memory, StringComparison.Ordinal)).Penalty;
            matches.Add(new LookupMatch(candidate.Score, sides[memory] == MemorySide.Source ? unit : Reverse(unit), memory)
            {
                Suggestion = candidate.SuggestedTarget,
                TargetAdjusted = candidate.TargetAdjusted,
                Differences = candidate.DifferingRanges,
                NotCarried = candidate.NotCarriedRanges,
                RawScore = candidate.Score + penalty,
            });
        }

        return matches;
    }

    /// <summary>Which side of <paramref name="memory"/> a query in <paramref name="language"/> searches.</summary>
    public static MemorySide ResolveSide(MemoryInfo memory, LanguageTag? language)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (language is not { } tag || memory.SourceLanguage.Accepts(tag))
        {
            return MemorySide.Source;
        }

        return memory.TargetLanguage.Accepts(tag)
            ? MemorySide.Target
            : throw TarjumaException.InvalidArgument("language",
                $"memory '{memory.Name}' is {memory.SourceLanguage}→{memory.TargetLanguage}; it cannot be searched in {tag}.");
    }

    /// <summary>The unit seen from its target side (reverse lookup); context is not carried over.</summary>
    public static TranslationUnit Reverse(TranslationUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit with { Source = unit.Target, Target = unit.Source, PreviousSource = null, NextSource = null };
    }
}
