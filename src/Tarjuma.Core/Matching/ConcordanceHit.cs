using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>A unit whose searched side contains the phrase, with where (UTF-16 ranges of <see cref="Text"/>).</summary>
public sealed record ConcordanceHit(long UnitId, SegmentText Text, SegmentText Translation, IReadOnlyList<TextRange> Ranges)
{
    /// <summary>The memory of the unit, when several were searched.</summary>
    public string? Memory { get; init; }
}

/// <summary>One page of concordance hits, in index order, and how many units matched in all.</summary>
public sealed record ConcordancePage(IReadOnlyList<ConcordanceHit> Hits, int Total);
