namespace Tarjuma.Core.Segmentation;

/// <summary>
/// A half-open range <c>[Start, Start + Length)</c> of the original text, in UTF-16 code units
/// (what C#, Java and JavaScript strings index by).
/// </summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just past the last code unit.</summary>
    public int End => Start + Length;

    /// <summary>The text this span covers in <paramref name="text"/>.</summary>
    public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);
}
