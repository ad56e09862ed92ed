using System.Buffers;
using System.Text;

namespace Tarjuma.Core.Tmx;

/// <summary>
/// XML escaping shared by the reader (which re-serialises inline elements into
/// <see cref="Model.InlineTag.Xml"/>) and the writer, so that what is read back from our own
/// output is byte for byte what was written.
/// </summary>
internal static class TmxXml
{
    /// <summary>Characters that need care in element content: markup, CR (XML 1.0 §2.11 turns it into LF
    /// unless escaped) and everything XML 1.0 §2.2 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF).</summary>
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create(BuildSpecials("&<>\r"));

    /// <summary>As <see cref="TextSpecials"/>, plus the quote and TAB/LF, which attribute-value
    /// normalisation (XML 1.0 §3.3.3) would turn into spaces.</summary>
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create(BuildSpecials("&<>\r\"\t\n"));

    /// <summary>Appends element content, escaped. Characters XML 1.0 cannot carry at all are dropped:
    /// writing them would make the whole file unreadable.</summary>
    public static void AppendText(StringBuilder builder, ReadOnlySpan<char> text) => Append(builder, text, TextSpecials);

    /// <summary>Appends an attribute value for a double-quoted attribute, escaped.</summary>
    public static void AppendAttributeValue(StringBuilder builder, ReadOnlySpan<char> value) => Append(builder, value, AttributeSpecials);

    /// <summary>Appends <c> name="value"</c>.</summary>
    public static void AppendAttribute(StringBuilder builder, string name, ReadOnlySpan<char> value)
    {
        builder.Append(' ').Append(name).Append("=\"");
        AppendAttributeValue(builder, value);
        builder.Append('"');
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny(specials);
            if (next < 0)
            {
                builder.Append(text);
                return;
            }

            builder.Append(text[..next]);
            var c = text[next];
            var consumed = 1;
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\r':
                    builder.Append("&#xD;");
                    break;
                case '\n':
                    builder.Append("&#xA;");
                    break;
                case '\t':
                    builder.Append("&#x9;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && next + 1 < text.Length && char.IsLowSurrogate(text[next + 1]))
                    {
                        builder.Append(c).Append(text[next + 1]);
                        consumed = 2;
                    }

                    // Anything else here is a character XML 1.0 forbids: dropped.
                    break;
            }

            text = text[(next + consumed)..];
        }
    }

    private static string BuildSpecials(string markup)
    {
        var builder = new StringBuilder(markup);
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not '\t' and not '\n' and not '\r')
            {
                builder.Append(c);
            }
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            builder.Append(c);
        }

        return builder.Append('\uFFFE').Append('\uFFFF').ToString();
    }
}
