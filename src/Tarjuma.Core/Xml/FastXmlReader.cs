using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace Tarjuma.Core.Xml;

/// <summary>
/// Thrown by <see cref="FastXmlReader"/> at anything it does not read itself: malformed XML, an encoding or construct outside
/// its subset. It carries no position or wording of its own: the caller reads the document again with <see cref="XmlReader"/>,
/// which then gives the very error (or reading) it always gave.
/// </summary>
internal sealed class XmlFallbackException(string reason) : Exception(reason);

/// <summary>
/// A forward-only XML reader for the subset of XML 1.0 that TMX files use, in place of <see cref="XmlReader"/> on the import's
/// hot path (its name table, node objects and decoding were a fifth of an import's CPU, issue #12). Reads UTF-8 (with or without
/// a byte-order mark) and UTF-16 with a byte-order mark; elements, attributes, the five predefined entities and character
/// references, CDATA, comments, processing instructions and a DOCTYPE without internal subset. It reports the same nodes,
/// names, values, depths and line positions as <see cref="XmlReader"/> with <see cref="Tmx.TmxReader"/>'s settings (comments
/// and processing instructions ignored, DTD ignored), and throws <see cref="XmlFallbackException"/> at anything else, including
/// every well-formedness error (XML 1.0 §2–§4), so that <see cref="XmlReader"/> reports it.
/// </summary>
/// <remarks>
/// The methods run per node are compiled optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): an import
/// is one short process, and in a profile a tenth of the reader's time was still tier-0 code waiting for its recompilation.
/// </remarks>
internal sealed class FastXmlReader : XmlReader, IXmlLineInfo
{
    /// <summary>Most characters of one tag, text node, comment or DOCTYPE held whole; beyond, <see cref="XmlReader"/> reads in chunks.</summary>
    internal const int MaxConstruct = 1 << 20;

    /// <summary>Deepest nesting followed; TMX readers refuse far less (<see cref="Tmx.TmxLimits.MaxDocumentDepth"/>).</summary>
    private const int MaxDepth = 4_096;

    /// <summary>Distinct names and short attribute values kept as one string each (tag names, xml:lang values).</summary>
    private const int MaxInterned = 4_096;

    /// <summary>Attribute values up to this length are interned (languages, flags); longer ones are allocated.</summary>
    private const int MaxInternedValue = 16;

    /// <summary>Slots of <see cref="Intern"/>'s cache of recent strings (a power of two).</summary>
    private const int RecentSlots = 256;

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private static readonly SearchValues<char> TextStops = SearchValues.Create("<&]\r\n\t");

    private readonly Stream _stream;
    private readonly Decoder _decoder;
    private readonly bool _isUtf16;
    private readonly byte[] _bytes = new byte[64 * 1024];
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _internedLookup;
    private readonly string?[] _recent = new string?[RecentSlots];
    private readonly NameTable _nameTable = new();
    private readonly List<(string Name, string Value)> _attributes = [];
    private string[] _open = new string[16];
    private int _openCount;
    private char[] _chars = new char[128 * 1024];
    private int _pos;
    private int _end;
    private long _base;
    private bool _inputDone;
    private int _line = 1;
    private long _lineStart;

    private ReadState _state = ReadState.Initial;
    private XmlNodeType _nodeType = XmlNodeType.None;
    private string _name = string.Empty;
    private int _depth;
    private bool _isEmpty;
    private int _nodeLine;
    private int _nodePosition;
    private int _attributeIndex = -1;
    private bool _rootClosed;
    private bool _sawRoot;
    private bool _sawDoctype;

    // A text node's value: a range of _chars (nothing to unescape) or of _value.
    private char[] _valueSource = [];
    private int _valueStart;
    private int _valueLength;
    private int _valueRead;
    private string? _valueString;
    private char[] _value = new char[4_096];

