using Microsoft.ML;
using Tarjuma.Alignment.Evidence;
using Tarjuma.Evaluation.Alignment;
using Tarjuma.Evaluation.Alignment.Training;
using Tarjuma.Tests;

namespace Tarjuma.Alignment.Tests;

/// <summary>Targets on the public development data; skipped when <c>../shared/data</c> is absent.</summary>
public sealed class DevelopmentDataTests
{
    /// <summary>The target for strict bead F1 on the NTREX documents.</summary>
    private const double TargetF1 = 0.97;

    [SkippableFact]
    public void Cross_validated_F1_on_unseen_NTREX_documents_reaches_the_target_and_beats_Gale_Church()
    {
        var documents = GoldDocument.ReadJsonLines(SharedData.Require("ntrex-dev/alignment.jsonl"));
        var model = default(AlignmentMetrics);
        var baseline = default(AlignmentMetrics);
        for (var fold = 0; fold < 2; fold++)
        {
            var test = documents.Where((_, i) => i % 2 == fold).ToList();
            var train = documents.Where((_, i) => i % 2 != fold).ToList();
            var length = TrainingRecipe.EstimateLength(train);
            var (_, scorer, nullCost, mergeCost) = TrainingRecipe.Train(new MLContext(seed: BeadModelTrainer.Seed), train, length, log: null);
            var memory = BilingualLexicon.Learn(TrainingRecipe.Units(train));
            var options = AlignerOptions.Default with { NullCost = nullCost, MergeCost = mergeCost };
            model += TrainingRecipe.Evaluate(test, new SentenceAligner(options, memory, scorer, length));
            baseline += TrainingRecipe.Evaluate(test, new SentenceAligner(options with { Scoring = BeadScoring.GaleChurch }, null, null, length));
        }

        Assert.True(model.F1 >= TargetF1, $"cross-validated {model}");
        Assert.True(model.F1 > baseline.F1 + 0.05, $"model {model} vs Gale-Church {baseline}");
    }

    [SkippableFact]
    public void Shipped_model_aligns_the_unseen_UDHR_pair_with_its_uneven_preamble()
    {
        var udhr = GoldDocument.ReadUdhr(Path.GetDirectoryName(SharedData.Require("udhr/udhr_tgk.units.tsv"))!);

        var metrics = TrainingRecipe.Evaluate([udhr], new SentenceAligner());

        Assert.True(metrics.F1 >= TargetF1, metrics.ToString());
    }
}
