using System.Globalization;

namespace Tarjuma.Core.Matching;

/// <summary>How a date placeable is written.</summary>
internal enum DateStyle : byte
{
    /// <summary>ISO 8601 "2024-04-30" or day first "30.04.2024", "30/04/2024".</summary>
    Numeric,

    /// <summary>Tajik "30-юми апрели соли 2024", "30 апрели 2024", "апрели соли 2024", "15-уми март".</summary>
    Tajik,

    /// <summary>English day first: "30 April 2024", "30th April", "30 April, 2024".</summary>
    EnglishDayFirst,

    /// <summary>English month first: "April 30, 2024", "April 30th", "April 2024".</summary>
    EnglishMonthFirst,
}

/// <summary>
/// A date placeable, numeric (<c>2024-04-30</c>, day first <c>30.04.2024</c>, <c>30/04/2024</c>: the
/// order used in Tajikistan and most of Europe; month-first US dates are read as day first when the
/// day is ≤ 12 — an accepted ambiguity, transfer keeps the layout) or with a Tajik or English month
/// name, where the day or the year may be absent (<see cref="Day"/> or <see cref="Year"/> 0) but not both.
/// The remaining fields record the layout, so a value is written again the way a template was.
/// </summary>
/// <remarks>
/// <c>DaySuffix</c> is what follows the day's digits (Tajik "-уми", "-юм" …, English "th", or "");
/// <c>MonthCapital</c>: the month name starts with a capital; <c>MonthIzofat</c>: a Tajik month
/// carries the izofat "-и" ("апрели"); <c>YearWord</c>: Tajik "соли" stands before the year, or an
/// English comma does ("April 30, 2024").
/// </remarks>
internal readonly record struct DateValue(int Year, int Month, int Day, bool YearFirst, char Separator, bool PadDay, bool PadMonth,
    DateStyle Style = DateStyle.Numeric, string DaySuffix = "", bool MonthCapital = false, bool MonthIzofat = false, bool YearWord = false)
{
    private static readonly string[] TajikMonths = ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
    private static readonly string[] EnglishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December"];

    /// <summary>The words a month-name date token may hold (after the months: static fields start in order).</summary>
    private static readonly string[] DateWords = [.. TajikMonths, .. TajikMonths.Select(m => m + "и"), .. EnglishMonths, "соли"];

    /// <summary>Which months' names begin with each basic letter (see <see cref="InitialSlot"/>): only those are compared.</summary>
    private static readonly ushort[] TajikInitials = Initials(TajikMonths);

    private static readonly ushort[] EnglishInitials = Initials(EnglishMonths);

    /// <summary>The length of a date at <paramref name="start"/>, or 0.</summary>
    public static int ScanLength(ReadOnlySpan<char> text, int start) =>
        TryRead(text[start..], out _, out var length) ? length : 0;

    /// <summary>Reads a date (numeric or with a month name) at the start of <paramref name="text"/>.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out DateValue date, out int length)
    {
        length = 0;
        if (text.IsEmpty)
        {
            date = default;
            return false;
        }

        if (char.IsAsciiDigit(text[0]))
        {
            return TryReadNumeric(text, out date, out length) || TryReadDayFirst(text, out date, out length);
        }

        return TryReadMonthFirst(text, out date, out length);
    }

    /// <summary>Whether <paramref name="c"/> can begin a month name (a cheap test before <see cref="TryRead"/> on words).</summary>
    /// <remarks>Both cases spelled out: <c>char.ToLowerInvariant</c> calls into ICU for Cyrillic, and this runs at every word start
    /// of every candidate a lookup scores (a sixth of a lookup's CPU, issue #12).</remarks>
    public static bool MayStartMonth(char c) => c is 'я' or 'Я' or 'ф' or 'Ф' or 'м' or 'М' or 'а' or 'А' or 'и' or 'И' or 'с' or 'С' or 'о' or 'О'
        or 'н' or 'Н' or 'д' or 'Д' or 'J' or 'F' or 'M' or 'A' or 'S' or 'O' or 'N' or 'D';

    /// <summary>
    /// Whether a (folded) word can stand inside a month-name date token — a month name, with the
    /// izofat, or "соли" — so a concordance search for it also looks at units with dates;
    /// with <paramref name="prefix"/>, whether such a word starts with it.
    /// </summary>
    public static bool IsDateWord(ReadOnlySpan<char> word, bool prefix)
    {
        foreach (var name in DateWords)
        {
            if (prefix ? name.StartsWith(word, StringComparison.OrdinalIgnoreCase) : word.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The month a whole word names (Tajik with or without the izofat, English capitalised), 1–12, or 0.</summary>
    public static int MonthOf(ReadOnlySpan<char> word) =>
        ReadMonth(word, 0, TajikMonths, out var month, out var end, out _) && end == word.Length ? month
        : ReadMonth(word, 0, EnglishMonths, out month, out end, out _) && end == word.Length ? month : 0;

    private static bool TryReadNumeric(ReadOnlySpan<char> text, out DateValue date, out int length)
    {
        date = default;
        length = 0;
        var a = AsciiDigits.Count(text, 0);
        if (a == 4 && text.Length > 9 && text[4] == '-' && AsciiDigits.Count(text, 5) == 2 && text[7] == '-' && AsciiDigits.Count(text, 8) == 2)
        {
            length = 10;
            return Make(AsciiDigits.Parse(text[..4]), AsciiDigits.Parse(text.Slice(5, 2)), AsciiDigits.Parse(text.Slice(8, 2)), true, '-', true, true, text,
                length, out date);
        }

        if (a is 1 or 2 && text.Length > a && text[a] is '.' or '/')
        {
            var separator = text[a];
            var b = AsciiDigits.Count(text, a + 1);
            var yearAt = a + 1 + b + 1;
            if (b is 1 or 2 && text.Length > yearAt && text[a + 1 + b] == separator && AsciiDigits.Count(text, yearAt) == 4)
            {
                length = yearAt + 4;
                return Make(AsciiDigits.Parse(text.Slice(yearAt, 4)), AsciiDigits.Parse(text.Slice(a + 1, b)), AsciiDigits.Parse(text[..a]), false, separator,
                    a == 2, b == 2, text, length, out date);
            }
        }

        return false;
    }

    private static bool Make(int year, int month, int day, bool yearFirst, char separator, bool padDay, bool padMonth, ReadOnlySpan<char> text, int length,
        out DateValue date)
    {
        date = new DateValue(year, month, day, yearFirst, separator, padDay, padMonth);
        var followedByDigit = text.Length > length && (char.IsAsciiDigit(text[length]) || (text.Length > length + 1 && text[length] is '.' or '/' or '-'
            && char.IsAsciiDigit(text[length + 1])));
        return month is >= 1 and <= 12 && day is >= 1 and <= 31 && !followedByDigit;
    }

    /// <summary>"30-юми апрели соли 2024", "30 апрели 2024", "15-уми март"; "30 April 2024", "30th April".</summary>
    private static bool TryReadDayFirst(ReadOnlySpan<char> text, out DateValue date, out int length)
    {
        date = default;
        length = 0;
        var digits = AsciiDigits.Count(text, 0);
        if (digits is not (1 or 2))
        {
            return false;
        }

        var day = AsciiDigits.Parse(text[..digits]);
        var at = digits;
        var suffix = "";
        if (OrdinalValue.TryRead(text, out _) is > 0 and var ordinalLength)
        {
            suffix = text[digits..ordinalLength].ToString();
            at = ordinalLength;
        }

        if (day is < 1 or > 31 || !IsSpace(text, at))
        {
            return false;
        }

        at++;
        if (ReadMonth(text, at, TajikMonths, out var month, out var monthEnd, out var izofat))
        {
            // "15-уми март" or "15 марти соли 2023": a Tajik day suffix, if any, is Tajik.
            if (suffix.Length > 0 && !IsTajikSuffix(suffix))
            {
                return false;
            }

            var year = ReadTajikYear(text, monthEnd, izofat, out var soli, out var end);
            length = end;
            date = new DateValue(year, month, day, false, ' ', false, false, DateStyle.Tajik, suffix, char.IsUpper(text[at]), izofat, soli);
            return true;
        }

        if (ReadMonth(text, at, EnglishMonths, out month, out monthEnd, out _) && (suffix.Length == 0 || !IsTajikSuffix(suffix)))
        {
            var year = ReadEnglishYear(text, monthEnd, out var comma, out var end);
            length = end;
            date = new DateValue(year, month, day, false, ' ', false, false, DateStyle.EnglishDayFirst, suffix, true, false, comma);
            return true;
        }

        return false;
    }

    /// <summary>"апрели соли 2024", "April 30, 2024", "April 2024" (a month name alone is a word, not a date).</summary>
    private static bool TryReadMonthFirst(ReadOnlySpan<char> text, out DateValue date, out int length)
    {
        date = default;
        length = 0;
        if (ReadMonth(text, 0, TajikMonths, out var month, out var monthEnd, out var izofat))
        {
            var tajikYear = ReadTajikYear(text, monthEnd, izofat, out var soli, out var end);
            if (tajikYear == 0)
            {
                return false;
            }

            length = end;
            date = new DateValue(tajikYear, month, 0, false, ' ', false, false, DateStyle.Tajik, "", char.IsUpper(text[0]), izofat, soli);
            return true;
        }

        if (!ReadMonth(text, 0, EnglishMonths, out month, out monthEnd, out _) || !IsSpace(text, monthEnd))
        {
            return false;
        }

        var at = monthEnd + 1;
        var digits = AsciiDigits.Count(text, at);
        if (digits == 4 && !FollowedByNumber(text, at + 4))
        {
            length = at + 4;
            date = new DateValue(AsciiDigits.Parse(text.Slice(at, 4)), month, 0, false, ' ', false, false, DateStyle.EnglishMonthFirst, "", true);
            return true;
        }

        if (digits is not (1 or 2) || AsciiDigits.Parse(text.Slice(at, digits)) is < 1 or > 31)
        {
            return false;
        }

        var day = AsciiDigits.Parse(text.Slice(at, digits));
        var dayEnd = at + digits;
        var suffix = "";
        if (OrdinalValue.TryRead(text[at..], out _) is > 0 and var ordinalLength && !IsTajikSuffix(text.Slice(dayEnd, ordinalLength - digits)))
        {
            suffix = text.Slice(dayEnd, ordinalLength - digits).ToString();
            dayEnd = at + ordinalLength;
        }

        if (dayEnd < text.Length && (char.IsLetterOrDigit(text[dayEnd]) || FollowedByNumber(text, dayEnd)))
        {
            return false;
        }

        var year = 0;
        var comma = false;
        length = dayEnd;
        if (dayEnd + 6 <= text.Length && text[dayEnd] == ',' && IsSpace(text, dayEnd + 1) && AsciiDigits.Count(text, dayEnd + 2) == 4 && !FollowedByNumber(text,
            dayEnd + 6))
        {
            year = AsciiDigits.Parse(text.Slice(dayEnd + 2, 4));
            comma = true;
            length = dayEnd + 6;
        }

        date = new DateValue(year, month, day, false, ' ', false, false, DateStyle.EnglishMonthFirst, suffix, true, false, comma);
        return true;
    }

    /// <summary>
    /// The lower case of an ASCII or basic Cyrillic letter (А–я, whose cases differ by 0x20), or −1 for any other character,
    /// whose ignore-case equivalents are left to the full comparison.
    /// </summary>
    private static int FoldBasicLetter(char c) => c is >= 'A' and <= 'Z' or >= 'А' and <= 'Я' ? c + 0x20 : c is >= 'a' and <= 'z' or >= 'а' and <= 'я' ? c : -1;

    /// <summary>A folded basic letter's place: a–z are 0–25, а–я 26–57.</summary>
    private static int InitialSlot(int folded) => folded <= 'z' ? folded - 'a' : 26 + folded - 'а';

    private static ushort[] Initials(string[] names)
    {
        var initials = new ushort[58];
        for (var m = 0; m < names.Length; m++)
        {
            initials[InitialSlot(FoldBasicLetter(names[m][0]))] |= (ushort)(1 << m);
        }

        return initials;
    }

    /// <summary>
    /// <paramref name="text"/> equals <paramref name="name"/> (a month name: basic letters only) ignoring case, as an ordinal
    /// ignore-case comparison says: by table while the text's letters are basic ones, else by the runtime.
    /// </summary>
    private static bool EqualsIgnoringCase(ReadOnlySpan<char> text, string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var folded = FoldBasicLetter(text[i]);
            if (folded < 0)
            {
                return text.Equals(name, StringComparison.OrdinalIgnoreCase);
            }

            if (folded != FoldBasicLetter(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A month name at <paramref name="at"/> ending the word (Tajik: optionally with the izofat "и"; English: capitalised).</summary>
    private static bool ReadMonth(ReadOnlySpan<char> text, int at, string[] names, out int month, out int end, out bool izofat)
    {
        month = 0;
        end = at;
        izofat = false;
        if (at >= text.Length)
        {
            return false;
        }

        var english = ReferenceEquals(names, EnglishMonths);

        // Only the names with the word's first letter, then by table: the runtime's ignore-case comparison of every name at
        // every word start was most of a candidate's tokenising, and then the loop over the names (issue #12).
        var initial = FoldBasicLetter(text[at]);
        var months = initial < 0 ? (1 << names.Length) - 1 : (english ? EnglishInitials : TajikInitials)[InitialSlot(initial)];
        while (months != 0)
        {
            var m = System.Numerics.BitOperations.TrailingZeroCount(months);
            months &= months - 1;
            var name = names[m];
            if (at + name.Length > text.Length || !EqualsIgnoringCase(text.Slice(at, name.Length), name))
            {
                continue;
            }

            var after = at + name.Length;
            var withIzofat = !english && after < text.Length && char.ToLowerInvariant(text[after]) == 'и';
            if (withIzofat)
            {
                after++;
            }

            // English names are capitalised: "may" and "march" are also verbs.
            if ((after < text.Length && (char.IsLetterOrDigit(text[after]) || text[after] is '-' or '\'')) || (english && !char.IsUpper(text[at])))
            {
                continue;
            }

            month = m + 1;
            end = after;
            izofat = withIzofat;
            return true;
        }

        return false;
    }

    /// <summary>" соли 2024" or " 2024" after a Tajik month; 0 and <paramref name="end"/> at the month when absent.</summary>
    private static int ReadTajikYear(ReadOnlySpan<char> text, int monthEnd, bool izofat, out bool soli, out int end)
    {
        soli = false;
        end = monthEnd;
        if (!izofat || !IsSpace(text, monthEnd))
        {
            return 0;
        }

        var at = monthEnd + 1;
        if (text[at..].StartsWith("соли", StringComparison.OrdinalIgnoreCase) && IsSpace(text, at + 4))
        {
            soli = true;
            at += 5;
        }

        if (AsciiDigits.Count(text, at) != 4 || FollowedByNumber(text, at + 4) || (at + 4 < text.Length && char.IsLetter(text[at + 4])))
        {
            soli = false;
            return 0;
        }

        end = at + 4;
        return AsciiDigits.Parse(text.Slice(at, 4));
    }

    /// <summary>" 2024" or ", 2024" after an English day-first month; 0 when absent.</summary>
    private static int ReadEnglishYear(ReadOnlySpan<char> text, int monthEnd, out bool comma, out int end)
    {
        comma = monthEnd < text.Length && text[monthEnd] == ',';
        end = monthEnd;
        var at = monthEnd + (comma ? 1 : 0);
        if (!IsSpace(text, at) || AsciiDigits.Count(text, at + 1) != 4 || FollowedByNumber(text,
            at + 5) || (at + 5 < text.Length && char.IsLetter(text[at + 5])))
        {
            comma = false;
            return 0;
        }

        end = at + 5;
        return AsciiDigits.Parse(text.Slice(at + 1, 4));
    }

    private static bool IsSpace(ReadOnlySpan<char> text, int at) => at < text.Length && text[at] is ' ' or '\u00A0';

    private static bool IsTajikSuffix(ReadOnlySpan<char> suffix) => suffix.Length > 0 && !char.IsAsciiLetter(suffix[0]);

    /// <summary>A digit, or a separator and a digit ("2024.5", "2024,5"): the run is a longer number.</summary>
    private static bool FollowedByNumber(ReadOnlySpan<char> text, int at) =>
        at < text.Length && (char.IsAsciiDigit(text[at]) || (at + 1 < text.Length && text[at] is '.' or ',' or '/' or '-' or ':' && char.IsAsciiDigit(text[at
            + 1])));


    public ulong ValueKey() => (ulong)((Year * 10_000) + (Month * 100) + Day) ^ 0x5A5A_0000_0000_0000UL;

    /// <summary>Whether this value has the parts <paramref name="template"/> writes (a numeric date needs all three).</summary>
    public bool FitsLayoutOf(DateValue template) =>
        (Day > 0) == (template.Day > 0) && (Year > 0) == (template.Year > 0);

    /// <summary>This date's value written in the layout of <paramref name="template"/> (call <see cref="FitsLayoutOf"/> first).</summary>
    public string FormatLike(DateValue template)
    {
        var year = Year.ToString("0000", CultureInfo.InvariantCulture);
        switch (template.Style)
        {
            case DateStyle.Tajik:
                var tajikMonth = Capitalize(TajikMonths[Month - 1], template.MonthCapital) + (template.MonthIzofat ? "и" : "");
                var dayPart = Day > 0 ? string.Concat(DayText(template), " ") : "";
                var yearPart = Year > 0 ? string.Concat(template.YearWord ? " соли " : " ", year) : "";
                return string.Concat(dayPart, tajikMonth, yearPart);
            case DateStyle.EnglishDayFirst:
                return string.Concat(DayText(template), " ", EnglishMonths[Month - 1], Year > 0 ? string.Concat(template.YearWord ? ", " : " ", year) : "");
            case DateStyle.EnglishMonthFirst:
                var english = EnglishMonths[Month - 1];
                return Day > 0
                    ? string.Concat(english, " ", DayText(template), Year > 0 ? string.Concat(", ", year) : "")
                    : string.Concat(english, " ", year);
            default:
                var day = Day.ToString(template.PadDay ? "00" : "0", CultureInfo.InvariantCulture);
                var month = Month.ToString(template.PadMonth ? "00" : "0", CultureInfo.InvariantCulture);
                var s = template.Separator;
                return template.YearFirst ? string.Concat(year, s.ToString(), month, s.ToString(), day) : string.Concat(day, s.ToString(), month, s.ToString(),
                    year);
        }
    }

    /// <summary>The day with the template's ordinal ending, re-chosen for the new day (2-юми, 4-уми; 1st, 2nd).</summary>
    private string DayText(DateValue template)
    {
        var digits = Day.ToString(CultureInfo.InvariantCulture);
        if (template.DaySuffix.Length == 0)
        {
            return digits;
        }

        var tajik = IsTajikSuffix(template.DaySuffix);
        var pattern = tajik
            ? new OrdinalValue(0, template.DaySuffix[0], template.DaySuffix.Length > 3 ? template.DaySuffix[3..] : "")
            : new OrdinalValue(0, '\0', template.DaySuffix);
        return new OrdinalValue(Day, '\0', "").FormatLike(pattern);
    }

    private static string Capitalize(string name, bool capital) =>
        capital ? string.Concat(char.ToUpperInvariant(name[0]).ToString(), name.AsSpan(1)) : name;
}
