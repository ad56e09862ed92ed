using System.Globalization;
using System.Xml;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Xml;

/// <summary>
/// Refusals of an XML document (TMX, XLIFF) as <c>line L, column C: reason</c>, one wording for
/// every reader so a user sees the same shape of error whatever file they gave.
/// </summary>
internal static class XmlRefusal
{
    /// <summary>1-based line and column of the current node; for a start or end tag, the column of its <c>&lt;</c>.</summary>
    public static (int Line, int Column) Position(XmlReader reader)
    {
        if (reader is FastXmlReader { ReadState: not ReadState.Interactive })
        {
            // Where XmlReader places a refusal at the end of a document is its own: it reads the document again.
            throw new XmlFallbackException("a refusal at the end of the document");
        }

        if (reader is not IXmlLineInfo info || !info.HasLineInfo())
        {
            return (0, 0);
        }

        var column = reader.NodeType switch
        {
            XmlNodeType.Element => info.LinePosition - 1,
            XmlNodeType.EndElement => info.LinePosition - 2,
            _ => info.LinePosition,
        };
        return (Math.Max(info.LineNumber, 1), Math.Max(column, 1));
    }

    public static TarjumaException At(string field, int line, int column, string reason, Exception? inner = null) =>
        new(ErrorKind.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"line {Math.Max(line, 1)}, column {Math.Max(column, 1)}: {reason}"), field,
            inner);

    public static TarjumaException At(string field, XmlReader reader, string reason)
    {
        var (line, column) = Position(reader);
        return At(field, line, column, reason);
    }

    /// <summary>Turns an XML error into a refusal, keeping XmlReader's position but not its English position suffix.</summary>
    public static TarjumaException From(string field, XmlException exception)
    {
        var message = exception.Message;
        var suffix = string.Create(CultureInfo.InvariantCulture, $" Line {exception.LineNumber}, position {exception.LinePosition}.");
        if (message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message[..^suffix.Length];
        }

        if (message.Contains("undeclared entity", StringComparison.Ordinal))
        {
            message += " (DTDs are not processed and entities are not expanded)";
        }

        return At(field, exception.LineNumber, exception.LinePosition, message.TrimEnd(), exception);
    }
}
