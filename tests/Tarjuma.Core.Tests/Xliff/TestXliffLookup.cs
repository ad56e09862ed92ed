using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Tests.Matching;
using Tarjuma.Core.Xliff;

namespace Tarjuma.Core.Tests.Xliff;

/// <summary>The leverage port over an in-memory index of test units (Tajik → English).</summary>
internal sealed class TestXliffLookup(params TranslationUnit[] units) : IXliffLookup
{
    private readonly MemoryIndex _index = TestMemory.Tajik(units);

    /// <summary>Every query made, for checks on context.</summary>
    public List<MatchQuery> Queries { get; } = [];

    public Task<LanguageTag> ResolveAsync(LanguageTag? language, CancellationToken cancellationToken) =>
        Task.FromResult(TestMemory.TajikLanguage);

    public Task<IReadOnlyList<LookupMatch>> LookupAsync(LanguageTag? language, MatchQuery query, int minScore, int maxResults,
        CancellationToken cancellationToken)
    {
        Queries.Add(query);
        IReadOnlyList<LookupMatch> matches = [.. _index.Search(query, new MatchOptions { MinScore = minScore, MaxResults = maxResults }).Select(c =>
            new LookupMatch(c.Score, new TranslationUnit { Id = c.UnitId, Source = c.Source, Target = c.Target }, "news")
            {
                Suggestion = c.SuggestedTarget,
                TargetAdjusted = c.TargetAdjusted,
            })];
        return Task.FromResult(matches);
    }
}
