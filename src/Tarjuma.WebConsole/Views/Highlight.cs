using Tarjuma.Protos.V1;

namespace Tarjuma.WebConsole.Views;

/// <summary>A piece of a text, marked or not; rendered as text (escaped by Razor), never as markup.</summary>
public readonly record struct TextPiece(string Text, bool Marked);

/// <summary>Cuts a text at the API's ranges (UTF-16, half-open [start, start + length)) for highlighting.</summary>
public static class Highlight
{
    /// <summary>
    /// The pieces of <paramref name="text"/>, marked inside any of <paramref name="ranges"/>. Ranges may
    /// come unsorted or overlapping; parts outside the text are ignored, so a stale range cannot throw.
    /// </summary>
    public static IReadOnlyList<TextPiece> Pieces(string text, IEnumerable<TextRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ranges);
        var marked = new bool[text.Length];
        foreach (var range in ranges)
        {
            var start = Math.Clamp(range.Start, 0, text.Length);
            var end = Math.Clamp((long)range.Start + range.Length, start, text.Length);
            for (var i = start; i < end; i++)
            {
                marked[i] = true;
            }
        }

        var pieces = new List<TextPiece>();
        var from = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || marked[i] != marked[from])
            {
                pieces.Add(new TextPiece(text[from..i], marked[from]));
                from = i;
            }
        }

        return pieces;
    }

    /// <summary>
    /// The words of <paramref name="suggestion"/> that are not in <paramref name="original"/>: what the
    /// server carried over from the query (numbers, dates ...) when it adjusted the target.
    /// </summary>
    public static IReadOnlyList<TextPiece> Changed(string suggestion, string original)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(original);
        var known = new HashSet<string>(Words(original).Select(w => original.Substring(w.Start, w.Length)), StringComparer.Ordinal);
        var ranges = Words(suggestion)
            .Where(w => !known.Contains(suggestion.Substring(w.Start, w.Length)))
            .Select(w => new TextRange { Start = w.Start, Length = w.Length });
        return Pieces(suggestion, ranges);
    }

    private static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && !char.IsWhiteSpace(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
