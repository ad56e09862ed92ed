using Tarjuma.Core.Model;

namespace Tarjuma.Core.Matching;

/// <summary>How a language writes the decimal separator: what decides "1,200" (1200 or 1.2).</summary>
public enum NumberConvention : byte
{
    /// <summary>Decimal comma, groups by no-break space (Tajik, Russian: "1,2", "5 000").</summary>
    DecimalComma = 0,

    /// <summary>Decimal point, groups by comma (English: "1.2", "5,000").</summary>
    DecimalPoint = 1,
}

/// <summary>Chooses the convention of a language.</summary>
public static class NumberConventions
{
    private static readonly HashSet<string> DecimalPointLanguages = new(StringComparer.Ordinal) { "en", "zh", "ja", "ko", "he", "th", "hi" };

    public static NumberConvention For(LanguageTag language) =>
        language.Language is { } code && DecimalPointLanguages.Contains(code) ? NumberConvention.DecimalPoint : NumberConvention.DecimalComma;

    public static char DecimalSeparator(this NumberConvention convention) => convention == NumberConvention.DecimalPoint ? '.' : ',';

    /// <summary>The group separator used when a template has none: comma for English, U+00A0 for Tajik.</summary>
    public static char GroupSeparator(this NumberConvention convention) => convention == NumberConvention.DecimalPoint ? ',' : '\u00A0';
}
