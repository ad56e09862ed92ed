namespace Tarjuma.Core.Alignment;

/// <summary>The beads, the segments they index, and what was written to the memory.</summary>
public sealed record AlignDocumentsResult(
    IReadOnlyList<Bead> Beads, IReadOnlyList<string> SourceSegments, IReadOnlyList<string> TargetSegments, int Added, int Updated)
{
    /// <summary>The text of one side of a bead: its segments joined by a space.</summary>
    public static string Join(IReadOnlyList<string> segments, int start, int count) =>
        string.Join(' ', Enumerable.Range(start, count).Select(i => segments[i]));
}
