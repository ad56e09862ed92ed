namespace Tarjuma.Core.Matching;

/// <summary>What a token of a segment is. Everything but words and punctuation is a placeable. Values are appended, never renumbered.</summary>
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

    /// <summary>An ordinal in digits: Tajik "12-ум", "2-юми", English "21st" (<see cref="OrdinalValue"/>).</summary>
    Ordinal = 7,

    /// <summary>A time of day: "14:30", "4.42 a.m." (<see cref="TimeValue"/>).</summary>
    Time = 8,
}
