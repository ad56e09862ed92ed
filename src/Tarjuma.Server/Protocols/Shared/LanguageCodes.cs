using System.Collections.Frozen;
using System.Globalization;
using Tarjuma.Core.Model;

namespace Tarjuma.Server.Protocols.Shared;

/// <summary>
/// Folds the language codes CAT tools send to a primary language subtag: <c>en</c>, <c>en_US</c>,
/// <c>pt_br</c>, <c>tg-TJ</c> (any case, <c>-</c> or <c>_</c>; the region falls back to the language)
/// and ISO 639-3 codes (<c>tgk</c>, <c>eng</c>: Weblate's Apertium machinery sends them).
/// </summary>
internal static class LanguageCodes
{
    // ISO 639-3 → 639-1 from the platform's cultures (ThreeLetterISOLanguageName is 639-2/T, which
    // 639-3 shares for every language with a two-letter code), plus the codes this server is about,
    // so the fold holds under invariant globalization too.
    private static readonly FrozenDictionary<string, string> ThreeToTwo = BuildThreeToTwo();

    /// <summary>The primary subtag, lower case; a <see cref="ProtocolException"/> (400) naming the field when the code is malformed.</summary>
    public static LanguageTag Fold(string? code, string field)
    {
        if (!LanguageTag.TryParse(code, out var tag))
        {
            throw new ProtocolException(StatusCodes.Status400BadRequest, $"{field}: '{code}' is not a language code (e.g. tg, tg-TJ, en_US, tgk).");
        }

        var language = ThreeToTwo.TryGetValue(tag.Language, out var two) ? two : tag.Language;
        return LanguageTag.Parse(language, field);
    }

    private static FrozenDictionary<string, string> BuildThreeToTwo()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tgk"] = "tg",
            ["eng"] = "en",
            ["rus"] = "ru",
            ["fas"] = "fa",
            ["uzb"] = "uz",
            ["deu"] = "de",
            ["fra"] = "fr",
        };
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.NeutralCultures))
        {
            var two = culture.TwoLetterISOLanguageName;
            var three = culture.ThreeLetterISOLanguageName;
            if (two.Length == 2 && three.Length == 3 && !string.Equals(two, "iv", StringComparison.Ordinal))
            {
                map.TryAdd(three.ToLowerInvariant(), two.ToLowerInvariant());
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