    private FastXmlReader(Stream stream, Decoder decoder, bool utf16)
    {
        _stream = stream;
        _decoder = decoder;
        _isUtf16 = utf16;
        _internedLookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override int AttributeCount => _nodeType is XmlNodeType.Element or XmlNodeType.Attribute ? _attributes.Count : 0;

    public override string BaseURI => string.Empty;

    public override int Depth => _attributeIndex >= 0 ? _depth + 1 : _depth;

    public override bool EOF => _state == ReadState.EndOfFile;

    public override bool IsEmptyElement => _attributeIndex < 0 && _nodeType == XmlNodeType.Element && _isEmpty;

    public override string Name => _attributeIndex >= 0 ? _attributes[_attributeIndex].Name : _name;

    public override string LocalName => Name is var name && name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? name[(colon + 1)..] : name;

    public override string NamespaceURI => Prefix.Length > 0 ? XmlNamespace : string.Empty;

    public override string Prefix => Name is var name && name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? name[..colon] : string.Empty;

    public override XmlNameTable NameTable => _nameTable;

    public override XmlNodeType NodeType => _attributeIndex >= 0 ? XmlNodeType.Attribute : _nodeType;

    public override ReadState ReadState => _state;

    public override bool HasValue => NodeType is XmlNodeType.Attribute or XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace;

    public override string Value => _attributeIndex >= 0 ? _attributes[_attributeIndex].Value
        : HasValue ? _valueString ??= new string(_valueSource, _valueStart, _valueLength)
        : string.Empty;

    public override bool CanReadValueChunk => true;

    public int LineNumber => _nodeLine;

    public int LinePosition => _nodePosition;

    /// <summary>
    /// A reader over <paramref name="stream"/> from its current position, or null when its encoding is not one this reader
    /// takes (the caller uses <see cref="XmlReader"/>): UTF-8, or UTF-16 with a byte-order mark; the XML declaration is checked
    /// on the first <see cref="Read"/>.
    /// </summary>
    public static FastXmlReader? TryOpen(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> start = stackalloc byte[4];
        var origin = stream.Position;
        var count = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        Encoding? encoding;
        int bom;
        if (count >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF)
        {
            (encoding, bom) = (new UTF8Encoding(false, true), 3);
        }
        else if (count >= 2 && start[0] == 0xFF && start[1] == 0xFE && !(count == 4 && start[2] == 0 && start[3] == 0))
        {
            (encoding, bom) = (new UnicodeEncoding(false, false, true), 2);
        }
        else if (count >= 2 && start[0] == 0xFE && start[1] == 0xFF)
        {
            (encoding, bom) = (new UnicodeEncoding(true, false, true), 2);
        }
        else if (count >= 1 && start[0] == (byte)'<' && (count < 2 || start[1] != 0))
        {
            // No byte-order mark: UTF-8 unless the declaration says otherwise (checked on the first read).
            (encoding, bom) = (new UTF8Encoding(false, true), 0);
        }
        else
        {
            // UTF-32, UTF-16 without a mark, EBCDIC, leading white space or an empty file: XmlReader's business.
            (encoding, bom) = (null, 0);
        }

        stream.Position = origin + bom;
        return encoding is null ? null : new FastXmlReader(stream, encoding.GetDecoder(), encoding is UnicodeEncoding);
    }

    public bool HasLineInfo() => true;

    public override string? GetAttribute(string name)
    {
        foreach (var (key, value) in _attributes)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    public override string? GetAttribute(string name, string? namespaceURI) =>
        string.IsNullOrEmpty(namespaceURI) ? GetAttribute(name)
        : string.Equals(namespaceURI, XmlNamespace, StringComparison.Ordinal) ? GetAttribute("xml:" + name)
        : null;

    public override string GetAttribute(int i) => _attributes[i].Value;

    public override string? LookupNamespace(string prefix) => prefix switch
    {
        "xml" => XmlNamespace,
        "" => string.Empty,
        _ => null,
    };

    public override bool MoveToAttribute(string name)
    {
        for (var i = 0; i < AttributeCount; i++)
        {
            if (string.Equals(_attributes[i].Name, name, StringComparison.Ordinal))
            {
                _attributeIndex = i;
                return true;
            }
        }

        return false;
    }

    public override bool MoveToAttribute(string name, string? ns) =>
        string.IsNullOrEmpty(ns) ? MoveToAttribute(name) : string.Equals(ns, XmlNamespace, StringComparison.Ordinal) && MoveToAttribute("xml:" + name);

    public override void MoveToAttribute(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, AttributeCount);
        _attributeIndex = i;
    }

    public override bool MoveToElement()
    {
        var was = _attributeIndex >= 0;
        _attributeIndex = -1;
        return was;
    }

    public override bool MoveToFirstAttribute()
    {
        if (AttributeCount == 0)
        {
            return false;
        }

        _attributeIndex = 0;
        return true;
    }

    public override bool MoveToNextAttribute()
    {
        if (AttributeCount == 0 || _attributeIndex + 1 >= _attributes.Count)
        {
            return false;
        }

        _attributeIndex++;
        return true;
    }

    public override bool ReadAttributeValue() => false;

    public override void ResolveEntity() => throw new InvalidOperationException("The reader expands no entity.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int ReadValueChunk(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_attributeIndex >= 0 || !HasValue)
        {
            return 0;
        }

        var take = Math.Min(count, _valueLength - _valueRead);
        Array.Copy(_valueSource, _valueStart + _valueRead, buffer, index, take);
        _valueRead += take;
        return take;
    }

    public override void Close() => _state = ReadState.Closed;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Read()
    {
        if (_state is ReadState.EndOfFile or ReadState.Closed or ReadState.Error)
        {
            return false;
        }

        try
        {
            if (_state == ReadState.Initial)
            {
                _state = ReadState.Interactive;
                ReadDeclaration();
            }

            _attributeIndex = -1;
            _valueString = null;
            _valueRead = 0;
            _valueLength = 0;
            while (true)
            {
                var line = _line;
                var lineStart = _lineStart;
                var outcome = _openCount == 0 ? TryTopLevel() : TryContent();
                if (outcome == Outcome.Node)
                {
                    return true;
                }

                if (outcome == Outcome.Skipped)
                {
                    continue;
                }

                if (outcome == Outcome.End)
                {
                    _state = ReadState.EndOfFile;
                    _nodeType = XmlNodeType.None;
                    _name = string.Empty;
                    return false;
                }

                // Outcome.More: the construct runs past the buffer; read on and parse it again from its start.
                (_line, _lineStart) = (line, lineStart);
                Refill();
            }
        }
        catch
        {
            _state = ReadState.Error;
            throw;
        }
    }

    private enum Outcome
    {
        Node,
        Skipped,
        More,
        End,
    }

    private static XmlFallbackException Fallback(string reason) => new(reason);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNameStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNameChar(char c) => IsNameStart(c) || (uint)(c - '0') <= 9 || c is '-' or '.' or ':';

    /// <summary>XML 1.0 §2.2 Char for one UTF-16 code unit outside surrogates; surrogates are checked in pairs by the caller.</summary>
    private static bool IsPlainChar(char c) => c >= ' ' ? c < '\uFFFE' : c is '\t' or '\n' or '\r';

    /// <summary>The XML declaration (XML 1.0 §2.8), at the very start only: version 1.0 and an encoding that is the one read.</summary>
    private void ReadDeclaration()
    {
        while (_end - _pos < 6 && !_inputDone)
        {
            Refill();
        }

        var span = _chars.AsSpan(_pos, _end - _pos);
        if (!span.StartsWith("<?xml") || span.Length < 6 || !IsSpace(span[5]))
        {
            if (_isUtf16)
            {
                // XmlReader checks a UTF-16 document's declaration against its mark; without one, it is its to read.
                throw Fallback("a UTF-16 document without an XML declaration");
            }

            return;
        }

        int close;
        while ((close = _chars.AsSpan(_pos, _end - _pos).IndexOf("?>")) < 0)
        {
            if (_inputDone || _end - _pos > 1_024)
            {
                throw Fallback("XML declaration");
            }

            Refill();
        }

        var declaration = new string(_chars, _pos + 5, close - 5);
        var parts = declaration.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        string? version = null, encoding = null;
        var stage = 0;
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || part.Length < eq + 3 || (part[eq + 1] is not ('"' or '\'')) || part[^1] != part[eq + 1])
            {
                throw Fallback("XML declaration");
            }

            var value = part[(eq + 2)..^1];
            switch (part[..eq])
            {
                case "version" when stage == 0:
                    (version, stage) = (value, 1);
                    break;
                case "encoding" when stage == 1:
                    (encoding, stage) = (value, 2);
                    break;
                case "standalone" when stage is 1 or 2 && value is "yes" or "no":
                    stage = 3;
                    break;
                default:
                    throw Fallback("XML declaration");
            }
        }

