using System.Collections.Immutable;
using System.Globalization;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// Splits a segment into words, numbers, ordinals, dates (numeric or with a month name), times,
/// URLs, e-mail addresses, punctuation marks and inline tags, as offsets into the text. White
/// space separates tokens and is not a token.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Longest run scanned as one token; longer runs are cut (pathological input, no real word is this long).</summary>
    public const int MaxTokenLength = 256;

    private static readonly ulong NumberClass = Fnv.Class(TokenKind.Number);
    private static readonly ulong DateClass = Fnv.Class(TokenKind.Date);
    private static readonly ulong UrlClass = Fnv.Class(TokenKind.Url);
    private static readonly ulong EmailClass = Fnv.Class(TokenKind.Email);
    private static readonly ulong PunctuationClass = Fnv.Class(TokenKind.Punctuation);
    private static readonly ulong TagClass = Fnv.Class(TokenKind.Tag);
    private static readonly ulong OrdinalClass = Fnv.Class(TokenKind.Ordinal);
    private static readonly ulong TimeClass = Fnv.Class(TokenKind.Time);

    /// <summary>
    /// The folds of every character below U+0530 (Latin, Greek, Cyrillic and its supplement), taken from the folding layers
    /// themselves: a word's letters are folded by table instead of four calls each (issue #12: tokenising the units a lookup
    /// scores was a tenth of a served lookup's CPU).
    /// </summary>
    private const int FoldTableSize = 0x530;

    private static readonly char[] CaseFolds = FoldTable(CaseFold);
    private static readonly char[] CyrillicWordFolds = FoldTable(c => WordFold(c, cyrillicWord: true));
    private static readonly char[] OtherWordFolds = FoldTable(c => WordFold(c, cyrillicWord: false));

    public static List<MatchToken> Tokenize(SegmentText segment, NumberConvention convention)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var tokens = new List<MatchToken>(segment.Text.Length / 5 + 4);
        Tokenize(segment.Text, segment.Tags, convention, tokens);
        return tokens;
    }

    /// <summary>Appends the tokens of <paramref name="text"/> and its <paramref name="tags"/> to <paramref name="tokens"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, ImmutableArray<InlineTag> tags, NumberConvention convention, List<MatchToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var tagIndex = 0;
        var tagCount = tags.IsDefault ? 0 : tags.Length;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || IsInvisible(c))
            {
                i++;
                continue;
            }

            while (tagIndex < tagCount && tags[tagIndex].Position <= i)
            {
                tokens.Add(TagToken(tags[tagIndex], tagIndex));
                tagIndex++;
            }

            var length = ScanUrl(text, i);
            if (length > 0)
            {
                tokens.Add(Placeable(TokenKind.Url, text, i, length, UrlClass));
                i += length;
                continue;
            }

            length = ScanEmail(text, i);
            if (length > 0)
            {
                tokens.Add(Placeable(TokenKind.Email, text, i, length, EmailClass));
                i += length;
                continue;
            }

            if (char.IsAsciiDigit(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                if (DateValue.TryRead(text[i..], out var date, out length))
                {
                    tokens.Add(new MatchToken(TokenKind.Date, i, length, Fnv.Hash(text.Slice(i, length)), date.ValueKey(), DateClass));
                    i += length;
                    continue;
                }

                if ((length = TimeValue.TryRead(text[i..], out var time)) > 0)
                {
                    tokens.Add(new MatchToken(TokenKind.Time, i, length, Fnv.Hash(text.Slice(i, length)), time.ValueKey(), TimeClass));
                    i += length;
                    continue;
                }

                if ((length = OrdinalValue.TryRead(text[i..], out var ordinal)) > 0 || (AfterCenturyWord(text,
                    tokens) && (length = OrdinalValue.TryReadCentury(text[i..], out ordinal)) > 0))
                {
                    tokens.Add(new MatchToken(TokenKind.Ordinal, i, length, Fnv.Hash(text.Slice(i, length)), ordinal.ValueKey(), OrdinalClass));
                    i += length;
                    continue;
                }

                length = NumberValue.ScanLength(text, i);
                var end = i + length;
                if (end >= text.Length || !char.IsLetter(text[end]))
                {
                    var exact = Fnv.Hash(text.Slice(i, length));
                    var key = NumberValue.TryParse(text.Slice(i, length), convention, out var number) ? number.ValueKey() : exact;
                    tokens.Add(new MatchToken(TokenKind.Number, i, length, exact, key, NumberClass));
                    i = end;
                    continue;
                }
            }

            // A month name begins a date only with a day or a year beside it ("апрели соли 2024", "April 30").
            if (DateValue.MayStartMonth(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && DateValue.TryRead(text[i..], out var named, out length))
            {
                tokens.Add(new MatchToken(TokenKind.Date, i, length, Fnv.Hash(text.Slice(i, length)), named.ValueKey(), DateClass));
                i += length;
                continue;
            }

            if (c is 'I' or 'V' or 'X' or 'Х' or 'І' && AfterCenturyWord(text, tokens) && (length = OrdinalValue.TryReadCentury(text[i..],
                out var century)) > 0)
            {
                tokens.Add(new MatchToken(TokenKind.Ordinal, i, length, Fnv.Hash(text.Slice(i, length)), century.ValueKey(), OrdinalClass));
                i += length;
                continue;
            }

            if (IsWordChar(c))
            {
                length = ScanWord(text, i);
                tokens.Add(WordToken(text, i, length));
                i += length;
                continue;
            }

            length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var folded = Fnv.Add(Fnv.Offset, TextFolding.FoldPunctuation(c));
            tokens.Add(new MatchToken(TokenKind.Punctuation, i, length, Fnv.Hash(text.Slice(i, length)), folded, PunctuationClass));
            i += length;
        }

        while (tagIndex < tagCount)
        {
            tokens.Add(TagToken(tags[tagIndex], tagIndex));
            tagIndex++;
        }
    }

    /// <summary>The last token is Tajik "асри" ("century of"): a Roman numeral or bare number after it is an ordinal.</summary>
    private static bool AfterCenturyWord(ReadOnlySpan<char> text, List<MatchToken> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind == TokenKind.Word && OrdinalValue.IsCenturyWord(text.Slice(tokens[^1].Start, tokens[^1].Length));

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Letters, digits and marks; ASCII and the basic Cyrillic letters (А–я) without the Unicode category table.</summary>
    private static bool IsWordChar(char c) =>
        c < 0x80 ? char.IsAsciiLetterOrDigit(c) : c is >= 'А' and <= 'я' || char.IsLetterOrDigit(c) || IsMark(c);

    /// <summary>
    /// Characters that are not seen: U+2060 WORD JOINER, U+FEFF (its old form), U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN
    /// (Unicode 15, ch. 23.2). Between tokens they are no token; inside a word or a number all but U+200B join (<see cref="Joins"/>).
    /// </summary>
    public static bool IsInvisible(char c) => c is '\u2060' or '\uFEFF' or '\u200B' or '\u00AD';

    /// <summary>An invisible character that keeps its neighbours together; left out of a word's case and folded keys.</summary>
    public static bool Joins(char c) => c is '\u2060' or '\uFEFF' or '\u00AD';

    /// <summary>
    /// Letters, digits and marks; an apostrophe or hyphen inside joins when a letter follows ("country's", "ба-ном"), a word
    /// joiner or soft hyphen when a letter or digit does.
    /// </summary>
    private static int ScanWord(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        var limit = Math.Min(text.Length, start + MaxTokenLength);
        while (i < limit)
        {
            var c = text[i];
            if (IsWordChar(c) || (Joins(c) && i > start && i + 1 < limit && IsWordChar(text[i + 1])))
            {
                i++;
            }
            else if (c is '\'' or '’' or 'ʼ' or '-' or '\u2010' or '\u2011' && i + 1 < limit && char.IsLetter(text[i + 1]) && i > start)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return Math.Max(1, i - start);
    }

    private static MatchToken WordToken(ReadOnlySpan<char> text, int start, int length)
    {
        var word = text.Slice(start, length);
        var cyrillic = false;
        foreach (var c in word)
        {
            cyrillic |= TextFolding.IsCyrillic(c);
        }

        ulong exact = Fnv.Offset, caseKey = Fnv.Offset, fold = Fnv.Offset;
        var folds = cyrillic ? CyrillicWordFolds : OtherWordFolds;
        foreach (var c in word)
        {
            exact = Fnv.Add(exact, c);
            if (Joins(c))
            {
                continue;
            }

            if (c < FoldTableSize)
            {
                caseKey = Fnv.Add(caseKey, CaseFolds[c]);
                fold = Fnv.Add(fold, folds[c]);
            }
            else
            {
                caseKey = Fnv.Add(caseKey, CaseFold(c));
                fold = Fnv.Add(fold, WordFold(c, cyrillic));
            }
        }

        return new MatchToken(TokenKind.Word, start, length, exact, caseKey, fold);
    }

    /// <summary>A word's letter in its case key: punctuation folded, then case (<see cref="TextFolding"/> layers 2 and 3).</summary>
    private static char CaseFold(char c) => TextFolding.FoldCase(TextFolding.FoldPunctuation(c));

    /// <summary>A word's letter in its folded key: layers 2 to 5 of <see cref="TextFolding"/>.</summary>
    private static char WordFold(char c, bool cyrillicWord)
    {
        var mark = TextFolding.FoldPunctuation(c);
        var lower = TextFolding.FoldCase(mark);
        var alike = TextFolding.FoldLookAlike(mark, cyrillicWord);
        return TextFolding.FoldTajikLetter(alike == mark ? lower : TextFolding.FoldCase(alike));
    }

    private static char[] FoldTable(Func<char, char> fold)
    {
        var table = new char[FoldTableSize];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = fold((char)c);
        }

        return table;
    }

    private static MatchToken Placeable(TokenKind kind, ReadOnlySpan<char> text, int start, int length, ulong classKey)
    {
        var span = text.Slice(start, length);
        ulong lower = Fnv.Offset;
        foreach (var c in span)
        {
            lower = Fnv.Add(lower, TextFolding.FoldCase(c)); // ToLowerInvariant by table: no ICU call per letter
        }

        return new MatchToken(kind, start, length, Fnv.Hash(span), lower, classKey);
    }

    private static MatchToken TagToken(InlineTag tag, int index) =>
        new(TokenKind.Tag, tag.Position, 0, Fnv.Hash(tag.Xml), (ulong)tag.Kind, TagClass, index);

    /// <summary>http://, https:// or www. up to white space, without trailing punctuation.</summary>
    private static int ScanUrl(ReadOnlySpan<char> text, int start)
    {
        var rest = text[start..];
        // Only h or w case-folds to H or W: the first letter rules out nearly every token before the three comparisons.
        if (text[start] is not ('h' or 'H' or 'w' or 'W')
            || !(rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase)))
        {
            return 0;
        }

        if (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            return 0;
        }

        var end = start;
        var limit = Math.Min(text.Length, start + (MaxTokenLength * 8));
        while (end < limit && !char.IsWhiteSpace(text[end]) && text[end] is not ('«' or '»' or '“' or '”' or '"' or '<' or '>'))
        {
            end++;
        }

        while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '\'')
        {
            end--;
        }

        return end - start;
    }

    private static bool IsEmailLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    /// <summary>local@domain.tld with ASCII characters (RFC 5322 dot-atom, the common subset).</summary>
    private static int ScanEmail(ReadOnlySpan<char> text, int start)
    {
        if (!char.IsAsciiLetterOrDigit(text[start]) || (start > 0 && IsEmailLocal(text[start - 1])))
        {
            return 0;
        }

        var limit = Math.Min(text.Length, start + MaxTokenLength);
        var at = start;
        while (at < limit && IsEmailLocal(text[at]))
        {
            at++;
        }

        if (at >= limit || text[at] != '@' || at == start)
        {
            return 0;
        }

        var end = at + 1;
        while (end < limit && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-'))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] is '.' or '-')
        {
            end--;
        }

        var lastDot = text[(at + 1)..end].LastIndexOf('.');
        lastDot = lastDot < 0 ? -1 : lastDot + at + 1;
        if (lastDot < 0 || lastDot >= end - 2 || lastDot <= at + 1)
        {
            return 0;
        }

        return end - start;
    }
}
