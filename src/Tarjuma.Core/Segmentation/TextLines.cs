namespace Tarjuma.Core.Segmentation;

/// <summary>
/// The one rule for line breaks and blank lines, shared by the segmenter, abbreviation learning and
/// streamed segmentation, so that a paragraph break means the same everywhere. A line break is LF, CR,
/// CRLF (one break), NEL, LS or PS: Unicode's newline functions and separators (The Unicode Standard
/// §5.8, Newline Guidelines; VT and FF count as spaces).
/// A blank line is a line holding only other white space (<see cref="char.IsWhiteSpace(char)"/>:
/// spaces, tabs, no-break and other Unicode spaces) between two line breaks: a paragraph break.
/// </summary>
public static class TextLines
{
    /// <summary>The line-break characters, for <see cref="MemoryExtensions.IndexOfAny{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
    public const string LineBreakChars = "\n\r\u0085\u2028\u2029";

    /// <summary>Whether <paramref name="c"/> is (or starts, for CR) a line break.</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>White space that does not break the line: what a blank line may hold.</summary>
    public static bool IsHorizontalSpace(char c) => char.IsWhiteSpace(c) && !IsLineBreak(c);

    /// <summary>The index just past the line break at <paramref name="lineBreak"/> (CRLF is one break).</summary>
    public static int AfterLineBreak(ReadOnlySpan<char> text, int lineBreak) =>
        lineBreak + (text[lineBreak] == '\r' && lineBreak + 1 < text.Length && text[lineBreak + 1] == '\n' ? 2 : 1);

    /// <summary>
    /// The index of the line break that closes a blank line after the line break at
    /// <paramref name="lineBreak"/>, or -1 when the next line holds text (or the text ends first).
    /// </summary>
    public static int BlankLineAfter(ReadOnlySpan<char> text, int lineBreak)
    {
        var j = AfterLineBreak(text, lineBreak);
        while (j < text.Length && IsHorizontalSpace(text[j]))
        {
            j++;
        }

        return j < text.Length && IsLineBreak(text[j]) ? j : -1;
    }

    /// <summary>
    /// Where the last paragraph break of <paramref name="text"/> starts, or -1 when it has none: the
    /// first line break after the last text that a blank line follows. The segmenter breaks there
    /// whatever comes next, and what follows starts as a text of its own would (at a line break), so
    /// the text before that index and the text from it are segmented as they would be together. The
    /// index never falls inside a CRLF; a blank line may end with a CR whose LF has not come yet.
    /// </summary>
    public static int LastParagraphBreak(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0)
        {
            var closing = text[..end].LastIndexOfAny(LineBreakChars);
            if (closing < 0)
            {
                return -1;
            }

            // Walk back over the line's white space to the line break before it: then the line is blank.
            var i = closing - 1;
            while (i >= 0 && IsHorizontalSpace(text[i]))
            {
                i--;
            }

            var crlf = i >= 0 && i + 1 == closing && text[i] == '\r' && text[closing] == '\n';
            if (i >= 0 && IsLineBreak(text[i]) && !crlf)
            {
                // The run of blank lines starts at the first line break after the last text.
                var lastText = i;
                while (lastText >= 0 && char.IsWhiteSpace(text[lastText]))
                {
                    lastText--;
                }

                return lastText + 1 + text[(lastText + 1)..].IndexOfAny(LineBreakChars);
            }

            end = closing;
        }

        return -1;
    }
}
