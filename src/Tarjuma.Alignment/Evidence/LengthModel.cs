namespace Tarjuma.Alignment.Evidence;

/// <summary>
/// Gale &amp; Church (1993) length evidence: the target length of a bead is normally distributed
/// around <c>Ratio · source</c> with variance <c>Variance · source</c> (characters).
/// </summary>
/// <param name="Ratio">Mean target characters per source character.</param>
/// <param name="Variance">Variance of target characters per source character.</param>
internal sealed record LengthModel(double Ratio, double Variance)
{
    /// <summary>Costs are capped: beyond this the bead is impossible anyway and the cap keeps features finite.</summary>
    public const double MaxCost = 25;

    /// <summary>
    /// Estimated from the 915 NTREX-128 Tajik–English pairs (characters without spaces), Tajik as source:
    /// English is about 0.89 of the Tajik length. Re-estimated by the training command.
    /// </summary>
    public static LengthModel TajikEnglish { get; } = new(0.8873, 2.903);

    /// <summary>
    /// Characters of prior weight when adapting the ratio to a document: a short document (a few
    /// sentences) keeps close to the trained ratio, a page-long one mostly speaks for itself.
    /// </summary>
    public const double PriorCharacters = 1000;

    /// <summary>
    /// Adapted ratio kept within this factor of the trained one: a document with whole paragraphs
    /// missing on one side must not drag the ratio to where true 1-1 beads look wrong.
    /// </summary>
    public const double MaxAdaptation = 1.5;

    /// <summary>Least-squares estimate from aligned pairs (source, target lengths).</summary>
    public static LengthModel Estimate(IEnumerable<(int Source, int Target)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.Where(p => p.Source > 0 && p.Target > 0).ToList();
        if (list.Count < 2)
        {
            return TajikEnglish;
        }

        double sumSource = list.Sum(p => (double)p.Source), sumTarget = list.Sum(p => (double)p.Target);
        var ratio = sumTarget / sumSource;
        var variance = list.Sum(p => Math.Pow(p.Target - (ratio * p.Source), 2)) / sumSource;
        return new LengthModel(ratio, Math.Max(variance, 0.5));
    }

    /// <summary>
    /// This model with its ratio moved to the documents' own total length ratio, shrunk towards
    /// the trained ratio by <see cref="PriorCharacters"/> and bounded by <see cref="MaxAdaptation"/>.
    /// </summary>
    public LengthModel ForDocument(IEnumerable<SentenceEvidence> source, IEnumerable<SentenceEvidence> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        double sourceTotal = source.Sum(e => (double)e.Length), targetTotal = target.Sum(e => (double)e.Length);
        var ratio = (targetTotal + (PriorCharacters * Ratio)) / (sourceTotal + PriorCharacters);
        return this with { Ratio = Math.Clamp(ratio, Ratio / MaxAdaptation, Ratio * MaxAdaptation) };
    }

    /// <summary>−log P(|δ| ≥ observed) for a bead of the given total lengths (Gale–Church's match cost).</summary>
    public double Cost(int source, int target)
    {
        if (source == 0 && target == 0)
        {
            return 0;
        }

        var mean = (source + (target / Ratio)) / 2.0;
        var delta = (target - (source * Ratio)) / Math.Sqrt(Math.Max(mean, 1) * Variance);
        var tail = 2 * (1 - NormalCdf(Math.Abs(delta)));
        return tail <= 0 ? MaxCost : Math.Min(MaxCost, -Math.Log(tail));
    }

    // Abramowitz & Stegun 26.2.17, absolute error below 7.5e-8: enough for a cost.
    private static double NormalCdf(double x)
    {
        var t = 1 / (1 + (0.2316419 * x));
        var density = Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        var poly = t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        return 1 - (density * poly);
    }
}
