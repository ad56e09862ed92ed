using System.Globalization;

namespace Tarjuma.Core.Matching;

/// <summary>Runs of ASCII digits, as the placeable readers (dates, times, ordinals) scan them.</summary>
internal static class AsciiDigits
{
    /// <summary>How many ASCII digits start at <paramref name="start"/>.</summary>
    public static int Count(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary>The value of a short run of ASCII digits (the caller bounds its length).</summary>
    public static int Parse(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
