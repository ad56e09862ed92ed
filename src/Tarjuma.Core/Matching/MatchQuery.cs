using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// A segment to look up, with its neighbours in the document when known: a match whose source is
/// identical and whose unit recorded the same neighbours is an in-context match (101).
/// </summary>
public sealed record MatchQuery(SegmentText Text)
{
    /// <summary>The source segment before this one in the document (null: none or unknown).</summary>
    public string? PreviousSource { get; init; }

    /// <summary>The source segment after this one in the document.</summary>
    public string? NextSource { get; init; }

    /// <summary>A plain-text query, normalised to NFC.</summary>
    public static MatchQuery Plain(string text) => new(SegmentText.Plain(text));

    internal bool HasContext => PreviousSource is not null || NextSource is not null;
}
