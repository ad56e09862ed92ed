using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Tarjuma.Core.Model;

namespace Tarjuma.Alignment;

/// <summary>
/// The learned bead scorer: ML.NET logistic regression over <see cref="BeadFeatures"/>, loaded from
/// the embedded <c>aligner.zip</c> once. The weights are read out of the ML.NET model so that the
/// banded search scores millions of candidate beads with a dot product instead of a prediction engine.
/// </summary>
public sealed class BeadScorer
{
    /// <summary>Name of the embedded model resource (see Model/README.md).</summary>
    public const string ResourceName = "Tarjuma.Alignment.aligner.zip";

    private static readonly Lazy<BeadScorer> LazyShipped = new(LoadShipped);

    private readonly float[] _weights;
    private readonly float _bias;

    internal BeadScorer(float[] weights, float bias)
    {
        if (weights.Length != BeadFeatures.Count)
        {
            throw new TarjumaException(ErrorKind.FailedPrecondition,
                $"The bead model has {weights.Length} weights; this build expects {BeadFeatures.Count}. Retrain with align-train.");
        }

        _weights = weights;
        _bias = bias;
    }

    /// <summary>The model shipped in this assembly, loaded on first use.</summary>
    public static BeadScorer Shipped => LazyShipped.Value;

    internal IReadOnlyList<float> Weights => _weights;

    internal float Bias => _bias;

    /// <summary>Loads a model saved by the training command from a stream.</summary>
    public static BeadScorer Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var context = new MLContext(seed: 0);
        var transformer = context.Model.Load(stream, out _);
        return FromTransformer(transformer);
    }

    internal static BeadScorer FromTransformer(ITransformer transformer)
    {
        var candidates = transformer is IEnumerable<ITransformer> chain ? chain.ToList() : [transformer];
        foreach (var candidate in candidates)
        {
            if (candidate is ISingleFeaturePredictionTransformer<object> prediction)
            {
                var linear = prediction.Model switch
                {
                    LinearBinaryModelParameters plain => plain,
                    CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> calibrated => calibrated.SubModel,
                    CalibratedModelParametersBase<LinearBinaryModelParameters, ICalibrator> calibrated => calibrated.SubModel,
                    _ => null,
                };
                if (linear is not null)
                {
                    return new BeadScorer([.. linear.Weights], linear.Bias);
                }
            }
        }

        throw new TarjumaException(ErrorKind.FailedPrecondition, "The alignment model holds no linear binary classifier.");
    }

    /// <summary>Probability that the bead with these features is right.</summary>
    internal double Probability(ReadOnlySpan<float> features)
    {
        var score = _bias;
        for (var k = 0; k < _weights.Length; k++)
        {
            score += _weights[k] * features[k];
        }

        // Logistic regression's own link; ML.NET's Platt calibrator for it is the identity sigmoid.
        return 1 / (1 + Math.Exp(-score));
    }

    private static BeadScorer LoadShipped()
    {
        using var stream = typeof(BeadScorer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new TarjumaException(ErrorKind.FailedPrecondition, $"Embedded model {ResourceName} is missing; run align-train.");
        return Load(stream);
    }
}
