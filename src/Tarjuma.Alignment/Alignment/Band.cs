namespace Tarjuma.Alignment.Alignment;

/// <summary>
/// The search band: after <c>i</c> source sentences, target positions within
/// <see cref="HalfWidth"/> of the diagonal <c>i · m / n</c>. Cost grows as n · width, not n · m.
/// </summary>
internal readonly record struct Band(int SourceCount, int TargetCount, int HalfWidth)
{
    public int Center(int i) => SourceCount == 0 ? 0 : (int)((long)i * TargetCount / SourceCount);

    public int Low(int i) => Math.Max(0, Center(i) - HalfWidth);

    public int High(int i) => Math.Min(TargetCount, Center(i) + HalfWidth);
}
