namespace Tarjuma.Core.Matching;

/// <summary>
/// The index terms of a segment: the fully folded text of each word, and one class term per
/// placeable kind (any number matches any number: values cost little and are repaired).
/// A segment without words or placeables (only marks or tags) is indexed by those instead.
/// </summary>
internal static class SegmentTerms
{
    /// <summary>The first character of every class term (numbers, dates, URLs, e-mails, ordinals, times, tags, empty).</summary>
    public const char ClassMark = '\u0001';

    public const string NumberTerm = "\u0001n";
    public const string DateTerm = "\u0001d";
    public const string UrlTerm = "\u0001u";
    public const string EmailTerm = "\u0001e";
    public const string OrdinalTerm = "\u0001o";
    public const string TimeTerm = "\u0001h";
    public const string TagTerm = "\u0001t";
    public const string EmptyTerm = "\u0001_";

    /// <summary>Calls <paramref name="visit"/> once per term occurrence (duplicates included).</summary>
    public static void Visit<TState>(ReadOnlySpan<char> text, List<MatchToken> tokens, Span<char> foldBuffer, ref TState state, TermVisitor<TState> visit)
    {
        var any = false;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Word:
                    var folded = foldBuffer[..token.Length];
                    TextFolding.Fold(text.Slice(token.Start, token.Length), folded);
                    visit(ref state, folded);
                    any = true;
                    break;
                case TokenKind.Number:
                    visit(ref state, NumberTerm);
                    any = true;
                    break;
                case TokenKind.Date:
                    visit(ref state, DateTerm);
                    any = true;
                    break;
                case TokenKind.Url:
                    visit(ref state, UrlTerm);
                    any = true;
                    break;
                case TokenKind.Email:
                    visit(ref state, EmailTerm);
                    any = true;
                    break;
                case TokenKind.Ordinal:
                    visit(ref state, OrdinalTerm);
                    any = true;
                    break;
                case TokenKind.Time:
                    visit(ref state, TimeTerm);
                    any = true;
                    break;
                default:
                    break;
            }
        }

        if (any)
        {
            return;
        }

        Span<char> mark = stackalloc char[2];
        mark[0] = '\u0002';
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Punctuation)
            {
                mark[1] = TextFolding.FoldPunctuation(text[token.Start]);
                visit(ref state, mark);
                any = true;
            }
            else if (token.Kind == TokenKind.Tag)
            {
                visit(ref state, TagTerm);
                any = true;
            }
        }

        if (!any)
        {
            visit(ref state, EmptyTerm);
        }
    }
}

internal delegate void TermVisitor<TState>(ref TState state, ReadOnlySpan<char> term);
