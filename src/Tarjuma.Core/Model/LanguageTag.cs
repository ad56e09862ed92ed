using System.Globalization;

namespace Tarjuma.Core.Model;

/// <summary>
/// A BCP 47 language tag in canonical case (RFC 5646 §2.1.1: language lower, script title,
/// region upper), e.g. <c>TG-tj</c> → <c>tg-TJ</c>, <c>tg-cyrl</c> → <c>tg-Cyrl</c>.
/// Comparison is case-insensitive by construction because the value is canonical.
/// </summary>
public readonly record struct LanguageTag
{
    /// <summary>Longest tag we accept; RFC 5646 tags in practice stay well below this.</summary>
    public const int MaxLength = 64;

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
        tag = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        var parts = text.Trim().Replace('_', '-').Split('-');
        var canonical = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return false;
            }

            if (i == 0)
            {
                if (part.Length is < 2 or > 8 || !part.All(char.IsAsciiLetter))
                {
                    return false;
                }

                canonical[i] = part.ToLowerInvariant();
            }
            else if (part.Length == 4 && part.All(char.IsAsciiLetter) && !IsAfterSingleton(parts, i))
            {
                canonical[i] = char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant();
            }
            else if ((part.Length == 2 && part.All(char.IsAsciiLetter)) || (part.Length == 3 && part.All(char.IsAsciiDigit)))
            {
                canonical[i] = IsAfterSingleton(parts, i) ? part.ToLowerInvariant() : part.ToUpperInvariant();
            }
            else
            {
                canonical[i] = part.ToLowerInvariant();
            }
        }

        tag = new LanguageTag(string.Join('-', canonical), canonical[0]);
        return true;
    }

    /// <summary>Parses a tag or throws a <see cref="TarjumaException"/> naming <paramref name="field"/>.</summary>
    public static LanguageTag Parse(string? text, string field)
    {
        if (!TryParse(text, out var tag))
        {
            throw TarjumaException.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture,
                $"'{text}' is not a BCP 47 language tag (e.g. tg, tg-TJ, en-US)."));
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

    private static bool IsAfterSingleton(string[] parts, int index)
    {
        for (var i = 1; i < index; i++)
        {
            if (parts[i].Length == 1)
            {
                return true;
            }
        }

        return false;
    }
}
