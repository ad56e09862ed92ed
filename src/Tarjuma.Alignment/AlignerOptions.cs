namespace Tarjuma.Alignment;

/// <summary>How beads are scored and searched. Immutable; build once and share.</summary>
public sealed record AlignerOptions
{
    /// <summary>Shared defaults: learned model, lexicon, transliteration, no realign.</summary>
    public static AlignerOptions Default { get; } = new();

    /// <summary>How bead costs are computed. Default <see cref="BeadScoring.Model"/>.</summary>
    public BeadScoring Scoring { get; init; } = BeadScoring.Model;

    /// <summary>Use the bilingual lexicon (memory + realign) as evidence. Default true.</summary>
    public bool UseLexicon { get; init; } = true;

    /// <summary>Match names through Tajik Cyrillic → Latin transliteration. Default true.</summary>
    public bool UseTransliteration { get; init; } = true;

    /// <summary>
    /// Run another pass with a lexicon learned from the confident 1-1 beads of the first one
    /// (hunalign's realign); skipped for documents too short to learn from. Default false: on the
    /// 10,000-sentence benchmark it cost twice the time and lowered strict F1 (0.966 vs 0.970),
    /// because the model was trained with lexicons from other documents, not from the same one.
    /// </summary>
    public bool Realign { get; init; }

    /// <summary>
    /// Scale the length model to the document's own English/Tajik character ratio (shrunk towards
    /// the trained one, see <see cref="Evidence.LengthModel.ForDocument"/>), as hunalign does:
    /// translators differ in verbosity far more between documents than within one. Default true.
    /// </summary>
    public bool AdaptLengthRatio { get; init; } = true;

    /// <summary>Beads whose confidence is below this are flagged for review. Default 0.5 (probability).</summary>
    public double ReviewThreshold { get; init; } = 0.5;

    /// <summary>
    /// Cost (negative log-probability units) of leaving one sentence unaligned in a 1-0 or 0-1 bead.
    /// Default chosen on the development documents by the training command (see Model/README.md).
    /// </summary>
    public double NullCost { get; init; } = 3.5;

    /// <summary>
    /// Cost added to a merge bead (1-2, 2-1, 2-2, 1-3, 3-1) over the scorer's −log p. The scorer is
    /// trained on candidates of every shape around the reference corners, so its p says how well a
    /// bead's sentences match, not how rare merges are on a path; without this prior two
    /// length-mismatched 1-1 beads lose to a 0-1 plus a 2-1 whose lengths add up. Chosen on the
    /// development documents with <see cref="NullCost"/> by the training command (see Model/README.md).
    /// </summary>
    public double MergeCost { get; init; } = 2.0;

    /// <summary>Smallest half-width of the search band around the diagonal, in sentences. Default 25.</summary>
    public int MinBandWidth { get; init; } = 25;
}

/// <summary>What turns evidence into a bead cost.</summary>
public enum BeadScoring
{
    /// <summary>The shipped ML.NET logistic-regression model over all features.</summary>
    Model,

    /// <summary>Plain Gale–Church (1993): length only, with their bead priors. The baseline.</summary>
    GaleChurch,

    /// <summary>Gale–Church length plus hand-weighted anchors and lexicon, without the learned model (ablation).</summary>
    HandWeighted,
}