        var expected = _isUtf16 ? "utf-16" : "utf-8";
        if (version != "1.0" || (encoding is not null && !string.Equals(encoding, expected, StringComparison.OrdinalIgnoreCase))
            || (_isUtf16 && encoding is null) || declaration.Contains('\r', StringComparison.Ordinal) || declaration.Contains('\n', StringComparison.Ordinal))
        {
            throw Fallback("XML declaration");
        }

        _pos += close + 2;
    }

    /// <summary>Before and after the root element: white space, comments, processing instructions, one DOCTYPE, the root.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome TryTopLevel()
    {
        var span = _chars.AsSpan(_pos, _end - _pos);
        var i = 0;
        while (i < span.Length && IsSpace(span[i]))
        {
            NewLine(span, ref i);
        }

        if (i == span.Length && !_inputDone)
        {
            // Read on (a CR at the end may be the first of a pair); the white space is counted again from its start.
            return Outcome.More;
        }

        _pos += i;
        span = span[i..];
        if (span.IsEmpty)
        {
            return _sawRoot ? Outcome.End : throw Fallback("no root element");
        }

        if (span[0] != '<' || span.Length < 2)
        {
            return span[0] != '<' ? throw Fallback("text outside the root element") : More();
        }

        if (span[1] == '?')
        {
            return TryInstruction(span);
        }

        if (span[1] == '!')
        {
            if (span.Length < 4)
            {
                return More();
            }

            return span[2] == '-' ? TryComment(span) : TryDoctype(span);
        }

        if (_rootClosed)
        {
            throw Fallback("a second root element");
        }

        _sawRoot = true;
        return TryStartTag(span);
    }

    /// <summary>Inside the root element: tags, text, CDATA; comments and processing instructions are read past.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome TryContent()
    {
        var span = _chars.AsSpan(_pos, _end - _pos);
        if (span.IsEmpty)
        {
            return _inputDone ? throw Fallback("the document ends inside an element") : Outcome.More;
        }

        if (span[0] != '<')
        {
            return TryText(span);
        }

        if (span.Length < 2)
        {
            return More();
        }

        switch (span[1])
        {
            case '/':
                return TryEndTag(span);
            case '?':
                return TryInstruction(span);
            case '!':
                if (span.Length < 9)
                {
                    return More();
                }

                if (span[2] == '-')
                {
                    return TryComment(span);
                }

                return span[2..].StartsWith("[CDATA[") ? TryCData(span) : throw Fallback("markup declaration in content");
            default:
                return TryStartTag(span);
        }
    }

    private Outcome More() => _inputDone ? throw Fallback("the document ends inside markup") : Outcome.More;

    /// <summary>Consumes white space or one line break at <paramref name="i"/>, counting lines as XmlReader does (CR LF, CR, LF).</summary>
    private void NewLine(ReadOnlySpan<char> span, ref int i)
    {
        var c = span[i++];
        if (c == '\n' || (c == '\r' && (i >= span.Length || span[i] != '\n')))
        {
            _line++;
            _lineStart = _base + _pos + i;
        }
    }

    private void StartNode(XmlNodeType type, int offset, int columnShift)
    {
        _nodeType = type;
        _nodeLine = _line;
        _nodePosition = (int)(_base + _pos + offset - _lineStart) + 1 + columnShift;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome TryStartTag(ReadOnlySpan<char> span)
    {
        var i = 1;
        var name = ReadName(span, ref i, element: true);
        if (name is null)
        {
            return More();
        }

        var (line, position) = (_line, (int)(_base + _pos - _lineStart) + 2);
        _attributes.Clear();
        while (true)
        {
            var spaced = false;
            while (i < span.Length && IsSpace(span[i]))
            {
                NewLine(span, ref i);
                spaced = true;
            }

            if (i >= span.Length)
            {
                return More();
            }

            if (span[i] == '>' || span[i] == '/')
            {
                if (span[i] == '/' && (i + 1 >= span.Length || span[i + 1] != '>'))
                {
                    return i + 1 >= span.Length ? More() : throw Fallback("'/' not before '>'");
                }

                _isEmpty = span[i] == '/';
                i += _isEmpty ? 2 : 1;
                break;
            }

            if (!spaced)
            {
                throw Fallback("no white space before an attribute");
            }

            var attribute = ReadName(span, ref i, element: false);
            if (attribute is null)
            {
                return More();
            }

            while (i < span.Length && IsSpace(span[i]))
            {
                NewLine(span, ref i);
            }

            if (i >= span.Length)
            {
                return More();
            }

            if (span[i++] != '=')
            {
                throw Fallback("attribute without '='");
            }

            while (i < span.Length && IsSpace(span[i]))
            {
                NewLine(span, ref i);
            }

            if (i >= span.Length)
            {
                return More();
            }

            var value = ReadAttributeValue(span, ref i);
            if (value is null)
            {
                return More();
            }

            if (GetAttribute(attribute) is not null)
            {
                throw Fallback("a repeated attribute");
            }

            _attributes.Add((attribute, value));
        }

        if (_openCount == MaxDepth)
        {
            throw Fallback("nesting");
        }

        (_nodeType, _name, _depth, _nodeLine, _nodePosition) = (XmlNodeType.Element, name, _openCount, line, position);
        _pos += i;
        if (!_isEmpty)
        {
            if (_openCount == _open.Length)
            {
                Array.Resize(ref _open, _open.Length * 2);
            }

            _open[_openCount++] = name;
        }
        else if (_openCount == 0)
        {
            _rootClosed = true;
        }

        return Outcome.Node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome TryEndTag(ReadOnlySpan<char> span)
    {
        // The name must be the open element's, whose name was checked at its start tag: compared, not read again.
        var i = 2;
        while (i < span.Length && IsNameChar(span[i]))
        {
            i++;
        }

        if (i >= span.Length)
        {
            return More();
        }

        var name = _openCount > 0 && span[2..i].SequenceEqual(_open[_openCount - 1]) ? _open[_openCount - 1]
            : throw Fallback("an end tag that does not match");

        var (line, position) = (_line, (int)(_base + _pos - _lineStart) + 3);
        while (i < span.Length && IsSpace(span[i]))
        {
            NewLine(span, ref i);
        }

        if (i >= span.Length)
        {
            return More();
        }

        if (span[i] != '>')
        {
            throw Fallback("an end tag that does not match");
        }

        _openCount--;
        _rootClosed = _openCount == 0;
        (_nodeType, _name, _depth, _nodeLine, _nodePosition, _isEmpty) = (XmlNodeType.EndElement, name, _openCount, line, position, false);
        _pos += i + 1;
        return Outcome.Node;
    }

    /// <summary>
    /// An ASCII name (XML 1.0 §2.3 restricted to ASCII; anything else is XmlReader's), interned; null when the buffer ends first.
    /// A colon is taken only in <c>xml:lang</c> (namespaces are XmlReader's), and no attribute may start with <c>xmlns</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadName(ReadOnlySpan<char> span, ref int i, bool element)
    {
        var start = i;
        if (i >= span.Length)
        {
            return null;
        }

        if (!IsNameStart(span[i]))
        {
            throw Fallback("a name XmlReader reads");
        }

        i++;
        while (i < span.Length && IsNameChar(span[i]))
        {
            i++;
        }

        if (i >= span.Length)
        {
            return null;
        }

        if (span[i] > '\u007F')
        {
            throw Fallback("a name with characters beyond ASCII");
        }

        var name = span[start..i];
        if ((name.Contains(':') && (element || !name.SequenceEqual("xml:lang"))) || (!element && name.StartsWith("xmlns")))
        {
            throw Fallback("namespaces");
        }

        return Intern(name);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Intern(ReadOnlySpan<char> text)
    {
        // A slot by first and last character and length holds the string last seen there: a document repeats a dozen names
        // and a few languages, so most lookups end at one comparison, with no hash of the text.
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        ref var slot = ref _recent[((text[0] * 7) + (text[^1] * 3) + text.Length) & (RecentSlots - 1)];
        if (slot is { } recent && text.SequenceEqual(recent))
        {
            return recent;
        }

        if (!_internedLookup.TryGetValue(text, out var known))
        {
            known = text.ToString();
            if (_interned.Count < MaxInterned)
            {
                _interned[known] = known;
            }
        }

        return slot = known;
    }

    /// <summary>A quoted attribute value, normalised as XML 1.0 §3.3.3 says for CDATA attributes; null when the buffer ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadAttributeValue(ReadOnlySpan<char> span, ref int i)
    {
        var quote = span[i];
        if (quote is not ('"' or '\''))
        {
            throw Fallback("an unquoted attribute value");
        }

        var start = i + 1;
        var close = span[start..].IndexOf(quote);
        if (close < 0)
        {
            return null;
        }

        var raw = span.Slice(start, close);
        if (raw.IndexOfAny(TextStops) < 0 && raw.IndexOfAnyExceptInRange(' ', '\uD7FF') < 0)
        {
            i = start + close + 1;
            return raw.Length <= MaxInternedValue ? Intern(raw) : raw.ToString();
        }

        var value = new StringBuilder(raw.Length);
        var j = 0;
        while (j < raw.Length)
        {
            var c = raw[j];
            switch (c)
            {
                case '<':
                    throw Fallback("'<' in an attribute value");
                case '&':
                    j = AppendReference(raw, j, value);
                    continue;
                case '\t' or '\n' or '\r':
                    // Attribute-value normalisation: a literal line break or tab is a space (a CR LF pair is one).
                    var k = start + j;
                    NewLine(span, ref k);
                    j = k - start;
                    value.Append(' ');
                    continue;
                default:
                    j = AppendChecked(raw, j, value);
                    continue;
            }
        }

        i = start + close + 1;
        return value.ToString();
    }

    /// <summary>Appends the character at <paramref name="j"/> (a surrogate pair whole) after checking it is an XML Char.</summary>
    private static int AppendChecked(ReadOnlySpan<char> text, int j, StringBuilder target)
    {
        var c = text[j];
        if (char.IsHighSurrogate(c) && j + 1 < text.Length && char.IsLowSurrogate(text[j + 1]))
        {
            target.Append(c).Append(text[j + 1]);
            return j + 2;
        }

        if (!IsPlainChar(c) || char.IsSurrogate(c))
        {
            throw Fallback("a character XML does not allow");
        }

        target.Append(c);
        return j + 1;
    }

    /// <summary>A predefined entity or character reference (XML 1.0 §4.1, §4.6) at <paramref name="j"/>; returns the index after it.</summary>
    private static int AppendReference(ReadOnlySpan<char> text, int j, StringBuilder target)
    {
        var end = text[j..].IndexOf(';');
        if (end is < 0 or > 12)
        {
            throw Fallback("an unterminated reference");
        }

        var name = text.Slice(j + 1, end - 1);
        switch (name)
        {
            case "lt":
                target.Append('<');
                break;
            case "gt":
                target.Append('>');
                break;
            case "amp":
                target.Append('&');
                break;
            case "apos":
                target.Append('\'');
                break;
            case "quot":
                target.Append('"');
                break;
            default:
                if (name.Length < 2 || name[0] != '#' || name.Length > 10)
                {
                    throw Fallback("an entity XmlReader reports");
                }

                var hex = name[1] == 'x';
                var digits = name[(hex ? 2 : 1)..];
                var code = 0L;
                foreach (var d in digits)
                {
                    var v = d is >= '0' and <= '9' ? d - '0' : hex && (d | 0x20) is >= 'a' and <= 'f' ? (d | 0x20) - 'a' + 10 : -1;
                    code = v < 0 ? throw Fallback("a bad character reference") : (code * (hex ? 16 : 10)) + v;
                }

                // XML 1.0 §2.2 Char: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
                if (digits.IsEmpty || code > 0x10FFFF || (code < 0x20 && code is not (9 or 10 or 13)) || code is >= 0xD800 and <= 0xDFFF or 0xFFFE or 0xFFFF)
                {
                    throw Fallback("a character reference to a character XML does not allow");
                }

                if (code >= 0x10000)
                {
                    target.Append(char.ConvertFromUtf32((int)code));
                }
                else
                {
                    target.Append((char)code);
                }

                break;
        }

        return j + end + 1;
    }

    /// <summary>Character data up to the next <c>&lt;</c>: references expanded, line breaks normalised to LF (XML 1.0 §2.11).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome TryText(ReadOnlySpan<char> span)
    {
        var length = span.IndexOf('<');
        if (length < 0)
        {
            if (span.Length > MaxConstruct)
            {
                throw Fallback("a text node too long to hold");
            }

            return More();
        }

        var text = span[..length];
        StartNode(XmlNodeType.Text, 0, 0);
        _depth = _openCount;
        _name = string.Empty;
        if (text.IndexOfAny(TextStops) < 0 && text.IndexOfAnyExceptInRange(' ', '\uD7FF') < 0)
        {
            // Most text: nothing to unescape, no line break, no character to check; the value is read from the buffer.
            (_valueSource, _valueStart, _valueLength) = (_chars, _pos, length);
            if (text.IndexOfAnyExcept(' ') < 0)
            {
                _nodeType = XmlNodeType.Whitespace;
            }

            _pos += length;
            return Outcome.Node;
        }

        var builder = new StringBuilder(length);
        var whitespace = true;
        var i = 0;
        while (i < length)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    whitespace = false;
                    i = AppendReference(text, i, builder);
                    continue;
                case '\r' or '\n':
                    // A CR at the end of the buffer may be the first of a pair: the tag after it is in the buffer, so it is not.
                    NewLine(span, ref i);
                    builder.Append('\n');
                    continue;
                case ' ' or '\t':
                    builder.Append(c);
                    i++;
                    continue;
                case ']' when text[i..].StartsWith("]]>"):
                    throw Fallback("']]>' in text");
                default:
                    whitespace = false;
                    i = AppendChecked(text, i, builder);
                    continue;
            }
        }

        if (whitespace)
        {
            _nodeType = XmlNodeType.Whitespace;
        }

        SetValue(builder);
        _pos += length;
        return Outcome.Node;
    }

    private void SetValue(StringBuilder builder)
    {
        if (_value.Length < builder.Length)
        {
            _value = new char[Math.Max(builder.Length, _value.Length * 2)];
        }

        builder.CopyTo(0, _value, builder.Length);
        (_valueSource, _valueStart, _valueLength) = (_value, 0, builder.Length);
    }

    private Outcome TryCData(ReadOnlySpan<char> span)
    {
        const int Open = 9;
        var close = span[Open..].IndexOf("]]>");
        if (close < 0)
        {
            return span.Length > MaxConstruct ? throw Fallback("a CDATA section too long to hold") : More();
        }

        StartNode(XmlNodeType.CDATA, Open, 0);
        _depth = _openCount;
        _name = string.Empty;
        var text = span.Slice(Open, close);
        var builder = new StringBuilder(close);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is '\r' or '\n')
            {
                var k = Open + i;
                NewLine(span, ref k);
                i = k - Open;
                builder.Append('\n');
            }
            else
            {
                i = AppendChecked(text, i, builder);
            }
        }

        SetValue(builder);
        _pos += Open + close + 3;
        return Outcome.Node;
    }

    /// <summary>A comment (XML 1.0 §2.5), read past: no <c>--</c> inside, and only XML characters.</summary>
    private Outcome TryComment(ReadOnlySpan<char> span)
    {
        if (!span.StartsWith("<!--"))
        {
            return span.Length < 4 ? More() : throw Fallback("not a comment");
        }

        var close = span[4..].IndexOf("--");
        if (close < 0)
        {
            return span.Length > MaxConstruct ? throw Fallback("a comment too long to hold") : More();
        }

        if (4 + close + 2 >= span.Length)
        {
            return More();
        }

        if (span[4 + close + 2] != '>')
        {
            throw Fallback("'--' in a comment");
        }

        CheckCharacters(span, 4, close);
        _pos += 4 + close + 3;
        return Outcome.Skipped;
    }

    /// <summary>A processing instruction (XML 1.0 §2.6), read past; a target named <c>xml</c> in any case is XmlReader's error.</summary>
    private Outcome TryInstruction(ReadOnlySpan<char> span)
    {
        var close = span.IndexOf("?>");
        if (close < 0)
        {
            return span.Length > MaxConstruct ? throw Fallback("a processing instruction too long to hold") : More();
        }

        var i = 2;
        var target = ReadName(span[..(close + 1)], ref i, element: true);
        if (target is null || target.Equals("xml", StringComparison.OrdinalIgnoreCase) || (i < close && !IsSpace(span[i])))
        {
            throw Fallback("a processing instruction XmlReader reads");
        }

        CheckCharacters(span, i, close - i);
        _pos += close + 2;
        return Outcome.Skipped;
    }

    /// <summary>A DOCTYPE without internal subset (XML 1.0 §2.8), before the root, once; ignored, as the DTD is.</summary>
    private Outcome TryDoctype(ReadOnlySpan<char> span)
    {
        if (!span.StartsWith("<!DOCTYPE"))
        {
            return span.Length < 9 ? More() : throw Fallback("markup declaration");
        }

        var close = span.IndexOf('>');
        if (close < 0)
        {
            return span.Length > MaxConstruct ? throw Fallback("a DOCTYPE too long to hold") : More();
        }

        if (_sawDoctype || _sawRoot)
        {
            throw Fallback("a misplaced DOCTYPE");
        }

        // Name, then SYSTEM "uri" or PUBLIC "id" "uri", then '>'. An internal subset, or anything else, is XmlReader's.
        var parts = new List<string>();
        var body = span[9..close];
        if (body.IsEmpty || !IsSpace(body[0]) || body.IndexOfAny('[', '<', '&') >= 0)
        {
            throw Fallback("a DOCTYPE XmlReader reads");
        }

        var j = 0;
        while (j < body.Length)
        {
            if (IsSpace(body[j]))
            {
                j++;
                continue;
            }

            if (body[j] is '"' or '\'')
            {
                var end = body[(j + 1)..].IndexOf(body[j]);
                if (end < 0)
                {
                    throw Fallback("a DOCTYPE XmlReader reads");
                }

                parts.Add(body.Slice(j, end + 2).ToString());
                j += end + 2;
                if (j < body.Length && !IsSpace(body[j]))
                {
                    throw Fallback("a DOCTYPE XmlReader reads");
                }

                continue;
            }

            var start = j;
            while (j < body.Length && !IsSpace(body[j]))
            {
                j++;
            }

            parts.Add(body[start..j].ToString());
        }

        var shape = parts.Count switch
        {
            1 => true,
            3 => parts[1] == "SYSTEM" && parts[2][0] is '"' or '\'',
            4 => parts[1] == "PUBLIC" && parts[2][0] is '"' or '\'' && parts[3][0] is '"' or '\'' && IsPublicId(parts[2]),
            _ => false,
        };
        var nameEnd = 0;
        if (!shape || !IsNameStart(parts[0][0]) || ReadName((parts[0] + " ").AsSpan(), ref nameEnd, element: true) is null)
        {
            throw Fallback("a DOCTYPE XmlReader reads");
        }

        CheckCharacters(span, 0, close);
        _sawDoctype = true;
        _pos += close + 1;
        return Outcome.Skipped;
    }

    /// <summary>XML 1.0 §2.12 PubidChar, in a quoted literal.</summary>
    private static bool IsPublicId(string literal)
    {
        foreach (var c in literal.AsSpan(1, literal.Length - 2))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || " \r\n-'()+,./:=?;!*#@$_%".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that a comment's or instruction's characters are XML characters, counting its lines.</summary>
    private void CheckCharacters(ReadOnlySpan<char> span, int start, int length)
    {
        var end = start + length;
        var i = start;
        while (i < end)
        {
            var c = span[i];
            if (c is '\r' or '\n')
            {
                NewLine(span, ref i);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(span[i + 1]))
            {
                i += 2;
            }
            else if (!IsPlainChar(c) || char.IsSurrogate(c))
            {
                throw Fallback("a character XML does not allow");
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Keeps the unread characters (the construct being parsed) and decodes more input after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refill()
    {
        if (_inputDone)
        {
            throw Fallback("the document ends inside markup");
        }

        if (_pos > 0)
        {
            Array.Copy(_chars, _pos, _chars, 0, _end - _pos);
            _base += _pos;
            _end -= _pos;
            _pos = 0;
        }

        if (_chars.Length - _end < _bytes.Length + 4)
        {
            if (_chars.Length >= MaxConstruct + _bytes.Length)
            {
                throw Fallback("a construct too long to hold");
            }

            Array.Resize(ref _chars, _chars.Length * 2);
        }

        try
        {
            var read = _stream.Read(_bytes, 0, _bytes.Length);
            _end += _decoder.GetChars(_bytes, 0, read, _chars, _end, flush: read == 0);
            _inputDone = read == 0;
        }
        catch (DecoderFallbackException exception)
        {
            throw Fallback("bytes that are not " + exception.Message);
        }
    }
}
