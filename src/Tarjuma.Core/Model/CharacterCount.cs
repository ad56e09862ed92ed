using System.Text;

namespace Tarjuma.Core.Model;

/// <summary>
/// The one definition of "characters" in counts we report (memory statistics and document
/// analysis): Unicode scalar values that are not white space, so a surrogate pair is one
/// character and spaces and line breaks are not counted (the "characters without spaces" that
/// translation quotes use). Inline tags are not part of the text and are not counted.
/// </summary>
public static class CharacterCount
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            count += Rune.IsWhiteSpace(rune) ? 0 : 1;
        }

        return count;
    }
}
