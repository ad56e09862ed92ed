namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>One memory's abbreviations: learned from its sources, and an administrator's edits.</summary>
/// <param name="Memory">The memory's name.</param>
/// <param name="Learned">Learned from the memory's source segments, best first.</param>
/// <param name="Added">Added by an administrator, in order.</param>
/// <param name="Removed">Removed by an administrator: never used, even when learned again.</param>
/// <param name="LearnedFromUnits">How many units the learned list comes from; 0 before the first learning.</param>
public sealed record MemoryAbbreviations(
    string Memory,
    IReadOnlyList<LearnedAbbreviation> Learned,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    long LearnedFromUnits)
{
    /// <summary>What segmentation uses: learned and added entries, less the removed ones, in ordinal order.</summary>
    public IReadOnlyList<string> Effective
    {
        get
        {
            var removed = new HashSet<string>(Removed, StringComparer.Ordinal);
            return [.. Learned.Select(a => a.Text).Concat(Added).Where(e => !removed.Contains(e)).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)];
        }
    }
}
