using System.Text;

namespace Tarjuma.Alignment.Evidence;

/// <summary>
/// Tajik Cyrillic → Latin in the English-press spelling of names ("Қазоқистон" → "qazoqiston"
/// → folded "kazakastan" ≈ "kazakstan"), then a phonetic fold shared with English so that
/// spelling conventions (c/k/q, w/v, doubled letters) do not count as edits.
/// </summary>
internal static class TajikTransliterator
{
    /// <summary>Lower-case Latin for a Cyrillic word; Latin letters pass through lower-cased.</summary>
    public static string ToLatin(ReadOnlySpan<char> word)
    {
        var builder = new StringBuilder(word.Length + 4);
        foreach (var c in word)
        {
            builder.Append(Map(char.ToLowerInvariant(c)));
        }

        return Fold(builder.ToString());
    }

    /// <summary>
    /// Folds Latin spellings to one key: kh/c/q→k, w→v, x→ks, ph→f, every vowel (and y) to one
    /// vowel because vowel spellings of names differ most (Qazoq-/Kazakh-), doubled letters once.
    /// Applied to both languages before the edit distance.
    /// </summary>
    public static string Fold(ReadOnlySpan<char> latin)
    {
        var builder = new StringBuilder(latin.Length);
        for (var i = 0; i < latin.Length; i++)
        {
            var c = char.ToLowerInvariant(latin[i]);
            var next = i + 1 < latin.Length ? char.ToLowerInvariant(latin[i + 1]) : '\0';
            string piece;
            if ((c == 'k' || c == 'g') && next == 'h')
            {
                piece = c == 'k' ? "k" : "g";
                i++;
            }
            else if (c == 'p' && next == 'h')
            {
                piece = "f";
                i++;
            }
            else
            {
                piece = c switch
                {
                    'c' or 'q' => "k",
                    'w' => "v",
                    'a' or 'e' or 'i' or 'o' or 'u' or 'y' => "a",
                    'x' => "ks",
                    _ => char.IsAsciiLetter(c) ? c.ToString() : string.Empty,
                };
            }

            if (piece.Length == 1 && builder.Length > 0 && builder[^1] == piece[0])
            {
                continue;
            }

            builder.Append(piece);
        }

        return builder.ToString();
    }

    private static string Map(char c) => c switch
    {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ғ' => "gh",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' or 'ӣ' or 'ы' => "i",
        'й' => "y",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' or 'ӯ' => "u",
        'ф' => "f",
        'х' => "kh",
        'ҳ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ҷ' => "j",
        'ш' => "sh",
        'щ' => "shch",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ъ' or 'ь' => string.Empty,
        _ => char.IsAsciiLetter(c) ? c.ToString() : string.Empty,
    };
}
