using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// An exact pre-check for the abbreviation-list shape of a beforebreak,
/// <c>(?&lt;![X])(?i:w1|w2|…)\.</c> (or <c>(?:…)</c>) with literal words: for each word length,
/// a bitmap test of the character before the word and a hash-set lookup of the case-folded
/// text replace the regex's right-to-left trial of every alternative. It only rejects
/// positions where the rule cannot match; the rule's regex still decides the rest.
/// </summary>
internal sealed class WordListFilter
{
    /// <summary>
    /// Longer list entries keep the general path. Far below <see cref="CompiledRuleSet.MaxRuleContext"/>,
    /// so a word never starts at the edge of the rule's context window, where the regex's
    /// lookbehind would see no character before it.
    /// </summary>
    private const int MaxWordLength = 64;

    private static readonly Regex Shape = new(
        @"^\(\?<!\[(?<class>(?:\\.|[^\]\\])+)\]\)\(\?(?<flag>i?):(?<words>(?:\\.|[^()\[\]\\])+)\)\\\.$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    /// <summary>
    /// X as a bitmap, one bit per UTF-16 code unit: X is most of Unicode (all letters), where
    /// <c>SearchValues</c> falls back to a slow search for single lookups.
    /// </summary>
    private readonly ulong[] _wordChars;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly bool _ignoreCase;
    private readonly int _maxLength;

    /// <summary>The distinct word lengths, ascending.</summary>
    private readonly int[] _lengths;

    private WordListFilter(ulong[] wordChars, HashSet<string> set, bool ignoreCase, List<string> words)
    {
        var maxLength = words.Max(w => w.Length);
        _wordChars = wordChars;
        _words = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _ignoreCase = ignoreCase;
        _maxLength = maxLength;
        _lengths = [.. words.Select(w => w.Length).Distinct().Order()];
    }

    /// <summary>The filter for a translated beforebreak of the list shape, or null (general path).</summary>
    public static WordListFilter? TryCreate(string beforeBreak)
    {
        var m = Shape.Match(beforeBreak);
        if (!m.Success)
        {
            return null;
        }

        var ignoreCase = m.Groups["flag"].Length > 0;
        var list = SplitLiterals(m.Groups["words"].Value);
        if (list is null || list.Count == 0 || list.Any(w => w.Length is 0 or > MaxWordLength))
        {
            return null;
        }

        var wordChars = new ulong[(char.MaxValue + 1) / 64];
        foreach (var x in SingleCharacterSets.Matching("[" + m.Groups["class"].Value + "]", RegexOptions.CultureInvariant))
        {
            wordChars[x >> 6] |= 1UL << (x & 63);
        }

        // The lookup is exact only if every character the regex accepts for a word character
        // (its case variants under (?i), CultureInvariant) folds to the same key.
        if (ignoreCase && !list.SelectMany(w => w).Distinct().All(FoldsLikeItsCaseVariants))
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in list)
        {
            set.Add(ignoreCase ? string.Concat(w.Select(Fold)) : w);
        }

        return new WordListFilter(wordChars, set, ignoreCase, list);
    }

    /// <summary>False when the rule cannot match a break at <paramref name="p"/>.</summary>
    public bool Admits(ReadOnlySpan<char> text, int p)
    {
        var dot = p - 1;
        if (dot < 1 || dot >= text.Length || text[dot] != '.')
        {
            return false;
        }

        // Fold the longest possible word once; each list length then looks up its suffix.
        var longest = Math.Min(_maxLength, dot);
        Span<char> folded = stackalloc char[longest];
        var tail = text.Slice(dot - longest, longest);
        for (var i = 0; i < longest; i++)
        {
            folded[i] = _ignoreCase ? Fold(tail[i]) : tail[i];
        }

        foreach (var length in _lengths)
        {
            var start = dot - length;
            if (start < 0)
            {
                break;
            }

            // (?<![X]) before the word: the text start, or a character outside X.
            if ((start == 0 || !InSet(_wordChars, text[start - 1])) && _words.Contains(folded[(longest - length)..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InSet(ulong[] set, char c) => (set[c >> 6] & (1UL << (c & 63))) != 0;

    /// <summary>
    /// <see cref="Fold"/> of each code unit met so far, 0 where not yet computed (only U+0000 folds to 0): the
    /// invariant culture's case mapping goes through ICU for non-ASCII letters, which cost more than the rest of
    /// <see cref="Admits"/> on Tajik text. Racing writers store the same value.
    /// </summary>
    private static readonly char[] Folded = new char[char.MaxValue + 1];

    /// <summary>
    /// Memo of <see cref="FoldsLikeItsCaseVariants"/>: the lists of the built-in rules share most of their letters, and each test
    /// costs a regex (issue #12: the rule-set build is most of a short `tarjuma segment` run).
    /// </summary>
    private static readonly ConcurrentDictionary<char, bool> CaseVariantsFoldAlike = new();

    /// <summary>True when every code unit <c>(?i:a)</c> matches (CultureInvariant) folds as <paramref name="a"/> does.</summary>
    private static bool FoldsLikeItsCaseVariants(char a) => CaseVariantsFoldAlike.GetOrAdd(a, static a =>
    {
        var same = new Regex("(?i:" + Regex.Escape(a.ToString()) + ")", RegexOptions.CultureInvariant);
        foreach (var y in same.EnumerateMatches(SingleCharacterSets.AllChars))
        {
            if (Fold((char)y.Index) != Fold(a))
            {
                return false;
            }
        }

        return true;
    });

    /// <summary>One key per case-equivalence class (k, K and the Kelvin sign K fold alike).</summary>
    private static char Fold(char c)
    {
        var folded = Folded[c];
        if (folded == 0)
        {
            folded = Folded[c] = char.ToLowerInvariant(char.ToUpperInvariant(c));
        }

        return folded;
    }

    /// <summary>The alternatives as literal strings, or null if one holds a regex construct.</summary>
    private static List<string>? SplitLiterals(string alternation)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < alternation.Length; i++)
        {
            var c = alternation[i];
            if (c == '\\')
            {
                if (i + 1 >= alternation.Length || char.IsLetterOrDigit(alternation[i + 1]))
                {
                    return null; // \d, \p{…}, back-references: not a literal
                }

                current.Append(alternation[++i]);
            }
            else if (c == '|')
            {
                words.Add(current.ToString());
                current.Clear();
            }
            else if (c is '.' or '*' or '+' or '?' or '{' or '}' or '^' or '$' or '#' || char.IsWhiteSpace(c))
            {
                return null; // '#' and spaces: meaningful under (?x)
            }
            else
            {
                current.Append(c);
            }
        }

        words.Add(current.ToString());
        return words;
    }
}
