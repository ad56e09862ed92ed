namespace Tarjuma.Core.Matching;

/// <summary>A half-open range of UTF-16 code units in a text: <c>[Start, Start + Length)</c>.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;
}
