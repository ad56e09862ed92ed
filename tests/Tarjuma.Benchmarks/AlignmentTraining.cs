using System.Globalization;
using Microsoft.ML;
using Tarjuma.Alignment.Alignment;
using Tarjuma.Alignment.Evaluation;
using Tarjuma.Alignment.Evidence;
using Tarjuma.Alignment.Training;

namespace Tarjuma.Benchmarks;

/// <summary>
/// The one training recipe, used for the shipped model and for each cross-validation fold:
/// features of a document see a memory lexicon learned from the other half of the training
/// documents (never from the document itself), then logistic regression, then the 1-0/0-1 cost
/// chosen by strict F1 on the same training documents.
/// </summary>
internal static class AlignmentTraining
{
    public static readonly double[] NullCostGrid = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0];

    public static (ITransformer Model, BeadScorer Scorer, double NullCost) Train(MLContext context, IReadOnlyList<GoldDocument> training, LengthModel length, bool verbose)
    {
        var halfA = training.Where((_, i) => i % 2 == 0).ToList();
        var halfB = training.Where((_, i) => i % 2 == 1).ToList();
        var lexiconA = BilingualLexicon.Learn(AlignmentData.Units(halfA));
        var lexiconB = BilingualLexicon.Learn(AlignmentData.Units(halfB));
        var inA = halfA.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        BilingualLexicon LexiconFor(GoldDocument d) => inA.Contains(d.Name) ? lexiconB : lexiconA;

        var examples = BeadModelTrainer.CollectExamples(training, LexiconFor, length);
        var model = BeadModelTrainer.Train(context, examples);
        var scorer = BeadScorer.FromTransformer(model);
        if (verbose)
        {
            Console.WriteLine(FormattableString.Invariant($"examples: {examples.Count} ({examples.Count(e => e.Label)} positive) from {training.Count} documents x 2 (with/without lexicon)"));
            Console.WriteLine(FormattableString.Invariant($"lexicon stems: half A {lexiconA.Count}, half B {lexiconB.Count}"));
            for (var k = 0; k < BeadFeatures.Count; k++)
            {
                Console.WriteLine(FormattableString.Invariant($"  w[{BeadFeatures.Names[k],-16}] = {scorer.Weights[k],8:0.000}"));
            }

            Console.WriteLine(FormattableString.Invariant($"  bias               = {scorer.Bias,8:0.000}"));
        }

        var bestCost = NullCostGrid[0];
        var bestF1 = -1.0;
        foreach (var nullCost in NullCostGrid)
        {
            var options = AlignerOptions.Default with { NullCost = nullCost };
            var metrics = AlignmentData.Evaluate(halfA, new SentenceAligner(options, lexiconB, scorer, length))
                + AlignmentData.Evaluate(halfB, new SentenceAligner(options, lexiconA, scorer, length));
            if (verbose)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  null cost {nullCost:0.0}: {metrics}"));
            }

            if (metrics.F1 > bestF1 + 1e-9)
            {
                bestF1 = metrics.F1;
                bestCost = nullCost;
            }
        }

        return (model, scorer, bestCost);
    }
}
