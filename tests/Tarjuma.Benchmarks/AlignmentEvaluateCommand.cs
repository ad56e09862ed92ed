using System.Globalization;
using Microsoft.ML;
using Tarjuma.Alignment;
using Tarjuma.Alignment.Evidence;
using Tarjuma.Evaluation.Alignment;
using Tarjuma.Evaluation.Alignment.Training;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>align-eval [folds]</c>: strict bead P/R/F1 of the aligner and its ablations.
/// Honest part: cross-validation by document (default 2 folds: train on half the NTREX documents,
/// model, length ratio, null cost and memory lexicon included, test on the other half).
/// Then the shipped model on all NTREX documents (seen in training) and on the UDHR pair (unseen).
/// </summary>
internal sealed class AlignmentEvaluateCommand : IBenchmarkCommand
{
    public string Name => "align-eval";

    public string Description => "strict bead P/R/F1: cross-validated by document, ablations, UDHR, Gale-Church baseline";

    public Task<int> RunAsync(string[] args)
    {
        var documents = AlignmentData.LoadNtrex();
        if (documents is null)
        {
            return Task.FromResult(1);
        }

        var folds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var showErrors = args.Contains("--errors", StringComparer.Ordinal);
        var totals = new Dictionary<string, AlignmentMetrics>(StringComparer.Ordinal);
        var calibration = new AlignmentCalibration();
        var calibrationNoMemory = new AlignmentCalibration();
        Console.WriteLine($"NTREX-128 dev, {documents.Count} documents, {folds}-fold cross-validation by document");
        for (var fold = 0; fold < folds; fold++)
        {
            var test = documents.Where((_, i) => i % folds == fold).ToList();
            var train = documents.Where((_, i) => i % folds != fold).ToList();
            var length = TrainingRecipe.EstimateLength(train);
            var context = new MLContext(seed: BeadModelTrainer.Seed);
            var (_, scorer, nullCost, mergeCost) = TrainingRecipe.Train(context, train, length, null);
            var memory = BilingualLexicon.Learn(TrainingRecipe.Units(train));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fold {fold}: train {train.Count} docs, test {test.Count} docs, null cost {nullCost:0.0}, merge cost {mergeCost:0.0}, memory "
                    + $"lexicon {memory.Count} stems"));
            foreach (var (name, aligner) in Configurations(scorer, memory, length, nullCost, mergeCost))
            {
                var metrics = TrainingRecipe.Evaluate(test, aligner);
                totals[name] = totals.GetValueOrDefault(name) + metrics;
                Console.WriteLine($"  {name,-34} {metrics}");
                if (showErrors && name.EndsWith("(full)", StringComparison.Ordinal))
                {
                    PrintErrors(test, aligner);
                }

                var calibrated = name.EndsWith("(full)", StringComparison.Ordinal) ? calibration
                    : string.Equals(name, "ML, no memory lexicon", StringComparison.Ordinal) ? calibrationNoMemory : null;
                foreach (var document in calibrated is null ? [] : test)
                {
                    calibrated!.Add(document, aligner.Align(document.Tajik, document.English));
                }
            }
        }

        Console.WriteLine("cross-validated total (all test folds pooled):");
        foreach (var (name, metrics) in totals)
        {
            Console.WriteLine($"  {name,-34} {metrics}");
        }

        Console.WriteLine("confidence reliability, cross-validated, ML + memory lexicon (full):");
        calibration.Print(Console.Out);
        Console.WriteLine("confidence reliability, cross-validated, ML, no memory lexicon:");
        calibrationNoMemory.Print(Console.Out);

        var shippedMemory = BilingualLexicon.Learn(TrainingRecipe.Units(documents));
        Console.WriteLine(
            "shipped model, all NTREX documents (in-sample: the model was trained on them; the memory lexicon holds every document's own units):");
        foreach (var (name, aligner) in Configurations(BeadScorer.Shipped, shippedMemory, LengthModel.TajikEnglish, AlignerOptions.Default.NullCost,
            AlignerOptions.Default.MergeCost))
        {
            Console.WriteLine($"  {name,-34} {TrainingRecipe.Evaluate(documents, aligner)}");
        }

        if (Directory.Exists(AlignmentData.UdhrPath))
        {
            var udhr = GoldDocument.ReadUdhr(AlignmentData.UdhrPath);
            Console.WriteLine($"UDHR (unseen; {udhr.Tajik.Count} tg x {udhr.English.Count} en units; memory lexicon = NTREX units):");
            foreach (var (name, aligner) in Configurations(BeadScorer.Shipped, shippedMemory, LengthModel.TajikEnglish, AlignerOptions.Default.NullCost,
                AlignerOptions.Default.MergeCost))
            {
                Console.WriteLine($"  {name,-34} {TrainingRecipe.Evaluate([udhr], aligner)}");
            }
        }

        if (AlignmentData.LoadSeed() is { } seed)
        {
            Console.WriteLine($"seed pair (unseen; {seed.Tajik.Count} tg x {seed.English.Count} en sentences, reference = the diagonal):");
            foreach (var (name, aligner) in Configurations(BeadScorer.Shipped, shippedMemory, LengthModel.TajikEnglish, AlignerOptions.Default.NullCost,
                AlignerOptions.Default.MergeCost))
            {
                var beads = aligner.Align(seed.Tajik, seed.English);
                var confidences = string.Join(' ',
                    beads.Select(b =>
                        FormattableString.Invariant($"{string.Join(',', b.SourceIndices)}-{string.Join(',', b.TargetIndices)}:{b.Confidence:0.00}")));
                Console.WriteLine($"  {name,-34} {AlignmentMetrics.Score(seed.Links, beads)}");
                Console.WriteLine($"    {confidences}");
            }
        }

        return Task.FromResult(0);
    }

    /// <summary>Reference beads the aligner missed and beads it made up, with the sentences' starts.</summary>
    private static void PrintErrors(IEnumerable<GoldDocument> documents, SentenceAligner aligner)
    {
        static string Key(IEnumerable<int> s, IEnumerable<int> t) => string.Join(',', s) + "-" + string.Join(',', t);
        static string Cut(string text) => text.Length > 60 ? text[..60] : text;
        foreach (var document in documents)
        {
            var beads = aligner.Align(document.Tajik, document.English);
            var gold = document.Links.Select(l => Key(l.Tajik, l.English)).ToHashSet(StringComparer.Ordinal);
            var found = beads.Select(b => Key(b.SourceIndices, b.TargetIndices)).ToHashSet(StringComparer.Ordinal);
            foreach (var link in document.Links.Where(l => !found.Contains(Key(l.Tajik, l.English))))
            {
                Console.WriteLine(
                    $"    {document.Name} missed {Key(link.Tajik, link.English)}: {string.Join(" | ", link.Tajik.Select(i => Cut(document.Tajik[i])))} "
                        + $"<> {string.Join(" | ", link.English.Select(i => Cut(document.English[i])))}");
            }

            foreach (var bead in beads.Where(b => !gold.Contains(Key(b.SourceIndices, b.TargetIndices))))
            {
                Console.WriteLine(FormattableString
                    .Invariant($"    {document.Name} wrong  {Key(bead.SourceIndices, bead.TargetIndices)} p={bead.Confidence:0.00}"));
            }
        }
    }

    private static IEnumerable<(string Name, SentenceAligner Aligner)> Configurations(BeadScorer scorer, BilingualLexicon memory, LengthModel length,
        double nullCost, double mergeCost)
    {
        var model = AlignerOptions.Default with { NullCost = nullCost, MergeCost = mergeCost };
        yield return ("Gale-Church baseline", new SentenceAligner(model with { Scoring = BeadScoring.GaleChurch }, null, null, length));
        yield return ("no ML (hand weights) + memory", new SentenceAligner(model with { Scoring = BeadScoring.HandWeighted }, memory, null, length));
        yield return ("ML + memory lexicon (full)", new SentenceAligner(model, memory, scorer, length));
        yield return ("ML, no memory lexicon", new SentenceAligner(model, null, scorer, length));
        yield return ("ML + memory, no transliteration", new SentenceAligner(model with { UseTransliteration = false }, memory, scorer, length));
        yield return ("ML, no lexicon, no translit.", new SentenceAligner(model with { UseTransliteration = false, UseLexicon = false }, null, scorer, length));
    }
}
