namespace Tarjuma.Core.Segmentation;

/// <summary>
/// List markers at the start of a line: a bullet or dash (– - — • ▪ ◦ ⁃ ‣ *), a number of one or
/// two digits with "." or ")" (1. 12)), or one letter with ")" (а) b)), each followed by a space
/// or tab. A line that starts with one is a list item, a segment of its own.
/// </summary>
internal static class ListMarker
{
    /// <summary>The marker's length with the space after it at <paramref name="at"/>, or 0 when none starts there.</summary>
    public static int LengthAt(ReadOnlySpan<char> text, int at)
    {
        if (at >= text.Length)
        {
            return 0;
        }

        var i = at;
        var c = text[i];
        if (c is '–' or '-' or '—' or '•' or '▪' or '◦' or '⁃' or '‣' or '*')
        {
            i++;
        }
        else if (char.IsAsciiDigit(c))
        {
            i++;
            if (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] is not ('.' or ')'))
            {
                return 0;
            }

            i++;
        }
        else if (char.IsLetter(c) && at + 1 < text.Length && text[at + 1] == ')')
        {
            i += 2;
        }
        else
        {
            return 0;
        }

        return i < text.Length && text[i] is ' ' or '\t' or '\u00A0' ? i + 1 - at : 0;
    }
}
