namespace Tarjuma.Core.Model;

/// <summary>
/// A half-open range <c>[Start, Start + Length)</c> of a text in UTF-16 code units (what C#, Java
/// and JavaScript strings index by): segments, differing words, concordance hits.
/// </summary>
public readonly record struct TextRange(int Start, int Length)
{
    /// <summary>The offset just past the last code unit.</summary>
    public int End => Start + Length;

    /// <summary>The text this range covers in <paramref name="text"/>.</summary>
    public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);
}
