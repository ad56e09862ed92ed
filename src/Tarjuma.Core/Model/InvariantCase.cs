namespace Tarjuma.Core.Model;

/// <summary>
/// Invariant-culture lower case for Latin and Cyrillic text without a call into ICU: on Linux the runtime's
/// <see cref="MemoryExtensions.ToLowerInvariant(ReadOnlySpan{char}, Span{char})"/> calls ICU for every non-ASCII
/// text, which was ≈ 3 % of an import's CPU in abbreviation counting (issue #12, sixth session).
/// </summary>
internal static class InvariantCase
{
    /// <summary>Characters below this (Latin, Greek, Cyrillic and its supplement) are looked up in <see cref="Lower"/>.</summary>
    internal const char TableEnd = '\u0530';

    /// <summary>The runtime's own invariant lower case of each character, taken once: the same mapping by construction.</summary>
    private static readonly char[] Lower = BuildTable();

    /// <summary>The invariant lower case of one character (<see cref="char.ToLowerInvariant(char)"/>), by table below <see cref="TableEnd"/>.</summary>
    public static char ToLower(char c) => c < TableEnd ? Lower[c] : char.ToLowerInvariant(c);

    /// <summary>
    /// Writes the invariant lower case of <paramref name="text"/> into <paramref name="destination"/> (at least as long),
    /// as <see cref="MemoryExtensions.ToLowerInvariant(ReadOnlySpan{char}, Span{char})"/> does; text with a character past
    /// the table goes to the runtime whole.
    /// </summary>
    public static void ToLower(ReadOnlySpan<char> text, Span<char> destination)
    {
        var lower = Lower;
        destination = destination[..text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= TableEnd)
            {
                text.ToLowerInvariant(destination);
                return;
            }

            destination[i] = lower[c];
        }
    }

    private static char[] BuildTable()
    {
        var table = new char[TableEnd];
        for (var c = '\0'; c < TableEnd; c++)
        {
            table[c] = char.ToLowerInvariant(c);
        }

        return table;
    }
}
