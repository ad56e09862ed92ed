using System.Globalization;
using System.Text;
using System.Xml;
using Tarjuma.Core.Model;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Tmx;

// Reading a <tu> as written: its attributes, props, notes and <tuv>s, within the limits of TmxLimits.
public sealed partial class TmxReader
{
    private async ValueTask<RawUnit> ReadRawUnitAsync((int Line, int Column) at, int depth, CancellationToken cancellationToken)
    {
        var unit = new RawUnit(at, ReadDates(at))
        {
            ExternalId = Attribute("tuid", at),
            UsageCount = Attribute("usagecount", at),
            SourceLanguage = Attribute("srclang", at),
        };
        if (_reader.IsEmptyElement)
        {
            return unit;
        }

        while (await _reader.NextAsync(_sync))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
            {
                return unit;
            }

            if (_reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (_reader.Name)
            {
                case "prop":
                    unit.AddProperty(await ReadPropertyAsync(unit));
                    break;
                case "note":
                    unit.AddNote(await ReadNoteAsync(unit));
                    break;
                case "tuv":
                    if (unit.Variants.Count == TmxLimits.MaxVariantsPerUnit)
                    {
                        throw Reject(Position(_reader), $"<tu> has more than {TmxLimits.MaxVariantsPerUnit} <tuv> elements");
                    }

                    unit.Variants.Add(await ReadVariantAsync(unit, cancellationToken));
                    break;
                default:
                    await SkipToEndOfAsync(_reader, _sync, _reader.Depth);
                    break;
            }
        }

        throw new XmlException("unexpected end of document inside <tu>");
    }

    private async ValueTask<RawVariant> ReadVariantAsync(RawUnit unit, CancellationToken cancellationToken)
    {
        var at = Position(_reader);
        var depth = _reader.Depth;

        // TMX 1.1 wrote lang= where 1.4 writes xml:lang=.
        var language = Attribute("xml:lang", at) ?? Attribute("lang", at);
        var variant = new RawVariant(at, language, ReadDates(at));
        if (_reader.IsEmptyElement)
        {
            return variant;
        }

        while (await _reader.NextAsync(_sync))
        {
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
            {
                return variant;
            }

            if (_reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (_reader.Name)
            {
                case "seg":
                    if (variant.Segment is not null)
                    {
                        throw Reject(Position(_reader), $"<tuv xml:lang=\"{language}\"> has more than one <seg>");
                    }

                    variant.Segment = await _segments.ReadAsync(_reader, cancellationToken);
                    break;
                case "prop":
                    variant.AddProperty(await ReadPropertyAsync(unit));
                    break;
                case "note":
                    variant.AddNote(await ReadNoteAsync(unit));
                    break;
                default:
                    await SkipToEndOfAsync(_reader, _sync, _reader.Depth);
                    break;
            }
        }

        throw new XmlException("unexpected end of document inside <tuv>");
    }

    /// <summary>The element's dates; one shared empty record for the many elements that carry none (an immutable record).</summary>
    private RawDates ReadDates((int Line, int Column) at)
    {
        var (createdBy, createdAt, changedBy) = (Attribute("creationid", at), Attribute("creationdate", at), Attribute("changeid", at));
        var (changedAt, lastUsedAt) = (Attribute("changedate", at), Attribute("lastusagedate", at));
        return createdBy is null && createdAt is null && changedBy is null && changedAt is null && lastUsedAt is null
            ? RawDates.Empty
            : new(createdBy, createdAt, changedBy, changedAt, lastUsedAt);
    }

    /// <summary>An attribute of the current element; a value over <see cref="TmxLimits.MaxAttributeLength"/> rejects the unit.</summary>
    private string? Attribute(string name, (int Line, int Column) at)
    {
        var value = FindAttribute(_reader, name);
        return value is { Length: > TmxLimits.MaxAttributeLength }
            ? throw Reject(at, string.Create(CultureInfo.InvariantCulture,
                $"{name} is {value.Length} characters, over the limit of {TmxLimits.MaxAttributeLength}"))
            : value;
    }

    /// <summary>
    /// <see cref="XmlReader.GetAttribute(string)"/> for the few attributes a TMX element has: a <c>tu</c> and its
    /// <c>tuv</c>s are asked for 15 names, and each <c>GetAttribute</c> hashes the name into the reader's name table
    /// even when the element has no attribute (≈ 2 % of an import's CPU, issue #12). The qualified names are compared
    /// instead, which is what <c>GetAttribute</c> matches (an attribute appears once: the reader refuses repeats).
    /// </summary>
    internal static string? FindAttribute(XmlReader reader, string name)
    {
        var count = reader.AttributeCount;
        if (count == 0)
        {
            return null;
        }

        if (count > 4)
        {
            return reader.GetAttribute(name);
        }

        string? value = null;
        for (var i = 0; i < count; i++)
        {
            reader.MoveToAttribute(i);
            if (string.Equals(reader.Name, name, StringComparison.Ordinal))
            {
                value = reader.Value;
                break;
            }
        }

        reader.MoveToElement();
        return value;
    }

    /// <summary>Counts a prop's or note's characters towards <see cref="TmxLimits.MaxMetadataPerUnit"/>.</summary>
    private static void CountMetadata(RawUnit unit, (int Line, int Column) at, params ReadOnlySpan<string?> parts)
    {
        foreach (var part in parts)
        {
            unit.MetadataLength += part?.Length ?? 0;
        }

        if (unit.MetadataLength > TmxLimits.MaxMetadataPerUnit)
        {
            throw Reject(at, string.Create(CultureInfo.InvariantCulture,
                $"the unit's props and notes hold more than {TmxLimits.MaxMetadataPerUnit} characters together"));
        }
    }

    private async ValueTask<UnitProperty> ReadPropertyAsync(RawUnit unit)
    {
        var at = Position(_reader);
        if (++unit.PropertyCount > TmxLimits.MaxPropertiesPerUnit)
        {
            throw Reject(at, $"<tu> has more than {TmxLimits.MaxPropertiesPerUnit} <prop> elements");
        }

        var type = Attribute("type", at);
        var language = Attribute("xml:lang", at);
        var value = await ReadMetadataTextAsync();
        CountMetadata(unit, at, type, value, language);
        return type is null ? throw Reject(at, "<prop> has no type attribute") : new UnitProperty(type, value, language);
    }

    private async ValueTask<UnitNote> ReadNoteAsync(RawUnit unit)
    {
        var at = Position(_reader);
        if (++unit.NoteCount > TmxLimits.MaxNotesPerUnit)
        {
            throw Reject(at, $"<tu> has more than {TmxLimits.MaxNotesPerUnit} <note> elements");
        }

        var language = Attribute("xml:lang", at);
        var text = await ReadMetadataTextAsync();
        CountMetadata(unit, at, text, language);
        return new UnitNote(text, language);
    }

    /// <summary>Reads the text of a <c>prop</c> or <c>note</c>, which holds no markup.</summary>
    private async ValueTask<string> ReadMetadataTextAsync()
    {
        var name = _reader.Name;
        var depth = _reader.Depth;
        if (_reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        while (await _reader.NextAsync(_sync))
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // In chunks: an oversized value is refused before it is held whole.
                    int read;
                    while ((read = await _reader.ReadChunkAsync(_sync, _buffer)) > 0)
                    {
                        if (builder.Length + read > TmxLimits.MaxMetadataLength)
                        {
                            throw Reject(Position(_reader), string.Create(CultureInfo.InvariantCulture,
                                $"<{name}> is longer than {TmxLimits.MaxMetadataLength} characters"));
                        }

                        builder.Append(_buffer, 0, read);
                    }

                    break;
                case XmlNodeType.Element:
                    throw Reject(Position(_reader), $"<{name}> holds text only, not <{_reader.Name}>");
                case XmlNodeType.EndElement when _reader.Depth == depth:
                    return builder.ToString();
                default:
                    break;
            }
        }

        throw new XmlException($"unexpected end of document inside <{name}>");
    }

