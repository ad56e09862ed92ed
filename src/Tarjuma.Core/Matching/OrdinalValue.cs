using System.Globalization;

namespace Tarjuma.Core.Matching;

/// <summary>
/// An ordinal placeable in digits: Tajik "12-ум", "2-юм" with the izofat forms "-уми"/"-юми" and
/// the attributive "-умин"/"-юмин", or English "1st", "22nd", "13th"; and a century after Tajik
/// "асри", which takes a Roman numeral or bare digits ("асри XXI", "асри 19" ↔ "21st century").
/// <see cref="Hyphen"/> is '\0' for English; <see cref="Tail"/> is the Tajik ending after
/// "ум"/"юм" ("", "и", "ин") or the English suffix as written ("st", "TH"); both are empty for a
/// century number, <see cref="Roman"/> telling how it was written.
/// </summary>
internal readonly record struct OrdinalValue(long Value, char Hyphen, string Tail, bool Roman = false)
{
    /// <summary>Centuries as Roman numerals: I to XXX (larger ones are not centuries of news).</summary>
    private const int MaxCentury = 30;

    private static readonly string[] RomanNumerals = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

    /// <summary>Longer digit runs are not ordinals of anything a sentence counts.</summary>
    private const int MaxDigits = 9;

    public bool IsTajik => Hyphen != '\0';

    /// <summary>A century after "асри" ("XXI", "19"), not a suffixed ordinal.</summary>
    public bool IsCentury => Hyphen == '\0' && Tail.Length == 0;

    /// <summary>Whether this value can be written like <paramref name="template"/> and read back: a century is at most XXX.</summary>
    public bool FitsLayoutOf(OrdinalValue template) => !template.IsCentury || Value is >= 1 and <= MaxCentury;

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011' or '\u2013';

    /// <summary>Reads an ordinal at the start of <paramref name="text"/> (which starts with a digit); its length, or 0.</summary>
    public static int TryRead(ReadOnlySpan<char> text, out OrdinalValue ordinal)
    {
        ordinal = default;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits is 0 or > MaxDigits || digits == text.Length)
        {
            return 0;
        }

        var value = long.Parse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
        int end;
        if (IsHyphen(text[digits]))
        {
            // Tajik: ум or юм (either is read; the vowel rule decides only what we write), then и or ин.
            var at = digits + 1;
            if (at + 1 >= text.Length || TextFolding.FoldCase(text[at + 1]) != 'м' || TextFolding.FoldCase(text[at]) is not ('у' or 'ю'))
            {
                return 0;
            }

            end = at + 2;
            if (end < text.Length && TextFolding.FoldCase(text[end]) == 'и')
            {
                end++;
                if (end < text.Length && TextFolding.FoldCase(text[end]) == 'н')
                {
                    end++;
                }
            }

            ordinal = new OrdinalValue(value, text[digits], text[(at + 2)..end].ToString());
        }
        else
        {
            if (digits + 2 > text.Length)
            {
                return 0;
            }

            var suffix = text.Slice(digits, 2);
            if (!(suffix.Equals("st", StringComparison.OrdinalIgnoreCase) || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase) || suffix.Equals("th", StringComparison.OrdinalIgnoreCase)))
            {
                return 0;
            }

            end = digits + 2;
            ordinal = new OrdinalValue(value, '\0', suffix.ToString());
        }

        return end < text.Length && char.IsLetterOrDigit(text[end]) ? 0 : end;
    }

    /// <summary>Reads the text of an ordinal token (either form) whole.</summary>
    public static bool TryReadToken(ReadOnlySpan<char> token, out OrdinalValue ordinal) =>
        TryRead(token, out ordinal) == token.Length || TryReadCentury(token, out ordinal) == token.Length;

    /// <summary>Whether <paramref name="word"/> is Tajik "асри" ("century of"; also typed "асри" with Russian letters), after which a number is an
    /// ordinal.</summary>
    public static bool IsCenturyWord(ReadOnlySpan<char> word) =>
        word.Equals("асри", StringComparison.OrdinalIgnoreCase) || word.Equals("асрҳои", StringComparison.OrdinalIgnoreCase) || word.Equals("асрхои",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A century after "асри": a Roman numeral (Latin I V X, or the Cyrillic Х and І typed for them)
    /// or one or two bare digits, up to <see cref="MaxCentury"/>; its length, or 0.
    /// </summary>
    public static int TryReadCentury(ReadOnlySpan<char> text, out OrdinalValue ordinal)
    {
        ordinal = default;
        var end = 0;
        while (end < text.Length && end < 8 && text[end] is 'I' or 'V' or 'X' or 'Х' or 'І')
        {
            end++;
        }

        int value;
        var roman = end > 0;
        if (roman)
        {
            value = RomanValue(text[..end]);
        }
        else
        {
            while (end < text.Length && end < 3 && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            value = end is 1 or 2 ? int.Parse(text[..end], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        }

        if (value is < 1 or > MaxCentury || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.' or ',' && end + 1 < text.Length
            && char.IsLetterOrDigit(text[end + 1]))))
        {
            return 0;
        }

        ordinal = new OrdinalValue(value, '\0', "", roman);
        return end;
    }

    /// <summary>The value of a Roman numeral in canonical form (XXI, not XXXXI), or 0.</summary>
    private static int RomanValue(ReadOnlySpan<char> text)
    {
        Span<char> latin = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            latin[i] = text[i] switch { 'Х' => 'X', 'І' => 'I', var c => c };
        }

        for (var value = 1; value <= MaxCentury; value++)
        {
            if (latin.SequenceEqual(ToRoman(value)))
            {
                return value;
            }
        }

        return 0;
    }

    private static string ToRoman(long value) => string.Concat(new string('X', (int)(value / 10)), RomanNumerals[value % 10]);

    public ulong ValueKey() => (ulong)Value ^ 0x0D0D_0000_0000_0000UL;

    /// <summary>This value written the way <paramref name="template"/> is (language, hyphen, ending, case; call <see cref="FitsLayoutOf"/> first).</summary>
    public string FormatLike(OrdinalValue template)
    {
        var digits = Value.ToString(CultureInfo.InvariantCulture);
        if (template.IsCentury)
        {
            return template.Roman ? ToRoman(Value) : digits;
        }

        if (template.IsTajik)
        {
            var stem = TajikTakesYum(Value) ? "юм" : "ум";
            return string.Concat(digits, template.Hyphen.ToString(), stem, template.Tail);
        }

        var suffix = EnglishSuffix(Value);
        return string.Concat(digits, template.Tail.Length > 0 && char.IsUpper(template.Tail[0]) ? suffix.ToUpperInvariant() : suffix);
    }

    /// <summary>English 1st 2nd 3rd, but 11th 12th 13th (and 111th, 112th ...).</summary>
    public static string EnglishSuffix(long value) => (value % 100) is 11 or 12 or 13 ? "th" : (value % 10) switch
    {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };

    /// <summary>
    /// Tajik writes "-юм" after a numeral whose last word ends in a vowel: ду (2), се (3), сӣ (30),
    /// also inside compounds (22, 103, 230); every other numeral (як, чор ... даҳ, бист, сад, ҳазор) takes "-ум".
    /// </summary>
    public static bool TajikTakesYum(long value)
    {
        var lastTwo = value % 100;
        if (lastTwo is >= 10 and < 20)
        {
            return false;
        }

        var unit = lastTwo % 10;
        return unit is 2 or 3 || (unit == 0 && lastTwo == 30);
    }
}
