namespace Tarjuma.Core.Matching;

/// <summary>
/// One token of a text as the matcher reads it (<see cref="TextAnalysis"/>): an offset into the
/// text, its kind and a comparison key that is equal for equal meaning across languages.
/// </summary>
/// <remarks>
/// <c>Key</c>: for a word its characters with case and look-alike letters folded; for a number,
/// ordinal, date or time its value ("2,5" in Tajik and "2.5" in English share it); for a URL or an
/// e-mail address its lower-cased text; for punctuation the folded mark. Keys are 64-bit FNV-1a
/// hashes, stable across runs, for comparison in memory only (never persisted).
/// </remarks>
public readonly record struct TextToken(TokenKind Kind, int Start, int Length, ulong Key)
{
    /// <summary>
    /// For a <see cref="TokenKind.Number"/>: its value read in the text's convention ("1 250,75" in Tajik, "1,250.75" in English give
    /// 1250.75); null for other kinds and for a number of more than 24 digits (an identifier, compared as text).
    /// </summary>
    public decimal? Value { get; init; }

    /// <summary>For a <see cref="TokenKind.Date"/>: the year, or 0 when the date has none ("30 April"); else 0.</summary>
    public int Year { get; init; }

    /// <summary>For a <see cref="TokenKind.Date"/>: the month, 1–12; else 0.</summary>
    public int Month { get; init; }

    /// <summary>For a <see cref="TokenKind.Date"/>: the day, or 0 when the date has none ("April 2024"); else 0.</summary>
    public int Day { get; init; }

    /// <summary>For an <see cref="TokenKind.Ordinal"/>: its value ("12-ум", "12th", "асри XX" give 12, 12, 20); else 0.</summary>
    public long Ordinal { get; init; }

    /// <summary>For a <see cref="TokenKind.Time"/>: minutes since midnight ("15:00" and "3 p.m." give 900); else 0.</summary>
    public int Minutes { get; init; }
}
