using System.Globalization;
using Microsoft.ML;
using Tarjuma.Alignment;
using Tarjuma.Evaluation.Alignment.Training;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>align-train [model path]</c>: trains the shipped bead scorer on all NTREX-128 development
/// documents and writes <c>src/Tarjuma.Alignment/Model/aligner.zip</c>. Deterministic (fixed seed,
/// one thread): the same data gives the same file.
/// </summary>
internal sealed class AlignmentTrainCommand : IBenchmarkCommand
{
    public string Name => "align-train";

    public string Description => "train the aligner's ML.NET bead model on NTREX-128 dev (writes Model/aligner.zip)";

    public Task<int> RunAsync(string[] args)
    {
        var documents = AlignmentData.LoadNtrex();
        if (documents is null)
        {
            return Task.FromResult(1);
        }

        var path = args.Length > 0 ? args[0] : AlignmentData.ModelPath;
        var length = TrainingRecipe.EstimateLength(documents);
        Console.WriteLine(FormattableString.Invariant($"length model (en chars per tg char): ratio {length.Ratio:0.0000}, variance {length.Variance:0.000}"));
        var context = new MLContext(seed: BeadModelTrainer.Seed);
        var (model, scorer, nullCost, mergeCost) = TrainingRecipe.Train(context, documents, length, Console.Out);
        BeadModelTrainer.Save(context, model, path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best null cost {nullCost:0.0}, merge cost {mergeCost:0.0}; model written to {path}"));

        // The search uses the weights read out of the model; check them against ML.NET's own prediction.
        using var stream = File.OpenRead(path);
        var reloaded = BeadScorer.Load(stream);
        var maxDifference = CompareWithMlNet(context, model, reloaded);
        Console.WriteLine(FormattableString.Invariant($"max |p(ML.NET) - p(read-out weights)| over check rows: {maxDifference:E2}"));
        return Task.FromResult(maxDifference < 1e-4 ? 0 : 3);
    }

    private static double CompareWithMlNet(MLContext context, ITransformer model, BeadScorer scorer)
    {
        var random = new Random(BeadModelTrainer.Seed);
        var rows = Enumerable.Range(0, 200).Select(_ => new BeadExample
        {
            Features = [.. Enumerable.Range(0, BeadFeatures.Count).Select(_ => (float)(random.NextDouble() * 3))],
        }).ToList();
        var predictions = context.Data.CreateEnumerable<Prediction>(model.Transform(context.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToList();
        return rows.Zip(predictions).Max(p => Math.Abs(p.Second.Probability - scorer.Probability(p.First.Features)));
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
