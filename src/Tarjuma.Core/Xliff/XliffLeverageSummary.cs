using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Xliff;

/// <summary>What a leverage run did.</summary>
/// <param name="Version">The document's XLIFF version as declared (<c>1.2</c>, <c>2.0</c>, <c>2.1</c>).</param>
/// <param name="Units">Translation units read (<c>trans-unit</c> / <c>unit</c>), including skipped ones.</param>
/// <param name="SkippedUnits">Units marked <c>translate="no"</c>.</param>
/// <param name="Segments">Segments looked up.</param>
/// <param name="SegmentsWithCandidates">Segments given at least one candidate.</param>
/// <param name="FilledSegments">Segments whose target was filled.</param>
/// <param name="UnplaceableSegments">Segments whose best fill-worthy match was offered but not filled because its tags could not be placed.</param>
/// <param name="FilledByBand">Filled segments per band of their match (<see cref="AnalysisBand"/> order).</param>
/// <param name="BestByBand">Looked-up segments per band of their best match (<see cref="AnalysisBand.NoMatch"/> without one; no repetition band).</param>
public sealed record XliffLeverageSummary(
    string Version,
    int Units,
    int SkippedUnits,
    int Segments,
    int SegmentsWithCandidates,
    int FilledSegments,
    int UnplaceableSegments,
    IReadOnlyList<int> FilledByBand,
    IReadOnlyList<int> BestByBand);
