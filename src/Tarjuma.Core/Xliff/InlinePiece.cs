using System.Xml.Linq;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Xliff;

/// <summary>How an inline XLIFF element sits in the text.</summary>
internal enum InlineRole
{
    /// <summary>A whole element kept as it is (<c>x ph bpt ept bx ex it</c>, <c>ph sc ec sm em cp</c>, foreign elements, comments).</summary>
    Standalone,

    /// <summary>The start of an element whose content is segment text (<c>g mrk</c>, <c>pc mrk</c>).</summary>
    PairStart,

    /// <summary>The end of such an element.</summary>
    PairEnd,
}

/// <summary>
/// One inline element of a segment: what it is, the node written back (for a pair start, the element
/// without its content) and the key that stands for it in <see cref="InlineTag.Xml"/> while matching.
/// </summary>
/// <param name="Role">Standalone or one end of a pair.</param>
/// <param name="Node">The node written back; null for a pair end.</param>
/// <param name="Key">Unique within the segment; equal keys in a suggestion mean this element.</param>
/// <param name="OrderKey">For codes that open and close separately (<c>bpt/ept</c>, <c>bx/ex</c>, <c>sc/ec</c>): the pair, so the opener stays first.</param>
/// <param name="Opens">True for the opening code of an <paramref name="OrderKey"/> pair.</param>
internal sealed record InlinePiece(InlineRole Role, XNode? Node, string Key, string? OrderKey, bool Opens)
{
    public InlineTagKind Kind => Role switch
    {
        InlineRole.PairStart => InlineTagKind.Begin,
        InlineRole.PairEnd => InlineTagKind.End,
        _ when OrderKey is null => InlineTagKind.Placeholder,
        _ => Opens ? InlineTagKind.Begin : InlineTagKind.End,
    };
}
