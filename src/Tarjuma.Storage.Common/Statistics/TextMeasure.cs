using System.Globalization;
using System.Text;

namespace Tarjuma.Storage.Common.Statistics;

/// <summary>Word and character counts for memory statistics.</summary>
internal static class TextMeasure
{
    /// <summary>
    /// Words are maximal runs of letters and digits (Unicode categories L* and Nd/Nl/No); a
    /// combining mark continues a word but does not start one, so a decomposed Tajik и + U+0304
    /// stays inside its word. Apostrophes, hyphens and punctuation separate words.
    /// </summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            text = text[consumed..];
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else if (!(inWord && category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                inWord = false;
            }
        }

        return words;
    }

    /// <summary>Characters as analysis counts them (<see cref="Core.Model.CharacterCount"/>): scalar values, white space excluded.</summary>
    public static int CountCharacters(ReadOnlySpan<char> text) => Core.Model.CharacterCount.Count(text);
}
