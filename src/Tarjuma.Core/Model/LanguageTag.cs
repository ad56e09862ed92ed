using Tarjuma.Shared;

namespace Tarjuma.Core.Model;

/// <summary>
/// A BCP 47 language tag in canonical case (RFC 5646 §2.1.1: language lower, script title,
/// region upper), e.g. <c>TG-tj</c> → <c>tg-TJ</c>, <c>tg-cyrl</c> → <c>tg-Cyrl</c>.
/// Comparison is case-insensitive by construction because the value is canonical.
/// </summary>
public readonly record struct LanguageTag
{
    /// <summary>Longest tag we accept; RFC 5646 tags in practice stay well below this.</summary>
    public const int MaxLength = NameRules.MaxTagLength;

    private LanguageTag(string value, string language)
    {
        Value = value;
        Language = language;
    }

    /// <summary>The canonical tag, e.g. <c>tg-Cyrl-TJ</c>.</summary>
    public string Value { get; }

    /// <summary>The primary language subtag, e.g. <c>tg</c>.</summary>
    public string Language { get; }

    public override string ToString() => Value;

    /// <summary>Parses and canonicalises a tag; <c>_</c> is accepted as a separator (Java locales).</summary>
    public static bool TryParse(string? text, out LanguageTag tag)
    {
        tag = NameRules.TryCanonicalTag(text, out var canonical) ? new LanguageTag(canonical, NameRules.PrimaryLanguage(canonical)) : default;
        return tag.Value is not null;
    }

    /// <summary>Parses a tag or throws a <see cref="TarjumaException"/> naming <paramref name="field"/>.</summary>
    public static LanguageTag Parse(string? text, string field)
    {
        if (!TryParse(text, out var tag))
        {
            throw TarjumaException.InvalidArgument(field, NameRules.NotATag(text));
        }

        return tag;
    }

    /// <summary>
    /// True when a TMX <c>xml:lang</c> belongs to this memory language: same primary language,
    /// and if both name a region or script they agree. <c>en-GB</c> content serves an <c>en</c>
    /// memory (regional fallback), and <c>tg</c> content serves a <c>tg-TJ</c> memory.
    /// </summary>
    public bool Accepts(LanguageTag other) =>
        string.Equals(Language, other.Language, StringComparison.Ordinal);

    /// <summary>How closely <paramref name="other"/> matches: 2 identical, 1 same language, 0 none.</summary>
    public int Closeness(LanguageTag other) =>
        string.Equals(Value, other.Value, StringComparison.Ordinal) ? 2 : Accepts(other) ? 1 : 0;
}
