using System.Xml;
using System.Xml.Linq;
using Tarjuma.Core.Xml;

namespace Tarjuma.Core.Xliff;

/// <summary>
/// Streams an XLIFF document unit by unit: every node outside the units is copied to a writer as it
/// is read (or skipped when there is none), each unit is handed over as one element. Memory use is
/// one unit, whatever the file's size. No DTD is processed and no entity is expanded.
/// </summary>
internal sealed class XliffScanner : IDisposable
{
    /// <summary>The error field: the document as a whole (messages carry line and column).</summary>
    public const string Field = "file";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        CheckCharacters = true,
        CloseInput = true,
    };

    private readonly XmlReader _reader;
    private readonly Stack<Scope> _scopes = new();
    private bool _started;

    public XliffScanner(Stream input)
    {
        // Tools still write XLIFF in legacy code pages (windows-1252, ISO-8859-x); .NET reads them only with this provider.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        _reader = XmlReader.Create(input, Settings);
    }

    /// <summary>The document's dialect, known once the root element was read.</summary>
    public XliffDialect? Dialect { get; private set; }

    /// <summary>The unit <see cref="MoveNext"/> stopped at.</summary>
    public XElement Unit { get; private set; } = new("none");

    /// <summary>Line and column of the unit's start tag, for errors about its content.</summary>
    public (int Line, int Column) UnitPosition { get; private set; }

    /// <summary>The unit is inside <c>translate="no"</c> or carries it.</summary>
    public bool UnitIsLocked { get; private set; }

    /// <summary>The source language declared for the unit (<c>file/@source-language</c> or <c>xliff/@srcLang</c>).</summary>
    public string? UnitSourceLanguage { get; private set; }

    /// <summary>Copies nodes to <paramref name="writer"/> (when given) up to the next unit; false at the end.</summary>
    public bool MoveNext(XmlWriter? writer)
    {
        try
        {
            if (!_started)
            {
                _started = true;
                _reader.Read();
            }

            while (!_reader.EOF)
            {
                if (_reader.NodeType == XmlNodeType.Element && Dialect is { } dialect
                    && string.Equals(_reader.LocalName, dialect.UnitName, StringComparison.Ordinal)
                    && string.Equals(_reader.NamespaceURI, dialect.Core.NamespaceName, StringComparison.Ordinal))
                {
                    UnitPosition = XmlRefusal.Position(_reader);
                    var parent = _scopes.Count > 0 ? _scopes.Peek() : default;
                    Unit = (XElement)XNode.ReadFrom(_reader);
                    UnitIsLocked = parent.Locked || string.Equals((string?)Unit.Attribute("translate"), "no", StringComparison.Ordinal);
                    UnitSourceLanguage = parent.SourceLanguage;
                    return true;
                }

                Copy(writer);
                _reader.Read();
            }

            if (Dialect is null)
            {
                throw XmlRefusal.At(Field, 1, 1, "not an XLIFF document: there is no root element");
            }

            return false;
        }
        catch (XmlException exception)
        {
            throw XmlRefusal.From(Field, exception);
        }
    }

    public void Dispose() => _reader.Dispose();

    private void Copy(XmlWriter? writer)
    {
        switch (_reader.NodeType)
        {
            case XmlNodeType.Element:
                var scope = Enter();
                writer?.WriteStartElement(_reader.Prefix, _reader.LocalName, _reader.NamespaceURI);
                writer?.WriteAttributes(_reader, defattr: true);
                if (_reader.IsEmptyElement)
                {
                    writer?.WriteEndElement();
                }
                else
                {
                    _scopes.Push(scope);
                }

                break;
            case XmlNodeType.EndElement:
                _scopes.Pop();
                writer?.WriteFullEndElement();
                break;
            case XmlNodeType.Text:
                writer?.WriteString(_reader.Value);
                break;
            case XmlNodeType.CDATA:
                writer?.WriteCData(_reader.Value);
                break;
            case XmlNodeType.Whitespace:
            case XmlNodeType.SignificantWhitespace:
                writer?.WriteWhitespace(_reader.Value);
                break;
            case XmlNodeType.Comment:
                writer?.WriteComment(_reader.Value);
                break;
            case XmlNodeType.ProcessingInstruction:
                writer?.WriteProcessingInstruction(_reader.Name, _reader.Value);
                break;
            default:
                // The XML declaration: the writer writes its own (the output is UTF-8).
                break;
        }
    }

    /// <summary>What an element passes on to the units inside it.</summary>
    private Scope Enter()
    {
        if (Dialect is null)
        {
            var (dialect, refusal) = XliffDialect.FromRoot(_reader.LocalName, _reader.NamespaceURI, _reader.GetAttribute("version"));
            Dialect = dialect ?? throw XmlRefusal.At(Field, _reader, refusal!);
            return new Scope(Locked: false, dialect.IsVersion2 ? _reader.GetAttribute("srcLang") : null);
        }

        var parent = _scopes.Count > 0 ? _scopes.Peek() : default;
        var inCore = string.Equals(_reader.NamespaceURI, Dialect.Core.NamespaceName, StringComparison.Ordinal);
        var locked = parent.Locked || (inCore && string.Equals(_reader.GetAttribute("translate"), "no", StringComparison.Ordinal));
        var language = !Dialect.IsVersion2 && inCore && string.Equals(_reader.LocalName, "file", StringComparison.Ordinal)
            ? _reader.GetAttribute("source-language")
            : parent.SourceLanguage;
        return new Scope(locked, language);
    }

    private readonly record struct Scope(bool Locked, string? SourceLanguage);
}
