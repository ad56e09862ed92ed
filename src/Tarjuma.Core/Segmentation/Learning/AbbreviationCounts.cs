namespace Tarjuma.Core.Segmentation.Learning;

/// <summary>
/// Token statistics for <see cref="AbbreviationLearner"/>, gathered one text (a unit's source, a
/// document) at a time. Not thread-safe; memory grows with the number of distinct word types.
/// </summary>
/// <remarks>
/// A word is a run of letters and marks, with inner periods, hyphens or apostrophes between
/// letters (<c>д.и.ф</c>, <c>ш-к</c>); it has a final period when a single '.' follows it (not an
/// ellipsis). Types are folded to lower case (invariant culture). A text's end and a blank line
/// end a sentence, so a period there is no evidence either way.
/// </remarks>
public sealed class AbbreviationCounts
{
    /// <summary>
    /// An inner period joins letters into one word only after a part this short (<c>д.и.ф</c>,
    /// <c>ҳ.к</c>): a missing space after a sentence ("шуд.Дар") must not make a new word type.
    /// </summary>
    private const int MaxPartBeforeInnerPeriod = 2;

    /// <summary>Words longer than this are counted but not kept as types: no abbreviation is that long.</summary>
    private const int MaxTypeLength = 32;

    private static readonly System.Buffers.SearchValues<char> TokenEnds = System.Buffers.SearchValues.Create(" \t\n\r\u00A0\u2028\u2029");

    private readonly Dictionary<string, TypeCounts> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeCounts>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public AbbreviationCounts()
    {
        _lookup = _types.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Texts added.</summary>
    public long Texts { get; private set; }

    /// <summary>Word and number tokens seen, N.</summary>
    public long Tokens { get; private set; }

    /// <summary>Tokens with a final period, C(•).</summary>
    public long PeriodTokens { get; private set; }

    /// <summary>Distinct word types kept.</summary>
    public int TypeCount => _types.Count;

    internal IEnumerable<KeyValuePair<string, TypeCounts>> Types => _types;

    /// <summary>Counts the words of one text.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        Texts++;
        Span<char> folded = stackalloc char[MaxTypeLength];
        TypeCounts? pending = null;   // the type whose period is waiting for the next token
        var sentenceStart = true;     // capitalisation here says nothing about names
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c))
            {
                var end = WordEnd(text, i);
                if (end + 1 < text.Length && text[end] == '.' && char.IsLetterOrDigit(text[end + 1]))
                {
                    // A period inside a token (www.un.org, file.txt, "шуд.Дар"): neither a final
                    // period nor an abbreviation; the token counts, its parts do not.
                    Tokens++;
                    pending = null;
                    sentenceStart = false;
                    i = SkipToken(text, end);
                    continue;
                }

                var word = text[i..end];
                var withPeriod = end < text.Length && text[end] == '.' && (end + 1 >= text.Length || text[end + 1] != '.');
                Tokens++;
                var counts = word.Length <= MaxTypeLength ? Find(word, folded) : null;
                if (counts is not null)
                {
                    Count(counts, word, sentenceStart, withPeriod);
                }

                if (pending is not null)
                {
                    if (char.IsUpper(c))
                    {
                        pending.CapitalisedFollowerCount++;
                        if (counts is not null && pending.CapitalisedFollowers.Count < TypeCounts.MaxCapitalisedFollowers)
                        {
                            pending.CapitalisedFollowers.Add(counts);
                        }
                    }
                    else
                    {
                        pending.FollowedByContinuation++;
                    }
                }

                pending = withPeriod ? counts : null;
                sentenceStart = withPeriod;
                if (withPeriod)
                {
                    PeriodTokens++;
                }

                i = withPeriod ? end + 1 : end;
                continue;
            }

            if (char.IsDigit(c))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsDigit(text[end]) || (text[end] is '.' or ',' && end + 1 < text.Length && char.IsDigit(text[end + 1]))))
                {
                    end++;
                }

                Tokens++;
                if (pending is not null)
                {
                    pending.FollowedByContinuation++;
                }

                var withPeriod = end < text.Length && text[end] == '.' && (end + 1 >= text.Length || text[end + 1] != '.');
                if (withPeriod)
                {
                    PeriodTokens++;
                }

                pending = null;
                sentenceStart = withPeriod;
                i = withPeriod ? end + 1 : end;
                continue;
            }

            if (TextLines.IsLineBreak(c))
            {
                // A blank line ends the paragraph; a single line break starts a line whose
                // capital may be a headline's or an item's.
                if (TextLines.BlankLineAfter(text, i) >= 0)
                {
                    pending = null;
                }

                sentenceStart = true;
            }
            else if (c is ',' or ';' or ':' or ')' or ']')
            {
                if (pending is not null)
                {
                    pending.FollowedByContinuation++;
                }

                pending = null;
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                pending = null;
                sentenceStart = true;
            }

            i++;
        }
    }

    private static int WordEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start + 1;
        var partStart = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                i++;
            }
            else if (c is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                i += 2;
            }
            else if (c == '.' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i - partStart <= MaxPartBeforeInnerPeriod)
            {
                i += 2;
                partStart = i - 1;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int SkipToken(ReadOnlySpan<char> text, int from)
    {
        var rest = text[from..].IndexOfAny(TokenEnds);
        return rest < 0 ? text.Length : from + rest;
    }

    private TypeCounts Find(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var folded = buffer[..word.Length];
        Model.InvariantCase.ToLower(word, folded);
        if (!_lookup.TryGetValue(folded, out var counts))
        {
            counts = new TypeCounts();
            _lookup[folded] = counts;
        }

        return counts;
    }

    private static void Count(TypeCounts counts, ReadOnlySpan<char> word, bool sentenceStart, bool withPeriod)
    {
        if (withPeriod)
        {
            counts.WithPeriod++;
        }
        else
        {
            counts.WithoutPeriod++;
        }

        if (char.IsLower(word[0]))
        {
            counts.LowerCase++;
        }
        else if (!sentenceStart)
        {
            counts.CapitalisedInside++;
        }
    }
}
