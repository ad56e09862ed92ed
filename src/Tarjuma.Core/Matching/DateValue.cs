using System.Globalization;

namespace Tarjuma.Core.Matching;

/// <summary>
/// A numeric date placeable: ISO 8601 <c>2024-04-30</c> or day first <c>30.04.2024</c>,
/// <c>30/04/2024</c> (the order used in Tajikistan and most of Europe; month-first US dates are
/// read as day first when the day is ≤ 12 — an accepted ambiguity, transfer keeps the layout).
/// </summary>
internal readonly record struct DateValue(int Year, int Month, int Day, bool YearFirst, char Separator, bool PadDay, bool PadMonth)
{
    /// <summary>The length of a date at <paramref name="start"/>, or 0.</summary>
    public static int ScanLength(ReadOnlySpan<char> text, int start) =>
        TryRead(text[start..], out _, out var length) ? length : 0;

    public static bool TryRead(ReadOnlySpan<char> text, out DateValue date, out int length)
    {
        date = default;
        length = 0;
        var a = Digits(text, 0);
        if (a == 4 && text.Length > 9 && text[4] == '-' && Digits(text, 5) == 2 && text[7] == '-' && Digits(text, 8) == 2)
        {
            length = 10;
            return Make(Int(text[..4]), Int(text.Slice(5, 2)), Int(text.Slice(8, 2)), true, '-', true, true, text, length, out date);
        }

        if (a is 1 or 2 && text.Length > a && text[a] is '.' or '/')
        {
            var separator = text[a];
            var b = Digits(text, a + 1);
            var yearAt = a + 1 + b + 1;
            if (b is 1 or 2 && text.Length > yearAt && text[a + 1 + b] == separator && Digits(text, yearAt) == 4)
            {
                length = yearAt + 4;
                return Make(Int(text.Slice(yearAt, 4)), Int(text.Slice(a + 1, b)), Int(text[..a]), false, separator, a == 2, b == 2, text, length, out date);
            }
        }

        return false;
    }

    private static bool Make(int year, int month, int day, bool yearFirst, char separator, bool padDay, bool padMonth, ReadOnlySpan<char> text, int length, out DateValue date)
    {
        date = new DateValue(year, month, day, yearFirst, separator, padDay, padMonth);
        var followedByDigit = text.Length > length && (char.IsAsciiDigit(text[length]) || (text.Length > length + 1 && text[length] is '.' or '/' or '-' && char.IsAsciiDigit(text[length + 1])));
        return month is >= 1 and <= 12 && day is >= 1 and <= 31 && !followedByDigit;
    }

    private static int Digits(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    private static int Int(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    public ulong ValueKey() => (ulong)((Year * 10_000) + (Month * 100) + Day) ^ 0x5A5A_0000_0000_0000UL;

    /// <summary>This date's value written in the layout of <paramref name="template"/>.</summary>
    public string FormatLike(DateValue template)
    {
        var day = Day.ToString(template.PadDay ? "00" : "0", CultureInfo.InvariantCulture);
        var month = Month.ToString(template.PadMonth ? "00" : "0", CultureInfo.InvariantCulture);
        var year = Year.ToString("0000", CultureInfo.InvariantCulture);
        var s = template.Separator;
        return template.YearFirst ? string.Concat(year, s.ToString(), month, s.ToString(), day) : string.Concat(day, s.ToString(), month, s.ToString(), year);
    }
}
