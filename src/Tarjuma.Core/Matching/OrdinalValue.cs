using System.Globalization;

namespace Tarjuma.Core.Matching;

/// <summary>
/// An ordinal placeable in digits: Tajik "12-ум", "2-юм" with the izofat forms "-уми"/"-юми" and
/// the attributive "-умин"/"-юмин", or English "1st", "22nd", "13th". <see cref="Hyphen"/> is
/// '\0' for English; <see cref="Tail"/> is the Tajik ending after "ум"/"юм" ("", "и", "ин") or
/// the English suffix as written ("st", "TH").
/// </summary>
internal readonly record struct OrdinalValue(long Value, char Hyphen, string Tail)
{
    /// <summary>Longer digit runs are not ordinals of anything a sentence counts.</summary>
    private const int MaxDigits = 9;

    public bool IsTajik => Hyphen != '\0';

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
            if (at + 1 >= text.Length || char.ToLowerInvariant(text[at + 1]) != 'м' || char.ToLowerInvariant(text[at]) is not ('у' or 'ю'))
            {
                return 0;
            }

            end = at + 2;
            if (end < text.Length && char.ToLowerInvariant(text[end]) == 'и')
            {
                end++;
                if (end < text.Length && char.ToLowerInvariant(text[end]) == 'н')
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

    public ulong ValueKey() => (ulong)Value ^ 0x0D0D_0000_0000_0000UL;

    /// <summary>This value written the way <paramref name="template"/> is (language, hyphen, ending, case).</summary>
    public string FormatLike(OrdinalValue template)
    {
        var digits = Value.ToString(CultureInfo.InvariantCulture);
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
