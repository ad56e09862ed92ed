namespace Tarjuma.Core.Model;

/// <summary>The kind of a TMX 1.4b Level 2 inline element (TMX 1.4b §3.7).</summary>
/// <remarks>The numbers are written to disk: never renumber, only append.</remarks>
public enum InlineTagKind
{
    /// <summary><c>&lt;bpt&gt;</c>: begins a paired native code.</summary>
    Begin = 1,

    /// <summary><c>&lt;ept&gt;</c>: ends a paired native code.</summary>
    End = 2,

    /// <summary><c>&lt;it&gt;</c>: an isolated begin or end whose partner is outside the segment.</summary>
    Isolated = 3,

    /// <summary><c>&lt;ph&gt;</c>: a standalone native code.</summary>
    Placeholder = 4,

    /// <summary>The start tag of <c>&lt;hi&gt;</c>, whose content is ordinary segment text.</summary>
    HighlightStart = 5,

    /// <summary>The end tag of <c>&lt;hi&gt;</c>.</summary>
    HighlightEnd = 6,

    /// <summary><c>&lt;ut&gt;</c>: deprecated unknown tag, kept as it came.</summary>
    Unknown = 7,
}

/// <summary>
/// An inline element of a segment, positioned between characters of the plain text.
/// </summary>
/// <param name="Kind">What the element is.</param>
/// <param name="Position">Offset in the segment's plain text (UTF-16 code units) the element sits before.</param>
/// <param name="Xml">The element exactly as it is written to TMX: the whole element for
/// <c>bpt ept it ph ut</c> (native code and any <c>sub</c> inside), the start or end tag alone for <c>hi</c>.</param>
public sealed record InlineTag(InlineTagKind Kind, int Position, string Xml);
