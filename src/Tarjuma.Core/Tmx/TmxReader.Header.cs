using System.Globalization;
using System.Xml;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Tmx;

// Reading and checking the header: <tmx>, its version, <header> and its attributes.
public sealed partial class TmxReader
{
    private static async ValueTask<TmxHeader> ReadHeaderAsync(XmlReader reader, bool synchronous, CancellationToken cancellationToken)
    {
        try
        {
            if (await reader.ContentAsync(synchronous) != XmlNodeType.Element)
            {
                throw Refuse(reader, "the document has no root element");
            }

            if (!string.Equals(reader.Name, "tmx", StringComparison.Ordinal))
            {
                throw Refuse(reader, $"the root element is <{reader.Name}>, not <tmx>");
            }

            var version = reader.GetAttribute("version");
            if (reader.IsEmptyElement)
            {
                throw Refuse(reader, "<tmx> has no <header>");
            }

            while (await reader.NextAsync(synchronous))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    throw Refuse(reader, "<tmx> has no <header>");
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (!string.Equals(reader.Name, "header", StringComparison.Ordinal))
                {
                    throw Refuse(reader, $"<{reader.Name}> comes before <header>; a TMX document starts with its header");
                }

                var header = new TmxHeader
                {
                    Version = version,
                    SourceLanguage = reader.GetAttribute("srclang"),
                    CreationTool = reader.GetAttribute("creationtool"),
                    CreationToolVersion = reader.GetAttribute("creationtoolversion"),
                    SegmentType = reader.GetAttribute("segtype"),
                    DataType = reader.GetAttribute("datatype"),
                    OriginalFormat = reader.GetAttribute("o-tmf"),
                    AdminLanguage = reader.GetAttribute("adminlang"),
                    CreationDate = reader.GetAttribute("creationdate") is { } date && TmxDate.TryParse(date, out var parsed) ? parsed : null,
                };

                // Header props, notes and ude describe the export, not the units: skipped.
                await SkipToEndOfAsync(reader, synchronous, reader.Depth);
                return header;
            }

            throw Refuse(reader, "the document ends before <header>");
        }
        catch (XmlException exception)
        {
            throw Refuse(exception);
        }
    }

    /// <summary>Moves to the end of the element at <paramref name="depth"/> the reader is in (or on).</summary>
    private static async ValueTask SkipToEndOfAsync(XmlReader reader, bool synchronous, int depth)
    {
        if (reader.Depth == depth
            && ((reader.NodeType == XmlNodeType.Element && reader.IsEmptyElement) || reader.NodeType == XmlNodeType.EndElement))
        {
            return;
        }

        while (await reader.NextAsync(synchronous))
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return;
            }

            if (reader.Depth > TmxLimits.MaxDocumentDepth)
            {
                throw Refuse(reader, string.Create(CultureInfo.InvariantCulture, $"elements nest deeper than {TmxLimits.MaxDocumentDepth} levels"));
            }
        }

        throw new XmlException("unexpected end of document");
    }
}
