using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Tmx;

/// <summary>
/// Streams a TMX document (versions 1.1 to 1.4b, Levels 1 and 2) into import items for a memory
/// with two given languages. <see cref="OpenAsync"/> reads and checks the header; then
/// <see cref="ReadUnitsAsync"/> yields one item per <c>&lt;tu&gt;</c>: a unit, or a rejection with
/// its line, column and reason. A document that is not well-formed XML, or that does not hold the
/// memory's languages, is refused with a <see cref="TarjumaException"/> (<see cref="ErrorKind.InvalidArgument"/>,
/// field <c>tmx</c>, message <c>line L, column C: reason</c>). Memory use does not grow with the file.
/// </summary>
public sealed class TmxReader : IDisposable
{
    /// <summary>The request field that refusals name.</summary>
    public const string Field = "tmx";

    private const string AllLanguages = "*all*";

    /// <summary>
    /// DTDs are ignored, not prohibited: nearly every TMX file carries
    /// <c>&lt;!DOCTYPE tmx SYSTEM "tmx14.dtd"&gt;</c>, and refusing those would refuse TMX itself.
    /// Ignoring still fetches nothing (no resolver) and expands no entity: a reference to a
    /// DTD-declared entity (billion laughs, external entities) is an undeclared entity and the
    /// document is refused at that reference.
    /// </summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1_024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private readonly XmlReader _reader;
    private readonly TmxReadOptions _options;
    private readonly TmxSegmentReader _segments = new();
    private readonly char[] _buffer = new char[4096];
    private readonly SortedSet<string> _languagesSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LanguageTag?> _parsedLanguages = new(StringComparer.Ordinal);
    private readonly List<ImportSkip> _skipped = [];
    private long _unitsCheckedForLanguages;
    private long _unitsWithBothLanguages;
    private (int Line, int Column) _firstUnit;
    private bool _sawBody;
    private bool _started;

    private TmxReader(XmlReader reader, TmxReadOptions options, TmxHeader header)
    {
        _reader = reader;
        _options = options;
        Header = header;
    }

    /// <summary>The document's header, as read by <see cref="OpenAsync"/>.</summary>
    public TmxHeader Header { get; }

    /// <summary>
    /// Units left out because they lack one of the memory's languages (a multilingual file), by
    /// reason, in the order first met; complete once <see cref="ReadUnitsAsync"/> has finished.
    /// </summary>
    public IReadOnlyList<ImportSkip> Skipped => _skipped;

    /// <summary>How many units <see cref="Skipped"/> counts.</summary>
    public long SkippedCount => _skipped.Sum(s => s.Count);

    /// <summary>Opens a TMX document and reads its header; the stream stays open and is read forward only.</summary>
    /// <exception cref="TarjumaException">The document is not TMX or not well-formed up to its header. A
    /// header <c>srclang</c> in a third language is no error: multilingual memories (Trados, DGT-TM)
    /// declare one language and carry many per unit.</exception>
    public static async Task<TmxReader> OpenAsync(Stream stream, TmxReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Source == options.Target)
        {
            throw TarjumaException.InvalidArgument("languages", $"source and target language are both {options.Source}.");
        }

