using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Tarjuma.Alignment;
using Tarjuma.Alignment.Evidence;

namespace Tarjuma.Evaluation.Alignment.Training;

/// <summary>
/// Trains the bead scorer from reference alignments. Negatives are the realistic ones the search
/// meets: every bead shape starting at or within two sentences of a reference path corner that is
/// not itself a reference bead (a wrong neighbour, a merge of two 1-1 beads, a split of a 1-2).
/// </summary>
internal static class BeadModelTrainer
{
    /// <summary>How far from a reference corner candidate beads start, in sentences on each side.</summary>
    public const int CandidateRadius = 2;

    /// <summary>Deterministic: fixed seed, single-threaded L-BFGS.</summary>
    public const int Seed = 20261128;

    /// <summary>
    /// Examples from <paramref name="documents"/>; each document appears once with the lexicon
    /// <paramref name="lexiconFor"/> gives it and once without a lexicon, so that the model also
    /// serves alignments made without a memory.
    /// </summary>
    public static List<BeadExample> CollectExamples(IEnumerable<GoldDocument> documents, Func<GoldDocument, BilingualLexicon> lexiconFor, LengthModel length)
    {
        var examples = new List<BeadExample>();
        foreach (var document in documents)
        {
            var source = document.Tajik.Select(t => SentenceAnalyzer.Analyze(t, tajik: true, transliterate: true)).ToArray();
            var target = document.English.Select(t => SentenceAnalyzer.Analyze(t, tajik: false, transliterate: true)).ToArray();
            foreach (var lexicon in new[] { lexiconFor(document), BilingualLexicon.Empty })
            {
                // The aligner adapts the length ratio to each document: so must the examples.
                var pair = new DocumentPair(source, target, lexicon, length.ForDocument(source, target));
                AddCandidates(document, pair, examples);
            }
        }

        return examples;
    }

    public static ITransformer Train(MLContext context, IReadOnlyList<BeadExample> examples)
    {
        var data = context.Data.LoadFromEnumerable(examples);
        var trainer = context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(BeadExample.Label),
            FeatureColumnName = nameof(BeadExample.Features),
            // ML.NET's default L1 (1.0) is kept: it drops redundant features; a weaker L1 scored lower in cross-validation.
            L2Regularization = 0.1f,
            NumberOfThreads = 1,
        });
        return trainer.Fit(data);
    }

    public static void Save(MLContext context, ITransformer model, string path)
    {
        var schema = context.Data.LoadFromEnumerable(Array.Empty<BeadExample>()).Schema;
        context.Model.Save(model, schema, path);
    }

    private static void AddCandidates(GoldDocument document, DocumentPair pair, List<BeadExample> examples)
    {
        int n = pair.Source.Length, m = pair.Target.Length;
        var gold = new HashSet<(int, int, int, int)>();
        var corners = new List<(int I, int J)> { (0, 0) };
        int ci = 0, cj = 0;
        foreach (var (tajik, english) in document.Links)
        {
            var i0 = tajik.Length > 0 ? tajik[0] : ci;
            var j0 = english.Length > 0 ? english[0] : cj;
            gold.Add((i0, tajik.Length, j0, english.Length));
            ci = i0 + tajik.Length;
            cj = j0 + english.Length;
            corners.Add((ci, cj));
        }

        var cells = new CellCache(pair, Band.Diagonal(n, m, Math.Max(n, m) + 4));
        var starts = new HashSet<(int, int)>();
        foreach (var (i, j) in corners)
        {
            for (var di = -CandidateRadius; di <= CandidateRadius; di++)
            {
                for (var dj = -CandidateRadius; dj <= CandidateRadius; dj++)
                {
                    starts.Add((i + di, j + dj));
                }
            }
        }

        foreach (var (i0, j0) in starts.OrderBy(s => s))
        {
            foreach (var (a, b) in BeadFeatures.Shapes)
            {
                if (a == 0 || b == 0 || i0 < 0 || j0 < 0 || i0 + a > n || j0 + b > m)
                {
                    continue;
                }

                var features = new float[BeadFeatures.Count];
                BeadFeatures.Compute(pair, cells, i0, a, j0, b, features);
                examples.Add(new BeadExample { Features = features, Label = gold.Contains((i0, a, j0, b)) });
            }
        }
    }
}

/// <summary>One training row for ML.NET.</summary>
internal sealed class BeadExample
{
    [VectorType(BeadFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
