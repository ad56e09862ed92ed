using System.Text;

namespace Tarjuma.Core.Model;

/// <summary>Normalisation applied to all text on the way in; stored text is never changed after.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Whether <paramref name="c"/> is NFC_Quick_Check=Yes with canonical combining class 0 (UAX #15,
    /// section 9): text made only of such characters is in NFC, so the check needs no call into ICU.
    /// Latin up to U+02FF, Cyrillic without its combining marks (U+0483–U+0487), general punctuation
    /// without U+2000 and U+2001 (singletons), currency signs: what Tajik and English text is made of.
    /// Derived from the Unicode Character Database (decompositions, combining classes) and checked by
    /// a test against the runtime's own normalisation.
    /// </summary>
    internal static bool IsComposedStarter(char c) =>
        c < '\u0300' || (c >= '\u0400' && c <= '\u052F' && (c < '\u0483' || c > '\u0487')) || (c >= '\u2002' && c <= '\u206F')
        || (c >= '\u20A0' && c <= '\u20BF');

    /// <summary>
    /// Unicode NFC (UAX #15). Tajik ӣ and ӯ often arrive decomposed as и/у + U+0304 COMBINING
    /// MACRON; NFC composes them to U+04E3 and U+04EF so that equal text compares equal.
    /// Text that is not well-formed UTF-16 (an unpaired surrogate) is returned as it is.
    /// </summary>
    public static string ToNfc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (AllComposedStarters(text))
        {
            // The quick check's YES without a call into ICU: the common case on import.
            return text;
        }

        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static bool AllComposedStarters(string text)
    {
        foreach (var c in text)
        {
            if (!IsComposedStarter(c))
            {
                return false;
            }
        }

        return true;
    }
}
