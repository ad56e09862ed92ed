using System.Globalization;
using Microsoft.ML;
using Tarjuma.Alignment;
using Tarjuma.Alignment.Evidence;

namespace Tarjuma.Evaluation.Alignment.Training;

/// <summary>
/// The one training recipe, used for the shipped model and for each cross-validation fold:
/// features of a document see a memory lexicon learned from the other half of the training
/// documents (never from the document itself), then logistic regression, then the 1-0/0-1 cost
/// chosen by strict F1 on the same training documents.
/// </summary>
internal static class TrainingRecipe
{
    public static readonly double[] NullCostGrid = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0];

    public static readonly double[] MergeCostGrid = [0, 0.5, 1.0, 1.5, 2.0, 3.0];

    public static (ITransformer Model, BeadScorer Scorer, double NullCost, double MergeCost) Train(MLContext context, IReadOnlyList<GoldDocument> training,
        LengthModel length, TextWriter? log)
    {
        var halfA = training.Where((_, i) => i % 2 == 0).ToList();
        var halfB = training.Where((_, i) => i % 2 == 1).ToList();
        var lexiconA = BilingualLexicon.Learn(Units(halfA));
        var lexiconB = BilingualLexicon.Learn(Units(halfB));
        var inA = halfA.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        BilingualLexicon LexiconFor(GoldDocument d) => inA.Contains(d.Name) ? lexiconB : lexiconA;

        var examples = BeadModelTrainer.CollectExamples(training, LexiconFor, length);
        var model = BeadModelTrainer.Train(context, examples);
        var scorer = BeadScorer.FromTransformer(model);
        if (log is not null)
        {
            log.WriteLine(FormattableString
                .Invariant($"examples: {examples.Count} ({examples.Count(e => e.Label)} positive) from {training.Count} documents x 2 (with/without lexicon)"));
            log.WriteLine(FormattableString.Invariant($"lexicon stems: half A {lexiconA.Count}, half B {lexiconB.Count}"));
            for (var k = 0; k < BeadFeatures.Count; k++)
            {
                log.WriteLine(FormattableString.Invariant($"  w[{BeadFeatures.Names[k],-16}] = {scorer.Weights[k],8:0.000}"));
            }

            log.WriteLine(FormattableString.Invariant($"  bias               = {scorer.Bias,8:0.000}"));
        }

        var (bestNull, bestMerge) = (NullCostGrid[0], MergeCostGrid[0]);
        var bestF1 = -1.0;
        foreach (var mergeCost in MergeCostGrid)
        {
            foreach (var nullCost in NullCostGrid)
            {
                var options = AlignerOptions.Default with { NullCost = nullCost, MergeCost = mergeCost };
                var metrics = Evaluate(halfA, new SentenceAligner(options, lexiconB, scorer, length))
                    + Evaluate(halfB, new SentenceAligner(options, lexiconA, scorer, length));
                log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  null cost {nullCost:0.0}, merge cost {mergeCost:0.0}: {metrics}"));
                if (metrics.F1 > bestF1 + 1e-9)
                {
                    bestF1 = metrics.F1;
                    (bestNull, bestMerge) = (nullCost, mergeCost);
                }
            }
        }

        return (model, scorer, bestNull, bestMerge);
    }

    /// <summary>The reference beads of <paramref name="documents"/> as a memory would hold them (one unit a bead).</summary>
    public static IEnumerable<(string Tajik, string English)> Units(IEnumerable<GoldDocument> documents) =>
        documents.SelectMany(d => d.Links
            .Where(l => l.Tajik.Length > 0 && l.English.Length > 0)
            .Select(l => (string.Join(' ', l.Tajik.Select(i => d.Tajik[i])), string.Join(' ', l.English.Select(i => d.English[i])))));

    /// <summary>Gale–Church length parameters from the 1-1 reference beads.</summary>
    public static LengthModel EstimateLength(IEnumerable<GoldDocument> documents) =>
        LengthModel.Estimate(documents.SelectMany(d => d.Links
            .Where(l => l.Tajik.Length == 1 && l.English.Length == 1)
            .Select(l => (NonSpace(d.Tajik[l.Tajik[0]]), NonSpace(d.English[l.English[0]])))));

    public static AlignmentMetrics Evaluate(IEnumerable<GoldDocument> documents, SentenceAligner aligner)
    {
        var total = default(AlignmentMetrics);
        foreach (var document in documents)
        {
            total += AlignmentMetrics.Score(document.Links, aligner.Align(document.Tajik, document.English));
        }

        return total;
    }

    private static int NonSpace(string text) => text.Count(c => !char.IsWhiteSpace(c));
}
