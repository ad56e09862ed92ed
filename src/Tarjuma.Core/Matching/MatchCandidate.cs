using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// One suggestion: the unit's text on the searched side (<see cref="Source"/>, in the query's
/// language) and on the other side, with the placeables of the query carried into
/// <see cref="SuggestedTarget"/> when they differ.
/// </summary>
/// <param name="UnitId">The unit's store id (the full unit with metadata is in the store).</param>
/// <param name="Score">0–101; see <see cref="MatchOptions"/> for the formula.</param>
/// <param name="Source">The unit's text on the searched side.</param>
/// <param name="Target">The unit's text on the other side, as stored.</param>
/// <param name="SuggestedTarget"><see cref="Target"/> with the query's numbers, dates, URLs, e-mails and tags carried over.</param>
/// <param name="TargetAdjusted">True when <see cref="SuggestedTarget"/> differs from <see cref="Target"/>: every differing placeable of the query was carried
/// over.</param>
/// <param name="DifferingRanges">Ranges of the query text (UTF-16) whose tokens differ from the source, for highlighting.</param>
public sealed record MatchCandidate(
    long UnitId,
    int Score,
    SegmentText Source,
    SegmentText Target,
    SegmentText SuggestedTarget,
    bool TargetAdjusted,
    IReadOnlyList<TextRange> DifferingRanges)
{
    /// <summary>The memory the match came from, when several were searched.</summary>
    public string? Memory { get; init; }

    /// <summary>
    /// Ranges of the query text (UTF-16) holding placeables that differ from the unit and are not
    /// in <see cref="SuggestedTarget"/>: when any placeable cannot be carried over with certainty
    /// the target is left as stored (<see cref="TargetAdjusted"/> false) and all of them are listed.
    /// </summary>
    public IReadOnlyList<TextRange> NotCarriedRanges { get; init; } = [];
}
