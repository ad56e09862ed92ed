using System.Globalization;

namespace Tarjuma.Core.Matching;

/// <summary>
/// A time of day: 24-hour "14:30", "4:42" (Tajik and English), or 12-hour "4.42 a.m.", "4:42 pm",
/// "11 p.m." (English). <see cref="Minutes"/> counts from midnight; the rest is how it was written,
/// so a new value is written in a template's own layout.
/// </summary>
/// <remarks>
/// <c>Separator</c> is ':' or '.' between hours and minutes ('\0' for "11 p.m."); <c>Meridiem</c> the
/// 12-hour marker as written ("a.m.", "PM"), null for 24-hour time; <c>MeridiemSpace</c> whether a
/// space stood before it.
/// </remarks>
internal readonly record struct TimeValue(int Minutes, char Separator, bool PadHour, string? Meridiem, bool MeridiemSpace)
{
    /// <summary>Reads a time at the start of <paramref name="text"/> (which starts with a digit); its length, or 0.</summary>
    public static int TryRead(ReadOnlySpan<char> text, out TimeValue time)
    {
        time = default;
        var hourDigits = AsciiDigits.Count(text, 0);
        if (hourDigits is not (1 or 2))
        {
            return 0;
        }

        var hour = AsciiDigits.Parse(text[..hourDigits]);
        var separator = '\0';
        var minute = 0;
        var end = hourDigits;
        if (end + 2 < text.Length && text[end] is ':' or '.' && AsciiDigits.Count(text, end + 1) == 2)
        {
            separator = text[end];
            minute = AsciiDigits.Parse(text.Slice(end + 1, 2));
            end += 3;
        }

        var (meridiem, space, after) = ReadMeridiem(text, end);
        if (meridiem is not null)
        {
            if (hour is < 1 or > 12 || minute > 59)
            {
                return 0;
            }

            var pm = char.ToLowerInvariant(meridiem[0]) == 'p';
            time = new TimeValue(((hour % 12) + (pm ? 12 : 0)) * 60 + minute, separator, hourDigits == 2 && hour < 10, meridiem, space);
            return after;
        }

        // Without a marker only "H:MM" is a time: "4.42" is a decimal number, "2:1" a score.
        if (separator != ':' || hour > 23 || minute > 59 || (end < text.Length && (char.IsLetterOrDigit(text[end])
            || (end + 1 < text.Length && text[end] is ':' or '.' or ',' && char.IsAsciiDigit(text[end + 1])))))
        {
            return 0;
        }

        time = new TimeValue(hour * 60 + minute, ':', hourDigits == 2 && hour < 10, null, false);
        return end;
    }

    /// <summary>"am", "a.m.", "AM", "A.M." (and p), after at most one space, not followed by a letter.</summary>
    private static (string? Meridiem, bool Space, int End) ReadMeridiem(ReadOnlySpan<char> text, int start)
    {
        var at = start;
        var space = at < text.Length && text[at] is ' ' or '\u00A0' or '\u202F';
        if (space)
        {
            at++;
        }

        if (at + 1 >= text.Length || char.ToLowerInvariant(text[at]) is not ('a' or 'p'))
        {
            return (null, false, start);
        }

        int end;
        if (char.ToLowerInvariant(text[at + 1]) == 'm')
        {
            end = at + 2;
        }
        else if (text[at + 1] == '.' && at + 3 < text.Length && char.ToLowerInvariant(text[at + 2]) == 'm' && text[at + 3] == '.')
        {
            end = at + 4;
        }
        else
        {
            return (null, false, start);
        }

        return end < text.Length && char.IsLetterOrDigit(text[end]) ? (null, false, start) : (text[at..end].ToString(), space, end);
    }

    public ulong ValueKey() => (ulong)Minutes ^ 0x7171_0000_0000_0000UL;

    /// <summary>This time written in the layout of <paramref name="template"/> (24- or 12-hour, separator, marker).</summary>
    public string FormatLike(TimeValue template)
    {
        var hour = Minutes / 60;
        var minute = Minutes % 60;
        if (template.Meridiem is not { } marker)
        {
            return string.Concat(hour.ToString(template.PadHour ? "00" : "0", CultureInfo.InvariantCulture), ":", minute.ToString("00",
                CultureInfo.InvariantCulture));
        }

        var hour12 = hour % 12 == 0 ? 12 : hour % 12;
        var text = hour12.ToString(template.PadHour ? "00" : "0", CultureInfo.InvariantCulture);
        if (template.Separator != '\0' || minute != 0)
        {
            // An hour-only layout ("3 p.m.") takes minutes with a colon ("4:13 p.m."), as English writes them.
            var separator = template.Separator != '\0' ? template.Separator : ':';
            text = string.Concat(text, separator.ToString(), minute.ToString("00", CultureInfo.InvariantCulture));
        }

        var letter = hour < 12 ? 'a' : 'p';
        var written = string.Concat((char.IsUpper(marker[0]) ? char.ToUpperInvariant(letter) : letter).ToString(), marker.AsSpan(1));
        return string.Concat(text, template.MeridiemSpace ? " " : "", written);
    }
}
