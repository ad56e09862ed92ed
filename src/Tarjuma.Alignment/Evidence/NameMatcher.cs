namespace Tarjuma.Alignment.Evidence;

/// <summary>
/// Decides whether a transliterated Tajik name and an English name are the same name: Levenshtein
/// distance on the folded Latin keys, also against the Tajik key cut to the English length because
/// Tajik suffixes (izofat -и, plural -ҳо, object -ро) follow the stem.
/// </summary>
internal static class NameMatcher
{
    /// <summary>Edits allowed per character of the shorter key ("Bektenov"/"betkenov" is 2 of 8).</summary>
    public const double MaxEditRate = 0.34;

    /// <summary>Keys longer than this are not names; it also bounds the stack-allocated rows.</summary>
    public const int MaxKeyLength = 40;

    public static bool Similar(string tajikKey, string englishKey)
    {
        if (tajikKey.Length == 0 || englishKey.Length == 0 || tajikKey[0] != englishKey[0])
        {
            return false;
        }

        var allowed = (int)(MaxEditRate * Math.Min(tajikKey.Length, englishKey.Length));
        if (tajikKey.Length > englishKey.Length)
        {
            var cut = tajikKey.AsSpan(0, Math.Min(tajikKey.Length, englishKey.Length + 1));
            if (Distance(cut, englishKey, allowed) <= allowed)
            {
                return true;
            }
        }

        return Math.Abs(tajikKey.Length - englishKey.Length) <= allowed && Distance(tajikKey, englishKey, allowed) <= allowed;
    }

    /// <summary>Levenshtein distance with two stack rows; stops early once every cell exceeds <paramref name="limit"/>.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (a.Length > MaxKeyLength || b.Length > MaxKeyLength)
        {
            return int.MaxValue;
        }

        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return rowMin;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
