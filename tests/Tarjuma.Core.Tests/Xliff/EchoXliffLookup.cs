using Tarjuma.Core.Lookup;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Core.Xliff;

namespace Tarjuma.Core.Tests.Xliff;

/// <summary>
/// Matches every segment exactly, with a "translation" that is the source in upper case with the same
/// codes: every segment gets a candidate and every empty target is filled, whatever the language.
/// </summary>
internal sealed class EchoXliffLookup : IXliffLookup
{
    public Task<LanguageTag> ResolveAsync(LanguageTag? language, CancellationToken cancellationToken) =>
        Task.FromResult(language ?? LanguageTag.Parse("en", "language"));

    public Task<IReadOnlyList<LookupMatch>> LookupAsync(LanguageTag? language, MatchQuery query, int minScore, int maxResults,
        CancellationToken cancellationToken)
    {
        var target = new SegmentText(query.Text.Text.ToUpperInvariant(), query.Text.Tags);
        IReadOnlyList<LookupMatch> matches = [new LookupMatch(100, new TranslationUnit { Id = 1, Source = query.Text, Target = target },
            "echo") { Suggestion = target }];
        return Task.FromResult(matches);
    }
}
