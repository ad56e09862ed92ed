using System.Text;
using System.Text.RegularExpressions;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// The UTF-16 code units a one-character pattern (<c>[a-z]</c>, <c>\p{Lu}</c>, <c>\.</c>, or an alternation
/// of such) accepts, found with one regex scan over all 65,536 code units instead of one match per code unit:
/// building the built-in rules' edge sets took about a fifth of a whole `tarjuma segment` run (issue #12).
/// </summary>
internal static class SingleCharacterSets
{
    /// <summary>Every UTF-16 code unit once, in order (lone surrogates included): index = code unit.</summary>
    public static string AllChars => LazyAllChars.Value;

    private static readonly Lazy<string> LazyAllChars = new(() => string.Create(char.MaxValue + 1, 0, static (span, _) =>
    {
        for (var c = 0; c < span.Length; c++)
        {
            span[c] = (char)c;
        }
    }));

    /// <summary>
    /// The code units c, ascending, for which <c>\A(?:alternation)\z</c> matches the one-character string c.
    /// An alternation whose every option is one code unit by its syntax alone (<see cref="IsOneUnitAlternation"/>) is scanned
    /// for runs, <c>(?:alternation)+</c>: a match per run of accepted code units, not one per code unit, which for sets
    /// such as <c>\S</c> or <c>\p{L}</c> (tens of thousands of code units) was most of the rule-set build (issue #12).
    /// Otherwise <see cref="AllChars"/> is scanned once for single matches; if one is not exactly one code unit long (an
    /// option that is not one character after all), the scan cannot stand for the anchored test and
    /// <see cref="MatchingOneByOne"/> decides.
    /// </summary>
    public static string Matching(string alternation, RegexOptions options)
    {
        var chars = new StringBuilder();
        if (IsOneUnitAlternation(alternation))
        {
            // Each option matches exactly one code unit whatever surrounds it, so a greedy run is exactly a maximal run of members.
            var runs = new Regex("(?:" + alternation + ")+", options);
            foreach (var match in runs.EnumerateMatches(AllChars))
            {
                chars.Append(AllChars.AsSpan(match.Index, match.Length));
            }

            return chars.ToString();
        }

        var scan = new Regex("(?:" + alternation + ")", options);
        foreach (var match in scan.EnumerateMatches(AllChars))
        {
            if (match.Length != 1)
            {
                return MatchingOneByOne(alternation, options);
            }

            chars.Append((char)match.Index);
        }

        return chars.ToString();
    }

    /// <summary>
    /// True when every option of <paramref name="alternation"/> is, by its syntax, one UTF-16 code unit: a literal (not a
    /// surrogate), an escaped symbol, <c>.</c>, <c>\d \D \s \S \w \W</c>, <c>\p{…}</c> or <c>\P{…}</c>, or a class without
    /// nested classes. .NET matches each of these against one code unit, with or without IgnoreCase (its case
    /// equivalences map one code unit to one). Anything else (quantifiers, groups, anchors, numeric escapes) is false.
    /// </summary>
    internal static bool IsOneUnitAlternation(string alternation)
    {
        var i = 0;
        while (SkipOneUnitAtom(alternation, ref i))
        {
            if (i == alternation.Length)
            {
                return true;
            }

            if (alternation[i] != '|')
            {
                return false;
            }

            i++;
        }

        return false;
    }

    private static bool SkipOneUnitAtom(string pattern, ref int i)
    {
        if (i >= pattern.Length)
        {
            return false;
        }

        switch (pattern[i])
        {
            case '\\' when i + 1 < pattern.Length:
                var escaped = pattern[i + 1];
                if (escaped is 'p' or 'P')
                {
                    var close = pattern.IndexOf('}', i);
                    if (i + 2 >= pattern.Length || pattern[i + 2] != '{' || close < 0)
                    {
                        return false;
                    }

                    i = close + 1;
                    return true;
                }

                if (escaped is 'd' or 'D' or 's' or 'S' or 'w' or 'W' || !char.IsAsciiLetterOrDigit(escaped) && !char.IsSurrogate(escaped))
                {
                    i += 2;
                    return true;
                }

                return false; // \b \A \x41 \u0041 \cM \1 …: zero-width, or one character written in several
            case '[':
                var j = i + 1;
                if (j < pattern.Length && pattern[j] == '^')
                {
                    j++;
                }

                var first = j;
                while (j < pattern.Length && pattern[j] != ']')
                {
                    if (pattern[j] == '[')
                    {
                        return false; // subtraction or a bracket that might be read as one
                    }

                    j += pattern[j] == '\\' ? 2 : 1;
                }

                if (j >= pattern.Length || j == first)
                {
                    return false;
                }

                i = j + 1;
                return true;
            case '.':
                i++;
                return true;
            case var c when "\\()|*+?{}^$#[]".Contains(c, StringComparison.Ordinal) || char.IsWhiteSpace(c) || char.IsSurrogate(c):
                return false;
            default:
                i++;
                return true;
        }
    }

    /// <summary>The plain definition: the anchored pattern tried on each code unit alone (for tests and odd patterns).</summary>
    internal static string MatchingOneByOne(string alternation, RegexOptions options)
    {
        var anchored = new Regex(@"\A(?:" + alternation + @")\z", options);
        var chars = new StringBuilder();
        Span<char> one = stackalloc char[1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            one[0] = (char)c;
            if (anchored.IsMatch(one))
            {
                chars.Append((char)c);
            }
        }

        return chars.ToString();
    }
}
