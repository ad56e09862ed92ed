using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Xliff;

/// <summary>The port the XLIFF leverage step looks segments up through (a memory's indexes, or a test double).</summary>
public interface IXliffLookup
{
    /// <summary>
    /// Checks that text in <paramref name="language"/> (null: the memory's source language) can be
    /// looked up and returns the language of the side searched, which the source is segmented by.
    /// </summary>
    Task<LanguageTag> ResolveAsync(LanguageTag? language, CancellationToken cancellationToken);

    /// <summary>Matches of <paramref name="query"/> (in <paramref name="language"/>, tags included) at or above <paramref name="minScore"/>, best
    /// first.</summary>
    Task<IReadOnlyList<LookupMatch>> LookupAsync(LanguageTag? language, MatchQuery query, int minScore, int maxResults, CancellationToken cancellationToken);
}
