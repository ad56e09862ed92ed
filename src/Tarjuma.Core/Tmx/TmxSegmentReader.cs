using System.Globalization;
using System.Text;
using System.Xml;
using Tarjuma.Core.Model;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Tmx;

/// <summary>
/// Converts one <c>&lt;seg&gt;</c> into <see cref="SegmentText"/> (TMX 1.4b §3.7, Level 2):
/// <c>bpt ept it ph ut</c> become one tag each holding the whole element (native code and any
/// <c>sub</c>); <c>hi</c> becomes a start tag and an end tag around ordinary segment text.
/// Text is normalised to NFC one run at a time, between tags, so that positions stay exact.
/// Not thread-safe: one instance per reader.
/// </summary>
internal sealed class TmxSegmentReader
{
    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _run = new();
    private readonly StringBuilder _xml = new();
    private readonly StringBuilder _native = new();
    private readonly List<InlineTag> _tags = [];
    private readonly bool _sync;
    private int _length;

    /// <param name="synchronous">Whether the reader is driven with synchronous calls (<see cref="XmlDriver"/>).</param>
    public TmxSegmentReader(bool synchronous) => _sync = synchronous;

    /// <summary>Reads the segment the reader is positioned on (a <c>seg</c> start tag) up to and including its end tag.</summary>
    public async ValueTask<SegmentText> ReadAsync(XmlReader reader, CancellationToken cancellationToken)
    {
        _text.Clear();
        _run.Clear();
        _tags.Clear();
        _length = 0;
        if (reader.IsEmptyElement)
        {
            return SegmentText.Empty;
        }

        var highlightDepth = 0;
        while (await reader.NextAsync(_sync))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    await ReadTextAsync(reader, _run);
                    break;
                case XmlNodeType.Element:
                    var kind = InlineKind(reader.Name);
                    if (kind is null)
                    {
                        throw Reject(reader, $"<{reader.Name}> is not a TMX inline element (bpt, ept, it, ph, hi, ut) and cannot appear in <seg>");
                    }

                    FlushRun();
                    if (kind == InlineTagKind.HighlightStart)
                    {
                        if (highlightDepth + 1 > TmxLimits.MaxInlineDepth)
                        {
                            throw Reject(reader, $"inline elements nest deeper than {TmxLimits.MaxInlineDepth} levels");
                        }

                        _xml.Clear();
                        AppendStartTag(reader, _xml, selfClosing: false);
                        CountLength(reader, _xml.Length);
                        AddTag(InlineTagKind.HighlightStart, _xml.ToString());
                        if (reader.IsEmptyElement)
                        {
                            AddTag(InlineTagKind.HighlightEnd, "</hi>");
                        }
                        else
                        {
                            highlightDepth++;
                        }
                    }
                    else
                    {
                        _xml.Clear();
                        await AppendElementAsync(reader, _xml, highlightDepth + 1);
                        AddTag(kind.Value, _xml.ToString());
                    }

                    break;
                case XmlNodeType.EndElement when highlightDepth > 0:
                    FlushRun();
                    AddTag(InlineTagKind.HighlightEnd, "</hi>");
                    highlightDepth--;
                    break;
                case XmlNodeType.EndElement when _tags.Count == 0 && _text.Length == 0:
                    // Plain text, most segments: one copy of the run instead of three (run, text, string).
                    return new SegmentText(_run.Length == 0 ? string.Empty : TextNormalizer.ToNfc(_run.ToString()), [.. _tags]);
                case XmlNodeType.EndElement:
                    FlushRun();
                    return new SegmentText(_text.ToString(), [.. _tags]);
                default:
                    // Comments and processing instructions are ignored by the reader settings.
                    break;
            }
        }

        throw new XmlException("unexpected end of document inside <seg>");
    }

    private static InlineTagKind? InlineKind(string name) => name switch
    {
        "bpt" => InlineTagKind.Begin,
        "ept" => InlineTagKind.End,
        "it" => InlineTagKind.Isolated,
        "ph" => InlineTagKind.Placeholder,
        "hi" => InlineTagKind.HighlightStart,
        "ut" => InlineTagKind.Unknown,
        _ => null,
    };

    private static TmxUnitRejectedException Reject(XmlReader reader, string reason)
    {
        var (line, column) = TmxReader.Position(reader);
        return new TmxUnitRejectedException(line, column, reason);
    }

    private static void AppendStartTag(XmlReader reader, StringBuilder builder, bool selfClosing)
    {
        builder.Append('<').Append(reader.Name);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                TmxXml.AppendAttribute(builder, reader.Name, reader.Value);
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        builder.Append(selfClosing ? "/>" : ">");
    }

    private void AddTag(InlineTagKind kind, string xml) => _tags.Add(new InlineTag(kind, _text.Length, xml));

    private void FlushRun()
    {
        if (_run.Length > 0)
        {
            _text.Append(TextNormalizer.ToNfc(_run.ToString()));
            _run.Clear();
        }
    }

    /// <summary>
    /// Serialises a native-code element (or a <c>sub</c> inside one) with all its content.
    /// Per TMX 1.4b, <c>bpt ept it ph ut</c> hold text and <c>sub</c>; <c>sub</c> holds text and inline elements.
    /// </summary>
    private async ValueTask AppendElementAsync(XmlReader reader, StringBuilder builder, int depth)
    {
        if (depth > TmxLimits.MaxInlineDepth)
        {
            throw Reject(reader, $"inline elements nest deeper than {TmxLimits.MaxInlineDepth} levels");
        }

        var name = reader.Name;
        var isSub = string.Equals(name, "sub", StringComparison.Ordinal);
        var start = builder.Length;
        AppendStartTag(reader, builder, reader.IsEmptyElement);
        CountLength(reader, builder.Length - start);
        if (reader.IsEmptyElement)
        {
            return;
        }

        while (await reader.NextAsync(_sync))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    _native.Clear();
                    await ReadTextAsync(reader, _native);
                    TmxXml.AppendText(builder, _native.ToString());
                    break;
                case XmlNodeType.Element:
                    var child = reader.Name;
                    var allowed = isSub ? InlineKind(child) is not null : string.Equals(child, "sub", StringComparison.Ordinal);
                    if (!allowed)
                    {
                        throw Reject(reader, $"<{child}> cannot appear inside <{name}>");
                    }

                    await AppendElementAsync(reader, builder, depth + 1);
                    break;
                case XmlNodeType.EndElement:
                    builder.Append("</").Append(name).Append('>');
                    CountLength(reader, name.Length + 3);
                    return;
                default:
                    break;
            }
        }

        throw new XmlException(string.Create(CultureInfo.InvariantCulture, $"unexpected end of document inside <{name}>"));
    }

    /// <summary>Counts characters of text and markup towards <see cref="TmxLimits.MaxSegmentLength"/>.</summary>
    private void CountLength(XmlReader reader, int added)
    {
        _length += added;
        if (_length > TmxLimits.MaxSegmentLength)
        {
            throw Reject(reader, string.Create(CultureInfo.InvariantCulture, $"segment longer than {TmxLimits.MaxSegmentLength} characters"));
        }
    }

    /// <summary>Reads a text node in chunks so that an oversized one is refused before it is held whole.</summary>
    private async ValueTask ReadTextAsync(XmlReader reader, StringBuilder target)
    {
        if (!reader.CanReadValueChunk)
        {
            var value = reader.Value;
            CountLength(reader, value.Length);
            target.Append(value);
            return;
        }

        int read;
        while ((read = await reader.ReadChunkAsync(_sync, _buffer)) > 0)
        {
            CountLength(reader, read);
            target.Append(_buffer, 0, read);
        }
    }
}
