using System.Text;

namespace Tarjuma.Core.Model;

/// <summary>Normalisation applied to all text on the way in; stored text is never changed after.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Unicode NFC (UAX #15). Tajik ӣ and ӯ often arrive decomposed as и/у + U+0304 COMBINING
    /// MACRON; NFC composes them to U+04E3 and U+04EF so that equal text compares equal.
    /// Text that is not well-formed UTF-16 (an unpaired surrogate) is returned as it is.
    /// </summary>
    public static string ToNfc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
