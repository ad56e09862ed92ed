namespace Tarjuma.Evaluation.Segmentation;

/// <summary>Boundary counts and the usual ratios (0 when undefined).</summary>
public sealed record BoundaryScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Whether a wrong boundary was missed (in gold only) or spurious (predicted only).</summary>
public enum BoundaryKind
{
    Missed,
    Spurious,
}

/// <summary>A wrong boundary with its context (<c>‖</c> marks the place, <c>⏎</c> a line break).</summary>
public sealed record BoundaryFailure(string DocumentId, BoundaryKind Kind, string Context);

/// <summary>The result of <see cref="SegmentationEvaluation.ScoreDocuments"/>.</summary>
public sealed record DocumentEvaluation(BoundaryScore Score, int Documents, IReadOnlyList<BoundaryFailure> Failures);

/// <summary>A golden case whose segments differ from the expected ones.</summary>
public sealed record GoldenFailure(GoldenCase Case, IReadOnlyList<string> Actual);

/// <summary>The result of <see cref="SegmentationEvaluation.ScoreGoldenRules"/>.</summary>
public sealed record GoldenEvaluation(int Total, int Passed, int Skipped, IReadOnlyList<GoldenFailure> Failures)
{
    /// <summary>Passed / total, 0..1.</summary>
    public double PassRate => Total == 0 ? 0 : (double)Passed / Total;
}