    /// <summary>Who and when, as written on a tu or tuv (attribute text, parsed later).</summary>
    private sealed record RawDates(string? CreatedBy, string? CreatedAt, string? ChangedBy, string? ChangedAt, string? LastUsedAt)
    {
        public static RawDates Empty { get; } = new(null, null, null, null, null);

        private bool IsEmpty => CreatedBy is null && CreatedAt is null && ChangedBy is null && ChangedAt is null && LastUsedAt is null;

        /// <summary>These, each missing one taken from <paramref name="other"/>; no new record when it has none (most units).</summary>
        public RawDates Or(RawDates other) => other.IsEmpty ? this : new(
            CreatedBy ?? other.CreatedBy,
            CreatedAt ?? other.CreatedAt,
            ChangedBy ?? other.ChangedBy,
            ChangedAt ?? other.ChangedAt,
            LastUsedAt ?? other.LastUsedAt);
    }

    /// <summary>Props and notes as read; the lists are made only for the few units that have any.</summary>
    private abstract class RawMetadata
    {
        private List<UnitProperty>? _properties;
        private List<UnitNote>? _notes;

        public IReadOnlyList<UnitProperty> Properties => _properties is null ? Array.Empty<UnitProperty>() : _properties;

        public IReadOnlyList<UnitNote> Notes => _notes is null ? Array.Empty<UnitNote>() : _notes;

        public void AddProperty(UnitProperty property) => (_properties ??= []).Add(property);

        public void AddNote(UnitNote note) => (_notes ??= []).Add(note);
    }

    private sealed class RawUnit((int Line, int Column) at, RawDates dates) : RawMetadata
    {
        public (int Line, int Column) At { get; } = at;

        public RawDates Dates { get; } = dates;

        public string? ExternalId { get; init; }

        public string? UsageCount { get; init; }

        public string? SourceLanguage { get; init; }

        public List<RawVariant> Variants { get; } = [];

        public int PropertyCount { get; set; }

        public int NoteCount { get; set; }

        public long MetadataLength { get; set; }
    }

    private sealed class RawVariant((int Line, int Column) at, string? language, RawDates dates) : RawMetadata
    {
        public (int Line, int Column) At { get; } = at;

        public string? Language { get; } = language;

        public RawDates Dates { get; } = dates;

        public SegmentText? Segment { get; set; }
    }
}
