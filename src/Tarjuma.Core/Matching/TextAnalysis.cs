using System.Collections.Immutable;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>
/// The one reading of a text that every engine shares: the matcher's <see cref="Tokenizer"/> (words
/// with their joiners, numbers, ordinals, dates, times, URLs, e-mail addresses, punctuation) and its
/// keys, for engines outside matching (sentence alignment) so that "2024 100", "10 000" or a URL is
/// read by one set of rules and a fix lands once.
/// </summary>
public static class TextAnalysis
{
    /// <summary>The tokens of <paramref name="text"/>, numbers read in <paramref name="convention"/>; white space is not a token.</summary>
    public static IReadOnlyList<TextToken> Tokenize(string text, NumberConvention convention)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<MatchToken>((text.Length / 5) + 4);
        Tokenizer.Tokenize(text, ImmutableArray<InlineTag>.Empty, convention, tokens);
        var result = new TextToken[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            result[i] = ToTextToken(text, tokens[i], convention);
        }

        return result;
    }

    /// <summary>The key a <see cref="TokenKind.Number"/> token of value <paramref name="value"/> has, whatever its writing ("2 024", "2024").</summary>
    public static ulong NumberKey(decimal value) => new NumberValue(value, 0, '\0', '\0').ValueKey();

    /// <summary>
    /// The month (1–12) a word names on its own, or 0: a Tajik month name, with or without the
    /// izofat ("апрел", "апрели"), or a capitalised English one ("April"; "may" and "march" are also verbs).
    /// The same names <see cref="DateValue"/> reads inside dates.
    /// </summary>
    public static int MonthOf(ReadOnlySpan<char> word) => DateValue.MonthOf(word);

    private static TextToken ToTextToken(string text, MatchToken token, NumberConvention convention)
    {
        var result = new TextToken(token.Kind, token.Start, token.Length, token.Case);
        var span = text.AsSpan(token.Start, token.Length);
        switch (token.Kind)
        {
            case TokenKind.Number when NumberValue.TryParse(span, convention, out var number):
                return result with { Value = number.Value };
            case TokenKind.Date when DateValue.TryRead(span, out var date, out _):
                return result with { Year = date.Year, Month = date.Month, Day = date.Day };
            case TokenKind.Ordinal when OrdinalValue.TryReadToken(span, out var ordinal):
                return result with { Ordinal = ordinal.Value };
            case TokenKind.Time when TimeValue.TryRead(span, out var time) == span.Length:
                return result with { Minutes = time.Minutes };
            default:
                return result;
        }
    }
}
