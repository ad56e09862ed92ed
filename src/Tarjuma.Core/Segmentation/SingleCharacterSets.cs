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
    /// Scans <see cref="AllChars"/> once; if a match there is not exactly one code unit long (an option
    /// that is not one character after all), the scan cannot stand for the anchored test and
    /// <see cref="MatchingOneByOne"/> decides.
    /// </summary>
    public static string Matching(string alternation, RegexOptions options)
    {
        var scan = new Regex("(?:" + alternation + ")", options);
        var chars = new StringBuilder();
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
