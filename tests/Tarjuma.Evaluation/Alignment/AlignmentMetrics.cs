using Tarjuma.Core.Alignment;

namespace Tarjuma.Evaluation.Alignment;

/// <summary>
/// Strict bead precision, recall and F1: a bead counts when its source and target index sets
/// both equal a reference bead's; beads with an empty side are left out on both sides
/// (Sennrich &amp; Volk 2011; Vecalign's scorer).
/// </summary>
internal readonly record struct AlignmentMetrics(int Correct, int Predicted, int Reference)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    public double Recall => Reference == 0 ? 0 : (double)Correct / Reference;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static AlignmentMetrics operator +(AlignmentMetrics a, AlignmentMetrics b) =>
        new(a.Correct + b.Correct, a.Predicted + b.Predicted, a.Reference + b.Reference);

    public static AlignmentMetrics Score(IEnumerable<(int[] Source, int[] Target)> reference, IEnumerable<Bead> predicted)
    {
        var gold = reference.Where(l => l.Source.Length > 0 && l.Target.Length > 0).Select(Key).ToHashSet(StringComparer.Ordinal);
        var found = predicted.Where(b => !b.IsNull).Select(b => Key((b.SourceIndices.ToArray(), b.TargetIndices.ToArray()))).ToList();
        return new AlignmentMetrics(found.Count(gold.Contains), found.Count, gold.Count);
    }

    public override string ToString() =>
        FormattableString.Invariant($"P {Precision:0.0000}  R {Recall:0.0000}  F1 {F1:0.0000}  ({Correct}/{Predicted} found, {Reference} reference)");

    private static string Key((int[] Source, int[] Target) link) =>
        string.Join(',', link.Source) + "|" + string.Join(',', link.Target);
}
