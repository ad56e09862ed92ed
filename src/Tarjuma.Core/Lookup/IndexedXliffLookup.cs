using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Xliff;

namespace Tarjuma.Core.Lookup;

/// <summary>The XLIFF leverage step's lookups in a memory's retrieval indexes (tags included in the query).</summary>
public sealed class IndexedXliffLookup(IndexedMemoryStore store, string memory) : IXliffLookup
{
    private readonly Dictionary<string, (IReadOnlyList<MemorySearch> Searches, IReadOnlyDictionary<string,
        MemorySide> Sides)> _resolved = new(StringComparer.Ordinal);

    public async Task<LanguageTag> ResolveAsync(LanguageTag? language, CancellationToken cancellationToken)
    {
        var (searches, _) = await SearchesAsync(language, cancellationToken);
        return searches[0].Index.Language;
    }

    public async Task<IReadOnlyList<LookupMatch>> LookupAsync(LanguageTag? language, MatchQuery query, int minScore, int maxResults,
        CancellationToken cancellationToken)
    {
        var (searches, sides) = await SearchesAsync(language, cancellationToken);
        var candidates = Matcher.Lookup(searches, query, new MatchOptions { MinScore = minScore, MaxResults = maxResults });
        return await MemoryLookup.ToMatchesAsync(store, candidates, searches, sides, cancellationToken);
    }

    private async Task<(IReadOnlyList<MemorySearch> Searches, IReadOnlyDictionary<string, MemorySide> Sides)> SearchesAsync(LanguageTag? language,
        CancellationToken cancellationToken)
    {
        var key = language?.Value ?? string.Empty;
        if (!_resolved.TryGetValue(key, out var resolved))
        {
            resolved = await MemoryLookup.ResolveAsync(store, new LookupQuery(memory, "-", language), cancellationToken);
            _resolved[key] = resolved;
        }

        return resolved;
    }
}
