namespace Tarjuma.Core.Matching;

/// <summary>What a token of a segment is. Everything but words and punctuation is a placeable.</summary>
public enum TokenKind : byte
{
    Word = 0,
    Number = 1,
    Date = 2,
    Url = 3,
    Email = 4,
    Punctuation = 5,

    /// <summary>A TMX Level 2 inline element from <see cref="Model.SegmentText.Tags"/>; zero length in the text.</summary>
    Tag = 6,
}
