using System.Runtime.CompilerServices;
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
public sealed partial class TmxReader : IDisposable
{
    /// <summary>The request field that refusals name.</summary>
    public const string Field = "tmx";

    /// <summary>
    /// DTDs are ignored, not prohibited: nearly every TMX file carries
    /// <c>&lt;!DOCTYPE tmx SYSTEM "tmx14.dtd"&gt;</c>, and refusing those would refuse TMX itself.
    /// Ignoring still fetches nothing (no resolver) and expands no entity: a reference to a
    /// DTD-declared entity (billion laughs, external entities) is an undeclared entity and the
    /// document is refused at that reference.
    /// </summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1_024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static readonly XmlReaderSettings SyncSettings = XmlDriver.For(Settings, synchronous: true);

    private static readonly XmlReaderSettings AsyncSettings = XmlDriver.For(Settings, synchronous: false);

    private readonly bool _sync;

    /// <summary>The document, and where it starts in the stream: a fallback from <see cref="FastXmlReader"/> reads it again.</summary>
    private readonly Stream _stream;
    private readonly long _origin;
    private XmlReader _reader;

    /// <summary><c>tu</c> elements read to the end (units, rejections and skips); after a fallback, those the new reader passes over.</summary>
    private long _unitsDone;
    private long _unitsToPass;
    private readonly TmxReadOptions _options;
    private readonly TmxSegmentReader _segments;
    private readonly char[] _buffer = new char[4096];
    private readonly SortedSet<string> _languagesSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LanguageTag?> _parsedLanguages = new(StringComparer.Ordinal);
    private readonly List<ImportSkip> _skipped = [];
    private long _unitsCheckedForLanguages;
    private long _unitsWithBothLanguages;
    private (int Line, int Column) _firstUnit;
    private bool _sawBody;
    private bool _started;

    private TmxReader(Stream stream, long origin, XmlReader reader, bool synchronous, TmxReadOptions options, TmxHeader header)
    {
        (_stream, _origin) = (stream, origin);
        _reader = reader;
        _sync = synchronous;
        _segments = new TmxSegmentReader(synchronous);
        _options = options;
        Header = header;
    }

    /// <summary>Whether the document is read with the XML reader's synchronous calls (a local file or memory), not its asynchronous ones.</summary>
    public bool ReadsSynchronously => _sync;

    /// <summary>Whether the document is being read by <see cref="FastXmlReader"/> (a local file it reads), not <see cref="XmlReader"/>.</summary>
    internal bool ReadsFast => _reader is FastXmlReader;

    /// <summary>The document's header, as read by <see cref="OpenAsync"/>.</summary>
    public TmxHeader Header { get; }

    /// <summary>
    /// Units left out because they lack one of the memory's languages (a multilingual file), by
    /// reason, in the order first met; complete once <see cref="ReadUnitsAsync"/> has finished.
    /// </summary>
    public IReadOnlyList<ImportSkip> Skipped => _skipped;

    /// <summary>How many units <see cref="Skipped"/> counts.</summary>
    public long SkippedCount => _skipped.Sum(s => s.Count);

    /// <summary>
    /// Opens a TMX document and reads its header; the stream stays open and is read forward only. A local file or
    /// memory (a stream that can seek or knows its length) is read with synchronous calls, an upload's pipe asynchronously.
    /// </summary>
    /// <exception cref="TarjumaException">The document is not TMX or not well-formed up to its header. A
    /// header <c>srclang</c> in a third language is no error: multilingual memories (Trados, DGT-TM)
    /// declare one language and carry many per unit.</exception>
    public static Task<TmxReader> OpenAsync(Stream stream, TmxReadOptions options, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(stream, options, fast: true, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(Stream, TmxReadOptions, CancellationToken)"/>; with <paramref name="fast"/>, a stream read
    /// synchronously is read by <see cref="FastXmlReader"/> while the document stays within what it reads, else by
    /// <see cref="XmlReader"/> alone (tests compare the two).
    /// </summary>
    internal static async Task<TmxReader> OpenCoreAsync(Stream stream, TmxReadOptions options, bool fast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Source == options.Target)
        {
            throw TarjumaException.InvalidArgument("languages", $"source and target language are both {options.Source}.");
        }

        var synchronous = XmlDriver.ReadsSynchronously(stream);
        var origin = synchronous ? stream.Position : 0;
        if (fast && synchronous && FastXmlReader.TryOpen(stream) is { } fastReader)
        {
            try
            {
                var header = await ReadHeaderAsync(fastReader, synchronous: true, cancellationToken);
                return new TmxReader(stream, origin, fastReader, synchronous, options, header);
            }
            catch (XmlFallbackException)
            {
                fastReader.Dispose();
                stream.Position = origin;
            }
        }

        var reader = XmlReader.Create(stream, synchronous ? SyncSettings : AsyncSettings);
        try
        {
            var header = await ReadHeaderAsync(reader, synchronous, cancellationToken);
            return new TmxReader(stream, origin, reader, synchronous, options, header);
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

    private static TmxUnitRejectedException Reject((int Line, int Column) at, string reason) => new(at.Line, at.Column, reason);

    private static bool IsBlank(string text) => text.AsSpan().Trim().IsEmpty;

    private async ValueTask<ImportItem?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await NextFromReaderAsync(cancellationToken);
        }
        catch (XmlFallbackException)
        {
            await FallBackAsync(cancellationToken);
            return await NextFromReaderAsync(cancellationToken);
        }
    }

    /// <summary>
    /// <see cref="FastXmlReader"/> met what it does not read: <see cref="XmlReader"/> reads the document again from its
    /// start, passing over the units already given (and counting their languages and skips afresh), so the caller gets
    /// what <see cref="XmlReader"/> alone would have given: the next units, or its refusal with its line and column.
    /// </summary>
    private async ValueTask FallBackAsync(CancellationToken cancellationToken)
    {
        _reader.Dispose();
        _stream.Position = _origin;
        _reader = XmlReader.Create(_stream, SyncSettings);
        await ReadHeaderAsync(_reader, synchronous: true, cancellationToken);
        (_unitsToPass, _unitsDone) = (_unitsDone, 0);
        (_unitsCheckedForLanguages, _unitsWithBothLanguages, _firstUnit, _sawBody) = (0, 0, default, false);
        _languagesSeen.Clear();
        _skipped.Clear();
    }

    private async ValueTask<ImportItem?> NextFromReaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _reader.NextAsync(_sync))
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
                    var item = await ReadUnitAsync(cancellationToken);
                    if (++_unitsDone > _unitsToPass && item is not null)
                    {
                        return item;
                    }

                    continue;
                }

                // Anything else (extensions, a second header) carries no units.
                await SkipToEndOfAsync(_reader, _sync, depth);
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
    private async ValueTask<ImportItem?> ReadUnitAsync(CancellationToken cancellationToken)
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
            await SkipToEndOfAsync(_reader, _sync, depth);
            return ImportItem.Reject(new ImportRejection(rejection.Line, rejection.Column, rejection.Message));
        }
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
}
