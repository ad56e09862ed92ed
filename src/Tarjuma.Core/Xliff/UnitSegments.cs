using System.Globalization;
using System.Xml.Linq;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// The segments of one unit, in document order: 1.2 <c>mrk mtype="seg"</c> of a <c>seg-source</c>, or the
/// <c>source</c> cut into sentences (a new <c>seg-source</c>), or the whole <c>source</c>; 2.0 <c>segment</c>s.
/// Both passes over a document (the rewrite and the look-ahead for the next segment) read units with
/// this, so they see the same segments.
/// </summary>
internal sealed class UnitSegments
{
    private UnitSegments(IReadOnlyList<InlineContent> contents, IReadOnlyList<XElement> holders, XElement? addedSegSource)
    {
        Contents = contents;
        Holders = holders;
        AddedSegSource = addedSegSource;
    }

    /// <summary>Each segment's source content.</summary>
    public IReadOnlyList<InlineContent> Contents { get; }

    /// <summary>Each segment's element: the 1.2 <c>mrk</c> (or <c>source</c> when unsegmented), the 2.0 <c>segment</c>.</summary>
    public IReadOnlyList<XElement> Holders { get; }

    /// <summary>A 1.2 <c>seg-source</c> made by our segmentation, not yet in the unit.</summary>
    public XElement? AddedSegSource { get; }

    /// <summary>True for 1.2 units with a <c>seg-source</c> (given or added): segments carry a <c>mid</c>.</summary>
    public bool IsSegmented12 { get; private init; }

    public static UnitSegments Read(XElement unit, XliffDialect dialect, Segmenter? segmenter, bool overwrite, (int Line, int Column) position)
    {
        var core = dialect.Core;
        if (dialect.IsVersion2)
        {
            var holders = new List<XElement>();
            var contents = new List<InlineContent>();
            foreach (var segment in unit.Elements(core + "segment"))
            {
                var source = segment.Element(core + "source") ?? throw Refuse(position, unit, "has a <segment> without <source>");
                holders.Add(segment);
                contents.Add(InlineContent.Read(source, dialect));
            }

            return new UnitSegments(contents, holders, null);
        }

        var source12 = unit.Element(core + "source") ?? throw Refuse(position, unit, "has no <source>");
        if (unit.Element(core + "seg-source") is { } segSource)
        {
            var marks = SegmentMarks(segSource, core).ToList();
            return new UnitSegments([.. marks.Select(m => InlineContent.Read(m, dialect))], marks, null) { IsSegmented12 = true };
        }

        var whole = InlineContent.Read(source12, dialect);
        if (segmenter is not null && (overwrite || IsEmpty(unit.Element(core + "target"))) && whole.HasText)
        {
            var ranges = segmenter.Segment(whole.Text.Text);
            if (ranges.Count > 1 && whole.Split(ranges) is { } parts)
            {
                var added = new XElement(core + "seg-source");
                var marks = new List<XElement>(parts.Count);
                var next = 0;
                for (var i = 0; i < parts.Count; i++)
                {
                    if (ranges[i].Start > next)
                    {
                        added.Add(new XText(whole.Text.Text[next..ranges[i].Start]));
                    }

                    var mark = new XElement(core + "mrk", new XAttribute("mid", (i + 1).ToString(CultureInfo.InvariantCulture)), new XAttribute("mtype", "seg"),
                        parts[i].OwnNodes());
                    added.Add(mark);
                    marks.Add(mark);
                    next = ranges[i].End;
                }

                if (next < whole.Text.Text.Length)
                {
                    added.Add(new XText(whole.Text.Text[next..]));
                }

                return new UnitSegments(parts, marks, added) { IsSegmented12 = true };
            }
        }

        return new UnitSegments([whole], [source12], null);
    }

    /// <summary>The segment markers of a <c>seg-source</c> (or of a copy of it), outermost only, in order.</summary>
    public static IEnumerable<XElement> SegmentMarks(XElement segSource, XNamespace core) =>
        segSource.Descendants(core + "mrk").Where(m =>
            string.Equals((string?)m.Attribute("mtype"), "seg", StringComparison.Ordinal)
            && !m.Ancestors(core + "mrk").Any(a => string.Equals((string?)a.Attribute("mtype"), "seg", StringComparison.Ordinal)));

    /// <summary>A target is empty when it is missing or holds neither text nor markup.</summary>
    public static bool IsEmpty(XElement? target) =>
        target is null || !target.Nodes().Any(n => n is XElement || (n is XText text && !string.IsNullOrWhiteSpace(text.Value)));

    public static TarjumaException Refuse((int Line, int Column) position, XElement unit, string reason) =>
        XmlRefusal.At(XliffScanner.Field, position.Line, position.Column, $"<{unit.Name.LocalName} id=\"{(string?)unit.Attribute("id")}\"> {reason}");
}
