using System.Globalization;
using System.Text;

namespace Tarjuma.Core.Matching;

/// <summary>
/// A number placeable: its value and how it was written, so a value can be written again in the
/// style of another token ("1,2" in Tajik and "1.2" in English are the same value).
/// </summary>
internal readonly record struct NumberValue(decimal Value, int FractionDigits, char DecimalSeparator, char GroupSeparator)
{
    /// <summary>Numbers with more digits (identifiers, card numbers) are compared as text only.</summary>
    public const int MaxDigits = 24;

    public static bool IsSpaceGroupSeparator(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009';

    /// <summary>
    /// The extent of a number starting at <paramref name="start"/> (a digit): digits, groups of
    /// exactly three digits after a space-like separator (plain space only after a first group
    /// of at most three digits), and ',' or '.' followed by digits. A word joiner (U+2060, U+FEFF)
    /// between digits or beside a separator is part of the number, as it is invisible.
    /// </summary>
    public static int ScanLength(ReadOnlySpan<char> text, int start)
    {
        var i = SkipDigits(text, start);
        var firstGroup = i - start;
        while (i < text.Length)
        {
            var at = SkipJoiners(text, i);
            if (at > i && at < text.Length && char.IsAsciiDigit(text[at]))
            {
                i = SkipDigits(text, at);
                continue;
            }

            if (at + 1 >= text.Length)
            {
                break;
            }

            var separator = text[at];
            if (separator is ',' or '.' && char.IsAsciiDigit(text[at + 1]))
            {
                i = SkipDigits(text, at + 1);
                continue;
            }

            var group = SkipJoiners(text, at + 1);
            if (IsSpaceGroupSeparator(separator) && (separator != ' ' || firstGroup <= 3) && CountDigits(text, group) == 3)
            {
                i = group + 3;
                continue;
            }

            break;
        }

        return i - start;
    }

    private static bool IsJoiner(char c) => c is '\u2060' or '\uFEFF';

    private static int SkipJoiners(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && IsJoiner(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipDigits(ReadOnlySpan<char> text, int start) => start + CountDigits(text, start);

    private static int CountDigits(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary>Reads the value of a number token written in <paramref name="convention"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, NumberConvention convention, out NumberValue value)
    {
        value = default;
        var digits = 0;
        var lastComma = token.LastIndexOf(',');
        var lastPoint = token.LastIndexOf('.');
        var commas = token.Count(',');
        var points = token.Count('.');
        var group = '\0';
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (IsSpaceGroupSeparator(c))
            {
                group = c;
            }
        }

        if (digits == 0 || digits > MaxDigits)
        {
            return false;
        }

        var decimalIndex = -1;
        if (commas > 0 && points > 0)
        {
            decimalIndex = Math.Max(lastComma, lastPoint);
            group = token[Math.Min(lastComma, lastPoint)];
            if (token.Count(token[decimalIndex]) > 1)
            {
                return false;
            }
        }
        else if (commas + points == 1)
        {
            var index = Math.Max(lastComma, lastPoint);
            var followedByThree = token.Length - index - 1 == 3;
            if (followedByThree && token[index] != convention.DecimalSeparator() && group == '\0')
            {
                group = token[index];
            }
            else
            {
                decimalIndex = index;
            }
        }
        else if (commas + points > 1)
        {
            if (commas > 0 && points > 0)
            {
                return false;
            }

            group = commas > 0 ? ',' : '.';
        }

        var builder = new StringBuilder(token.Length);
        var fraction = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
                if (decimalIndex >= 0 && i > decimalIndex)
                {
                    fraction++;
                }
            }
            else if (i == decimalIndex)
            {
                builder.Append('.');
            }
        }

        if (!decimal.TryParse(builder.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = new NumberValue(parsed, fraction, decimalIndex >= 0 ? token[decimalIndex] : '\0', group);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="value"/> with its own fraction digits in the style of
    /// <paramref name="template"/> (separators), falling back to <paramref name="convention"/>.
    /// </summary>
    public static string Format(NumberValue value, NumberValue template, NumberConvention convention)
    {
        var decimalSeparator = template.DecimalSeparator != '\0' ? template.DecimalSeparator : convention.DecimalSeparator();
        var invariant = Math.Abs(value.Value).ToString("F" + value.FractionDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var point = invariant.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? invariant : invariant[..point];
        var builder = new StringBuilder(invariant.Length + 8);
        var group = template.GroupSeparator;
        if (group == '\0' && value.GroupSeparator != '\0')
        {
            group = convention.GroupSeparator();
        }

        for (var i = 0; i < integer.Length; i++)
        {
            if (group != '\0' && i > 0 && (integer.Length - i) % 3 == 0)
            {
                builder.Append(group);
            }

            builder.Append(integer[i]);
        }

        if (point >= 0)
        {
            builder.Append(decimalSeparator).Append(invariant, point + 1, invariant.Length - point - 1);
        }

        return builder.ToString();
    }

    /// <summary>A key equal for equal values whatever the writing ("1 000", "1000", "1000,0").</summary>
    public ulong ValueKey()
    {
        var normalized = Value / 1.000000000000000000000000000000000m;
        return Fnv.Hash(normalized.ToString(CultureInfo.InvariantCulture));
    }
}