        var reader = XmlReader.Create(stream, Settings);
        try
        {
            var header = await ReadHeaderAsync(reader, cancellationToken);
            return new TmxReader(reader, options, header);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole TMX document as import items (open, check the header, stream the units).</summary>
    public static async IAsyncEnumerable<ImportItem> ReadAsync(
        Stream stream,
        TmxReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = await OpenAsync(stream, options, cancellationToken);
        await foreach (var item in reader.ReadUnitsAsync(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>
    /// Yields one item per <c>&lt;tu&gt;</c> in document order. At the end, a file in which no unit
    /// has both memory languages is refused (naming the languages it has) rather than imported as nothing.
    /// Can be enumerated once.
    /// </summary>
    public async IAsyncEnumerable<ImportItem> ReadUnitsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The units of a TMX document can be read once.");
        }

        _started = true;
        while (await NextAsync(cancellationToken) is { } item)
        {
            yield return item;
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>1-based line and column of the current node; for a start or end tag, the column of its <c>&lt;</c>.</summary>
    internal static (int Line, int Column) Position(XmlReader reader) => XmlRefusal.Position(reader);

    private static TarjumaException Refuse(int line, int column, string reason, Exception? inner = null) =>
        XmlRefusal.At(Field, line, column, reason, inner);

    private static TarjumaException Refuse(XmlReader reader, string reason) => XmlRefusal.At(Field, reader, reason);

    private static TarjumaException Refuse(XmlException exception) => XmlRefusal.From(Field, exception);

    private static async Task<TmxHeader> ReadHeaderAsync(XmlReader reader, CancellationToken cancellationToken)
    {
        try
        {
            if (await reader.MoveToContentAsync() != XmlNodeType.Element)
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

            while (await reader.ReadAsync())
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
                await SkipToEndOfAsync(reader, reader.Depth);
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
    private static async Task SkipToEndOfAsync(XmlReader reader, int depth)
    {
        if (reader.Depth == depth
            && ((reader.NodeType == XmlNodeType.Element && reader.IsEmptyElement) || reader.NodeType == XmlNodeType.EndElement))
        {
            return;
        }

        while (await reader.ReadAsync())
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

    private static TmxUnitRejectedException Reject((int Line, int Column) at, string reason) => new(at.Line, at.Column, reason);

    private static bool IsBlank(string text) => text.AsSpan().Trim().IsEmpty;

    private async Task<ImportItem?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _reader.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var depth = _reader.Depth;
                if (depth == 1 && string.Equals(_reader.Name, "body", StringComparison.Ordinal))
                {
                    _sawBody = true;
                    continue;
                }

                if (depth == 2 && _sawBody && string.Equals(_reader.Name, "tu", StringComparison.Ordinal))
                {
                    if (await ReadUnitAsync(cancellationToken) is { } item)
                    {
                        return item;
                    }

                    continue;
                }

                // Anything else (extensions, a second header) carries no units.
                await SkipToEndOfAsync(_reader, depth);
            }

            Finish();
            return null;
        }
        catch (XmlException exception)
        {
            throw Refuse(exception);
        }
    }

    private void Finish()
    {
        if (!_sawBody)
        {
            throw Refuse(_reader, "<tmx> has no <body>");
        }

        // Units rejected before their languages were looked at (a limit, bad markup) say nothing about direction.
        if (_unitsCheckedForLanguages > 0 && _unitsWithBothLanguages == 0)
        {
            var found = _languagesSeen.Count == 0 ? "none" : string.Join(", ", _languagesSeen);
            throw Refuse(
                _firstUnit.Line,
                _firstUnit.Column,
                $"no <tu> has both {_options.Source} and {_options.Target}; the file's languages are: {found}");
        }
    }

    /// <summary>The unit or its rejection; null for a unit skipped because it lacks a memory language.</summary>
    private async Task<ImportItem?> ReadUnitAsync(CancellationToken cancellationToken)
    {
        var at = Position(_reader);
        var depth = _reader.Depth;
        if (_firstUnit.Line == 0)
        {
            _firstUnit = at;
        }

        try
        {
            var raw = await ReadRawUnitAsync(at, depth, cancellationToken);
            return Build(raw) is { } unit ? ImportItem.Accept(unit) : null;
        }
        catch (TmxUnitRejectedException rejection)
        {
            await SkipToEndOfAsync(_reader, depth);
            return ImportItem.Reject(new ImportRejection(rejection.Line, rejection.Column, rejection.Message));
        }
    }

    private async Task<RawUnit> ReadRawUnitAsync((int Line, int Column) at, int depth, CancellationToken cancellationToken)
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

        while (await _reader.ReadAsync())
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
                    unit.Properties.Add(await ReadPropertyAsync(unit));
                    break;
                case "note":
                    unit.Notes.Add(await ReadNoteAsync(unit));
                    break;
                case "tuv":
                    if (unit.Variants.Count == TmxLimits.MaxVariantsPerUnit)
                    {
                        throw Reject(Position(_reader), $"<tu> has more than {TmxLimits.MaxVariantsPerUnit} <tuv> elements");
                    }

                    unit.Variants.Add(await ReadVariantAsync(unit, cancellationToken));
                    break;
                default:
                    await SkipToEndOfAsync(_reader, _reader.Depth);
                    break;
            }
        }

        throw new XmlException("unexpected end of document inside <tu>");
    }

    private async Task<RawVariant> ReadVariantAsync(RawUnit unit, CancellationToken cancellationToken)
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

        while (await _reader.ReadAsync())
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
                    variant.Properties.Add(await ReadPropertyAsync(unit));
                    break;
                case "note":
                    variant.Notes.Add(await ReadNoteAsync(unit));
                    break;
                default:
                    await SkipToEndOfAsync(_reader, _reader.Depth);
                    break;
            }
        }

        throw new XmlException("unexpected end of document inside <tuv>");
    }

    private RawDates ReadDates((int Line, int Column) at) => new(
        Attribute("creationid", at),
        Attribute("creationdate", at),
        Attribute("changeid", at),
        Attribute("changedate", at),
        Attribute("lastusagedate", at));

    /// <summary>An attribute of the current element; a value over <see cref="TmxLimits.MaxAttributeLength"/> rejects the unit.</summary>
    private string? Attribute(string name, (int Line, int Column) at)
    {
        var value = _reader.GetAttribute(name);
        return value is { Length: > TmxLimits.MaxAttributeLength }
            ? throw Reject(at, string.Create(CultureInfo.InvariantCulture, $"{name} is {value.Length} characters, over the limit of {TmxLimits.MaxAttributeLength}"))
            : value;
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
            throw Reject(at, string.Create(CultureInfo.InvariantCulture, $"the unit's props and notes hold more than {TmxLimits.MaxMetadataPerUnit} characters together"));
        }
    }

    private async Task<UnitProperty> ReadPropertyAsync(RawUnit unit)
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

    private async Task<UnitNote> ReadNoteAsync(RawUnit unit)
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
    private async Task<string> ReadMetadataTextAsync()
    {
        var name = _reader.Name;
        var depth = _reader.Depth;
        if (_reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        while (await _reader.ReadAsync())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // In chunks: an oversized value is refused before it is held whole.
                    int read;
                    while ((read = await _reader.ReadValueChunkAsync(_buffer, 0, _buffer.Length)) > 0)
                    {
                        if (builder.Length + read > TmxLimits.MaxMetadataLength)
                        {
                            throw Reject(Position(_reader), string.Create(CultureInfo.InvariantCulture, $"<{name}> is longer than {TmxLimits.MaxMetadataLength} characters"));
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

    private void Skip(string reason)
    {
        var index = _skipped.FindIndex(s => string.Equals(s.Reason, reason, StringComparison.Ordinal));
        if (index < 0)
        {
            _skipped.Add(new ImportSkip(reason, 1));
        }
        else
        {
            _skipped[index] = _skipped[index] with { Count = _skipped[index].Count + 1 };
        }
    }

    /// <summary>Maps a unit read from the file onto the memory's languages and validates it; null when it lacks one.</summary>
    private TranslationUnit? Build(RawUnit raw)
    {
        var (source, target) = ChooseVariants(raw);
        _unitsCheckedForLanguages++;
        if (source is not null && target is not null)
        {
            _unitsWithBothLanguages++;
        }

        if (raw.Variants.Count == 0)
        {
            throw Reject(raw.At, "<tu> has no <tuv>");
        }

        if ((source is null || target is null) && raw.Variants.Any(v => ParseLanguage(v.Language) is null))
        {
            // A tuv without a (valid) language is broken, not in another language.
            var missing = source is null ? _options.Source : _options.Target;
            throw Reject(raw.At, $"<tu> has no <tuv> for {missing}; its tuvs are in: {string.Join(", ", raw.Variants.Select(v => v.Language ?? "(no xml:lang)"))}");
        }

        if (source is null || target is null)
        {
            // A multilingual file's unit in other languages is not for this memory: skipped, not rejected.
            Skip(source is null && target is null ? $"without {_options.Source} and {_options.Target}"
                : source is null ? $"without {_options.Source}"
                : $"without {_options.Target}");
            return null;
        }

        var sourceSegment = source.Segment ?? throw Reject(source.At, $"<tuv xml:lang=\"{source.Language}\"> has no <seg>");
        var targetSegment = target.Segment ?? throw Reject(target.At, $"<tuv xml:lang=\"{target.Language}\"> has no <seg>");
        if (IsBlank(sourceSegment.Text))
        {
            throw Reject(source.At, "empty source segment");
        }

        if (IsBlank(targetSegment.Text))
        {
            throw Reject(target.At, "empty target segment");
        }

        // Dates and users on a tuv (OmegaT writes them on the target) stand in for the unit's own.
        var dates = raw.Dates.Or(target.Dates).Or(source.Dates);
        var usageCount = 0;
        if (raw.UsageCount is { } count
            && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out usageCount)))
        {
            throw Reject(raw.At, $"usagecount '{count}' is not a non-negative integer");
        }

        // Our x-context-* props win over OmegaT's prev/next when a file has both.
        string? previous = null;
        string? previousOmegaT = null;
        string? next = null;
        string? nextOmegaT = null;
        var properties = ImmutableArray.CreateBuilder<UnitProperty>();
        var seen = new HashSet<UnitProperty>();
        var unitLanguage = raw.SourceLanguage ?? Header.SourceLanguage;
        foreach (var (property, container) in raw.Properties.Select(p => (p, unitLanguage))
            .Concat(source.Properties.Select(p => (p, source.Language)))
            .Concat(target.Properties.Select(p => (p, target.Language))))
        {
            if (IsContext(property.Type) && !IsMemorySourceText(property.Language ?? container))
            {
                // Context in the other language (a reversed import) would never equal this memory's
                // neighbouring sources: a 101 against it is impossible, and it would be exported as ours.
                continue;
            }

            switch (property.Type)
            {
                case TmxWriter.PreviousContextType:
                    previous ??= property.Value;
                    break;
                case TmxWriter.NextContextType:
                    next ??= property.Value;
                    break;
                case "prev":
                    previousOmegaT ??= property.Value;
                    break;
                case "next":
                    nextOmegaT ??= property.Value;
                    break;
                default:
                    if (seen.Add(property))
                    {
                        properties.Add(property);
                    }

                    break;
            }
        }

        var notes = raw.Notes.Concat(source.Notes).Concat(target.Notes).Distinct().ToImmutableArray();
        return new TranslationUnit
        {
            Source = sourceSegment,
            Target = targetSegment,
            PreviousSource = (previous ?? previousOmegaT) is { } before ? TextNormalizer.ToNfc(before) : null,
            NextSource = (next ?? nextOmegaT) is { } after ? TextNormalizer.ToNfc(after) : null,
            ExternalId = raw.ExternalId,
            Properties = properties.ToImmutable(),
            Notes = notes,
            CreatedBy = dates.CreatedBy,
            CreatedAt = ParseDate(raw.At, "creationdate", dates.CreatedAt),
            ChangedBy = dates.ChangedBy,
            ChangedAt = ParseDate(raw.At, "changedate", dates.ChangedAt),
            UsageCount = usageCount,
            LastUsedAt = ParseDate(raw.At, "lastusagedate", dates.LastUsedAt),
        };
    }

    private static bool IsContext(string type) =>
        type is TmxWriter.PreviousContextType or TmxWriter.NextContextType or "prev" or "next";

    /// <summary>
    /// Whether text declared in <paramref name="language"/> (a prop's xml:lang, else its tuv's, else
    /// the tu's or header's srclang, where TMX puts a unit's source-side props) is in the memory's
    /// source language. Undeclared (or <c>*all*</c>, or unparsable) counts as the source: that is
    /// where a tu's context props belong, and what every earlier import assumed.
    /// </summary>
    private bool IsMemorySourceText(string? language)
    {
        if (language is null || string.Equals(language.Trim(), AllLanguages, StringComparison.OrdinalIgnoreCase)
            || ParseLanguage(language.Trim()) is not { } tag)
        {
            return true;
        }

        return Rank(_options.Source, tag) > 0;
    }

    private static DateTimeOffset? ParseDate((int Line, int Column) at, string attribute, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return TmxDate.TryParse(value, out var date)
            ? date
            : throw Reject(at, $"{attribute} '{value}' is not a TMX date (YYYYMMDDThhmmssZ)");
    }

    /// <summary>
    /// Picks, for each memory language, the tuv whose language matches best (exact tag, then the
    /// bare language, then another variant of it; first in document order on a tie), never the same
    /// tuv for both sides.
    /// </summary>
    private (RawVariant? Source, RawVariant? Target) ChooseVariants(RawUnit raw)
    {
        var tags = new LanguageTag?[raw.Variants.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            var language = raw.Variants[i].Language;
            if (ParseLanguage(language) is { } tag)
            {
                tags[i] = tag;
                NoteLanguage(tag.Value);
            }
            else
            {
                NoteLanguage(language is null ? "(no xml:lang)" : $"'{language}'");
            }
        }

        var sourceFirst = Choose(tags, _options.Source, _options.Target);
        var targetFirst = Choose(tags, _options.Target, _options.Source);
        var (s, t) = targetFirst.Score > sourceFirst.Score ? (targetFirst.Second, targetFirst.First) : (sourceFirst.First, sourceFirst.Second);
        return (s < 0 ? null : raw.Variants[s], t < 0 ? null : raw.Variants[t]);
    }

    private static (int First, int Second, int Score) Choose(LanguageTag?[] tags, LanguageTag first, LanguageTag second)
    {
        var a = Best(tags, first, exclude: -1);
        var b = Best(tags, second, exclude: a.Index);
        return (a.Index, b.Index, a.Score + b.Score);
    }

    private static (int Index, int Score) Best(LanguageTag?[] tags, LanguageTag wanted, int exclude)
    {
        var best = (Index: -1, Score: 0);
        for (var i = 0; i < tags.Length; i++)
        {
            if (i != exclude && tags[i] is { } tag)
            {
                var score = Rank(wanted, tag);
                if (score > best.Score)
                {
                    best = (i, score);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// 0 for another language; 3 for the exact tag; within the same language (<see cref="LanguageTag.Closeness"/> 1),
    /// 2 when one side is the bare language (<c>fr</c> for <c>fr-FR</c>), 1 when both name different
    /// variants (<c>fr-CA</c> for <c>fr-FR</c>): the bare language is the closer fallback.
    /// </summary>
    private static int Rank(LanguageTag wanted, LanguageTag tag) => wanted.Closeness(tag) switch
    {
        2 => 3,
        1 => string.Equals(tag.Value, tag.Language, StringComparison.Ordinal) || string.Equals(wanted.Value, wanted.Language, StringComparison.Ordinal) ? 2 : 1,
        _ => 0,
    };

    /// <summary>Parses a tuv language, remembering the few distinct values a file uses.</summary>
    private LanguageTag? ParseLanguage(string? language)
    {
        if (language is null)
        {
            return null;
        }

        if (!_parsedLanguages.TryGetValue(language, out var tag))
        {
            tag = LanguageTag.TryParse(language, out var parsed) ? parsed : null;
            if (_parsedLanguages.Count < TmxLimits.MaxCachedLanguages)
            {
                _parsedLanguages.Add(language, tag);
            }
        }

        return tag;
    }

    private void NoteLanguage(string language)
    {
        if (_languagesSeen.Count < TmxLimits.MaxReportedLanguages)
        {
            _languagesSeen.Add(language);
        }
    }

    /// <summary>Who and when, as written on a tu or tuv (attribute text, parsed later).</summary>
    private sealed record RawDates(string? CreatedBy, string? CreatedAt, string? ChangedBy, string? ChangedAt, string? LastUsedAt)
    {
        public RawDates Or(RawDates other) => new(
            CreatedBy ?? other.CreatedBy,
            CreatedAt ?? other.CreatedAt,
            ChangedBy ?? other.ChangedBy,
            ChangedAt ?? other.ChangedAt,
            LastUsedAt ?? other.LastUsedAt);
    }

    private sealed class RawUnit((int Line, int Column) at, RawDates dates)
    {
        public (int Line, int Column) At { get; } = at;

        public RawDates Dates { get; } = dates;

        public string? ExternalId { get; init; }

        public string? UsageCount { get; init; }

        public string? SourceLanguage { get; init; }

        public List<UnitProperty> Properties { get; } = [];

        public List<UnitNote> Notes { get; } = [];

        public List<RawVariant> Variants { get; } = [];

        public int PropertyCount { get; set; }

        public int NoteCount { get; set; }

        public long MetadataLength { get; set; }
    }

    private sealed class RawVariant((int Line, int Column) at, string? language, RawDates dates)
    {
        public (int Line, int Column) At { get; } = at;

        public string? Language { get; } = language;

        public RawDates Dates { get; } = dates;

        public SegmentText? Segment { get; set; }

        public List<UnitProperty> Properties { get; } = [];

        public List<UnitNote> Notes { get; } = [];
    }
}
