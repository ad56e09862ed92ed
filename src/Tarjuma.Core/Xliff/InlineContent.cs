using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// The content of an XLIFF <c>source</c>, <c>mrk</c> or <c>target</c> as our segment model: plain text
/// (NFC) with one <see cref="InlineTag"/> per inline element, and the elements themselves, so that a
/// suggestion's tags can be put back as the document's own markup.
/// </summary>
internal sealed class InlineContent
{
    private InlineContent(SegmentText text, ImmutableArray<InlinePiece> pieces)
    {
        Text = text;
        Pieces = pieces;
    }

    /// <summary>Text and tags; tag <c>i</c> is <see cref="Pieces"/>[i], its <see cref="InlineTag.Xml"/> the piece's key.</summary>
    public SegmentText Text { get; }

    public ImmutableArray<InlinePiece> Pieces { get; }

    /// <summary>True when the text has something to translate (not only spaces and codes).</summary>
    public bool HasText => !string.IsNullOrWhiteSpace(Text.Text);

    /// <summary>Reads the content of <paramref name="container"/>.</summary>
    public static InlineContent Read(XElement container, XliffDialect dialect)
    {
        var builder = new Builder(dialect);
        builder.ReadChildren(container);
        return builder.Build();
    }

    /// <summary>
    /// The nodes of <paramref name="segment"/> with its tags as this content's elements, or null when
    /// they cannot be placed: a tag that is not one of ours, one of ours missing or repeated, a pair
    /// closed before it opens or crossing another.
    /// </summary>
    public IReadOnlyList<XNode>? Render(SegmentText segment)
    {
        var pieceOf = new int[segment.Tags.Length];
        var byKey = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < Pieces.Length; i++)
        {
            if (!byKey.TryGetValue(Pieces[i].Key, out var queue))
            {
                byKey[Pieces[i].Key] = queue = new Queue<int>();
            }

            queue.Enqueue(i);
        }

        for (var t = 0; t < segment.Tags.Length; t++)
        {
            if (!byKey.TryGetValue(segment.Tags[t].Xml, out var queue) || !queue.TryDequeue(out pieceOf[t]))
            {
                return null;
            }
        }

        if (segment.Tags.Length != Pieces.Length || !Balanced(pieceOf))
        {
            return null;
        }

