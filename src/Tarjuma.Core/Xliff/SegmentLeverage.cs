using System.Xml.Linq;
using Tarjuma.Core.Lookup;

namespace Tarjuma.Core.Xliff;

/// <summary>One segment's matches (best first) and the one chosen to fill its target, already rendered.</summary>
/// <param name="Matches">Candidates at or above the candidate threshold.</param>
/// <param name="Fill">The best match at or above the fill threshold whose tags could be placed.</param>
/// <param name="FillNodes">Its target as the document's markup.</param>
internal sealed record SegmentLeverage(IReadOnlyList<LookupMatch> Matches, LookupMatch? Fill, IReadOnlyList<XNode>? FillNodes)
{
    public static SegmentLeverage None { get; } = new([], null, null);
}
