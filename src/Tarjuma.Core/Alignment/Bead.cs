namespace Tarjuma.Core.Alignment;

/// <summary>
/// One alignment bead: a run of consecutive source sentences paired with a run of consecutive
/// target sentences (either run may be empty for a 1-0 or 0-1 bead). Indices are 0-based into the
/// lists given to the aligner (Tarjuma.Alignment's <c>SentenceAligner.Align</c>).
/// </summary>
/// <param name="SourceStart">First source index (where the run would start when it is empty).</param>
/// <param name="SourceCount">Number of source sentences, 0–3.</param>
/// <param name="TargetStart">First target index (where the run would start when it is empty).</param>
/// <param name="TargetCount">Number of target sentences, 0–3.</param>
/// <param name="Confidence">Probability in [0, 1] that the bead is right: its posterior over all paths in the search band.</param>
/// <param name="NeedsReview">True when the confidence is below the review threshold or a side is empty.</param>
public readonly record struct Bead(int SourceStart, int SourceCount, int TargetStart, int TargetCount, double Confidence, bool NeedsReview)
{
    /// <summary>The source indices, ascending.</summary>
    public IEnumerable<int> SourceIndices => Enumerable.Range(SourceStart, SourceCount);

    /// <summary>The target indices, ascending.</summary>
    public IEnumerable<int> TargetIndices => Enumerable.Range(TargetStart, TargetCount);

    /// <summary>True for 1-0 and 0-1 beads (a sentence without a counterpart).</summary>
    public bool IsNull => SourceCount == 0 || TargetCount == 0;
}
