using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// Whether every character is <see cref="IsComposedStarter"/>. Eight characters at a time: Latin (below U+0300) and
    /// Cyrillic (U+0400–U+052F without U+0483–U+0487) are checked with two unsigned range compares per block, and only a
    /// block holding anything else (a dash, a currency sign) is looked at char by char. Per char this was ≈ 3 % of an
    /// import's CPU (issue #12, sixth session).
    /// </summary>
    internal static bool AllComposedStarters(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<ushort>.Count)
        {
            var chars = MemoryMarshal.Cast<char, ushort>(text);
            ref var first = ref MemoryMarshal.GetReference(chars);
            var latinEnd = Vector128.Create((ushort)0x0300);
            var cyrillicStart = Vector128.Create((ushort)0x0400);
            var cyrillicLength = Vector128.Create((ushort)(0x0530 - 0x0400));
            var marksStart = Vector128.Create((ushort)0x0483);
            var marksLength = Vector128.Create((ushort)(0x0488 - 0x0483));
            for (; i <= chars.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var block = Vector128.LoadUnsafe(ref first, (nuint)i);

                // Unsigned: a character below the range start wraps around to a large difference.
                var starters = Vector128.LessThan(block, latinEnd)
                    | Vector128.AndNot(Vector128.LessThan(block - cyrillicStart, cyrillicLength), Vector128.LessThan(block - marksStart, marksLength));
                if (starters != Vector128<ushort>.AllBitsSet && !AllComposedStartersOneByOne(text.Slice(i, Vector128<ushort>.Count)))
                {
                    return false;
                }
            }
        }

        return AllComposedStartersOneByOne(text[i..]);
    }

    private static bool AllComposedStartersOneByOne(ReadOnlySpan<char> text)
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
