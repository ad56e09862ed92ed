namespace Tarjuma.Core.Segmentation;

/// <summary>The three kinds of inline code SRX distinguishes (SRX 2.0 §2.3.2).</summary>
internal enum HtmlTagKind
{
    Start,
    End,
    Isolated,
}

/// <summary>Recognises HTML/XML tags in running text for <see cref="MarkupMode.Html"/>.</summary>
internal static class HtmlTags
{
    /// <summary>Longest tag we recognise; a longer "tag" is more likely a stray '&lt;' in text.</summary>
    private const int MaxTagLength = 4096;

    private static readonly System.Buffers.SearchValues<char> NameEnd = System.Buffers.SearchValues.Create(" \t\r\n/>");

    /// <summary>
    /// The end (exclusive) of the tag starting at <paramref name="start"/>, or
    /// <paramref name="start"/> when no tag starts there. Quoted attribute values may hold '&gt;'.
    /// </summary>
    public static int TagEnd(ReadOnlySpan<char> text, int start)
    {
        if (start + 2 >= text.Length || text[start] != '<' || !(char.IsAsciiLetter(text[start + 1]) || text[start + 1] is '/' or '!' or '?'))
        {
            return start;
        }

        var quote = '\0';
        var limit = Math.Min(text.Length, start + MaxTagLength);
        for (var i = start + 1; i < limit; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
            else if (c == '<')
            {
                return start;
            }
        }

        return start;
    }

    public static HtmlTagKind KindOf(ReadOnlySpan<char> tag)
    {
        if (tag.StartsWith("</"))
        {
            return HtmlTagKind.End;
        }

        if (tag.EndsWith("/>") || tag[1] is '!' or '?')
        {
            return HtmlTagKind.Isolated;
        }

        // HTML void elements never have an end tag.
        var name = tag[1..];
        var stop = name.IndexOfAny(NameEnd);
        name = stop < 0 ? name : name[..stop];
        return name.Equals("br", StringComparison.OrdinalIgnoreCase) || name.Equals("img", StringComparison.OrdinalIgnoreCase)
            || name.Equals("hr", StringComparison.OrdinalIgnoreCase) || name.Equals("input", StringComparison.OrdinalIgnoreCase)
            || name.Equals("meta", StringComparison.OrdinalIgnoreCase) || name.Equals("link", StringComparison.OrdinalIgnoreCase)
            || name.Equals("wbr", StringComparison.OrdinalIgnoreCase)
            ? HtmlTagKind.Isolated
            : HtmlTagKind.Start;
    }
}