        return Build(segment, pieceOf);
    }

    /// <summary>The plain text of <paramref name="segment"/> without any tags: a candidate whose codes cannot be placed.</summary>
    public static IReadOnlyList<XNode> PlainNodes(SegmentText segment) =>
        segment.Text.Length == 0 ? [] : [new XText(segment.Text)];

    /// <summary>This content's own nodes (always placeable).</summary>
    public IReadOnlyList<XNode> OwnNodes() => Build(Text, [.. Enumerable.Range(0, Pieces.Length)]);

    /// <summary>
    /// Cuts this content at the given text ranges (sentences), or returns null when a code would be
    /// cut from its partner or sits between two sentences (such a unit is left unsegmented).
    /// </summary>
    public IReadOnlyList<InlineContent>? Split(IReadOnlyList<TextRange> ranges)
    {
        var owner = new int[Pieces.Length];
        for (var t = 0; t < Pieces.Length; t++)
        {
            var position = Text.Tags[t].Position;
            var role = Pieces[t].Role;
            owner[t] = -1;
            for (var r = 0; r < ranges.Count && owner[t] < 0; r++)
            {
                var range = ranges[r];
                var closing = role == InlineRole.PairEnd || (Pieces[t].OrderKey is not null && !Pieces[t].Opens);
                var startsNext = r + 1 < ranges.Count && position == ranges[r + 1].Start;
                if (position > range.Start && position < range.End
                    || position == range.Start && (!closing || r == 0)
                    || position == range.End && (closing || !startsNext))
                {
                    owner[t] = r;
                }
            }

            if (owner[t] < 0 || (t > 0 && owner[t] < owner[t - 1]))
            {
                return null;
            }
        }

        var parts = new List<InlineContent>(ranges.Count);
        for (var r = 0; r < ranges.Count; r++)
        {
            var range = ranges[r];
            var tags = ImmutableArray.CreateBuilder<InlineTag>();
            var pieces = ImmutableArray.CreateBuilder<InlinePiece>();
            for (var t = 0; t < Pieces.Length; t++)
            {
                if (owner[t] == r)
                {
                    tags.Add(Text.Tags[t] with { Position = Text.Tags[t].Position - range.Start });
                    pieces.Add(Pieces[t]);
                }
            }

            var part = new InlineContent(new SegmentText(Text.Text.Substring(range.Start, range.Length), tags.ToImmutable()), pieces.ToImmutable());
            if (!part.Balanced([.. Enumerable.Range(0, part.Pieces.Length)]))
            {
                return null;
            }

            parts.Add(part);
        }

        return parts;
    }

    /// <summary>Pairs nest properly and each opening code comes before its closing one.</summary>
    private bool Balanced(int[] pieceOf)
    {
        var open = new Stack<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pieceOf)
        {
            var piece = Pieces[p];
            switch (piece.Role)
            {
                case InlineRole.PairStart:
                    open.Push(piece.Key);
                    break;
                case InlineRole.PairEnd:
                    if (open.Count == 0 || !string.Equals(EndKey(open.Pop()), piece.Key, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
                default:
                    if (piece.OrderKey is { } order)
                    {
                        if (!piece.Opens && !seen.Contains(order) && Pieces.Any(o => o.Opens && string.Equals(o.OrderKey, order, StringComparison.Ordinal)))
                        {
                            return false;
                        }

                        seen.Add(order);
                    }

                    break;
            }
        }

        return open.Count == 0;
    }

    private List<XNode> Build(SegmentText segment, int[] pieceOf)
    {
        var root = new XElement("r");
        var current = root;
        var next = 0;
        for (var t = 0; t < segment.Tags.Length; t++)
        {
            var position = segment.Tags[t].Position;
            if (position > next)
            {
                current.Add(new XText(segment.Text[next..position]));
                next = position;
            }

            var piece = Pieces[pieceOf[t]];
            switch (piece.Role)
            {
                case InlineRole.PairStart:
                    var opened = new XElement((XElement)piece.Node!);
                    current.Add(opened);
                    current = opened;
                    break;
                case InlineRole.PairEnd:
                    current = current.Parent ?? root;
                    break;
                default:
                    current.Add(piece.Node);
                    break;
            }
        }

        if (next < segment.Text.Length)
        {
            current.Add(new XText(segment.Text[next..]));
        }

        var nodes = root.Nodes().ToList();
        root.RemoveNodes();
        return nodes;
    }

    private static string EndKey(string startKey) => "/" + startKey;

    /// <summary>Walks the content once, collecting text and codes.</summary>
    private sealed class Builder(XliffDialect dialect)
    {
        private readonly StringBuilder _text = new();
        private readonly ImmutableArray<InlineTag>.Builder _tags = ImmutableArray.CreateBuilder<InlineTag>();
        private readonly ImmutableArray<InlinePiece>.Builder _pieces = ImmutableArray.CreateBuilder<InlinePiece>();
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public void ReadChildren(XElement container)
        {
            foreach (var node in container.Nodes())
            {
                switch (node)
                {
                    case XText text:
                        _text.Append(TextNormalizer.ToNfc(text.Value));
                        break;
                    case XElement element when IsPaired(element):
                        var start = UniqueKey(StartTag(element));
                        Add(new InlinePiece(InlineRole.PairStart, new XElement(element.Name, element.Attributes()), start, null, false));
                        ReadChildren(element);
                        Add(new InlinePiece(InlineRole.PairEnd, null, EndKey(start), null, false));
                        break;
                    case XElement element:
                        var (order, opens) = Order(element);
                        Add(new InlinePiece(InlineRole.Standalone, new XElement(element), UniqueKey(element.ToString(SaveOptions.DisableFormatting)), order,
                            opens));
                        break;
                    default:
                        // Comments and processing instructions inside text travel with it as codes.
                        Add(new InlinePiece(InlineRole.Standalone, Clone(node), UniqueKey(node.ToString(SaveOptions.DisableFormatting)), null, false));
                        break;
                }
            }
        }

        public InlineContent Build() => new(new SegmentText(_text.ToString(), _tags.ToImmutable()), _pieces.ToImmutable());

        private static XNode Clone(XNode node) => node switch
        {
            XComment comment => new XComment(comment),
            XProcessingInstruction instruction => new XProcessingInstruction(instruction),
            _ => new XText(node.ToString(SaveOptions.DisableFormatting)),
        };

        private void Add(InlinePiece piece)
        {
            _tags.Add(new InlineTag(piece.Kind, _text.Length, piece.Key));
            _pieces.Add(piece);
        }

        /// <summary>Two codes written alike (a tool's sloppy ids) still need telling apart.</summary>
        private string UniqueKey(string key)
        {
            var unique = key;
            for (var n = 2; !_keys.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{key}#{n}");
            }

            return unique;
        }

        private bool IsPaired(XElement element) =>
            element.Name.Namespace == dialect.Core
            && (dialect.IsVersion2 ? element.Name.LocalName is "pc" or "mrk" : element.Name.LocalName is "g" or "mrk");

        private (string? Order, bool Opens) Order(XElement element)
        {
            if (element.Name.Namespace != dialect.Core)
            {
                return (null, false);
            }

            string? Attr(string name) => (string?)element.Attribute(name);
            return (dialect.IsVersion2, element.Name.LocalName) switch
            {
                (false, "bpt") => ("bpt:" + (Attr("rid") ?? Attr("id")), true),
                (false, "ept") => ("bpt:" + (Attr("rid") ?? Attr("id")), false),
                (false, "bx") when Attr("rid") is { } rid => ("bx:" + rid, true),
                (false, "ex") when Attr("rid") is { } rid => ("bx:" + rid, false),
                (true, "sc") when Attr("isolated") is not "yes" => ("sc:" + Attr("id"), true),
                (true, "ec") when Attr("startRef") is { } startRef => ("sc:" + startRef, false),
                (true, "sm") => ("sm:" + Attr("id"), true),
                (true, "em") when Attr("startRef") is { } startRef => ("sm:" + startRef, false),
                _ => (null, false),
            };
        }

        private static string StartTag(XElement element)
        {
            var shell = new XElement(element.Name, element.Attributes());
            return shell.ToString(SaveOptions.DisableFormatting);
        }
    }
}
