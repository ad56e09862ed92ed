using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// The normalisation layers matching applies to a copy of the text (stored text never changes).
/// Every layer maps one UTF-16 code unit to one code unit, so offsets in the folded text are
/// offsets in the original text and highlighted ranges need no mapping back. Input is NFC
/// already (<see cref="Model.TextNormalizer.ToNfc"/>); the layers run in the order of
/// <see cref="Fold(ReadOnlySpan{char}, Span{char})"/>.
/// </summary>
public static class TextFolding
{
    /// <summary>Layer 1: every Unicode white space (incl. U+00A0 and U+202F no-break spaces) becomes U+0020.</summary>
    public static char FoldWhitespace(char c) => char.IsWhiteSpace(c) ? ' ' : c;

    /// <summary>
    /// Layer 2: quote and dash variants. Double quotes « » “ ” „ ‟ ″ and ASCII " fold to <c>"</c>;
    /// single quotes and apostrophes ‘ ’ ‚ ‛ ʼ ′ ‹ › fold to <c>'</c>; hyphens and dashes
    /// U+2010–U+2015, U+2212 minus and U+00AD soft hyphen fold to <c>-</c>; … folds to <c>.</c>.
    /// </summary>
    public static char FoldPunctuation(char c) => c switch
    {
        '«' or '»' or '“' or '”' or '„' or '‟' or '″' or '〃' => '"',
        '‘' or '’' or '‚' or '‛' or 'ʼ' or '′' or '‹' or '›' or '`' or '´' => '\'',
        >= '\u2010' and <= '\u2015' => '-',
        '\u2212' or '\u00AD' or '\uFE63' or '\uFF0D' => '-',
        '…' => '.',
        _ => c,
    };

    /// <summary>Layer 3: case folding (invariant lower case; Tajik and Russian have no special rules).</summary>
    public static char FoldCase(char c)
    {
        // Fast paths for ASCII and the basic Cyrillic alphabet (А–Я, U+0410–U+042F), the hot cases.
        if (c < 0x80)
        {
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        // Latin, Greek and Cyrillic with its supplement (the Tajik letters ҳ ҷ қ ғ ӣ ӯ) from the shared table:
        // char.ToLowerInvariant goes through ICU for them, which was a tenth of a loaded server's CPU.
        return InvariantCase.ToLower(c);
    }

    /// <summary>
    /// Layer 4: look-alike letters seen in real Tajik text. Always: Latin ȳ (U+0233) and
    /// Belarusian ў (U+045E) stand for Tajik ӯ. Inside a word that has Cyrillic letters
    /// (<paramref name="cyrillicWord"/>), Latin letters that look Cyrillic (a e o p c x y and
    /// capitals A B C E H K M O P T X) become their Cyrillic twins.
    /// </summary>
    public static char FoldLookAlike(char c, bool cyrillicWord)
    {
        switch (c)
        {
            case 'ȳ' or 'ў':
                return 'ӯ';
            case 'Ȳ' or 'Ў':
                return 'Ӯ';
        }

        if (!cyrillicWord || c > 'z')
        {
            return c;
        }

        return c switch
        {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'y' => 'у',
            'A' => 'А',
            'B' => 'В',
            'C' => 'С',
            'E' => 'Е',
            'H' => 'Н',
            'K' => 'К',
            'M' => 'М',
            'O' => 'О',
            'P' => 'Р',
            'T' => 'Т',
            'X' => 'Х',
            _ => c,
        };
    }

    /// <summary>
    /// Layer 5: Tajik letters typed as their Russian base letters (keyboards without Tajik
    /// layout): ҳ→х, ҷ→ч, қ→к, ғ→г, ӣ→и, ӯ→у, upper and lower case.
    /// </summary>
    public static char FoldTajikLetter(char c) => TajikLetters.RussianKeyboardForm(c);

    /// <summary>True for letters of the Cyrillic blocks (U+0400–U+052F).</summary>
    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u052F';

    /// <summary>
    /// All layers: white space, punctuation, look-alikes (per word), case, Tajik letters.
    /// <paramref name="destination"/> must be at least as long as <paramref name="text"/>.
    /// </summary>
    public static void Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        if (destination.Length < text.Length)
        {
            throw new ArgumentException("The destination is shorter than the text.", nameof(destination));
        }

        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                destination[i] = FoldTajikLetter(FoldCase(FoldPunctuation(FoldWhitespace(text[i]))));
                i++;
                continue;
            }

            var end = i;
            var cyrillic = false;
            while (end < text.Length && (char.IsLetter(text[end]) || char.GetUnicodeCategory(text[end]) is System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                cyrillic |= IsCyrillic(text[end]);
                end++;
            }

            for (var j = i; j < end; j++)
            {
                destination[j] = FoldTajikLetter(FoldCase(FoldLookAlike(text[j], cyrillic)));
            }

            i = end;
        }
    }

    /// <summary>All layers applied to a whole string.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) => Fold(source, span));
    }
}
