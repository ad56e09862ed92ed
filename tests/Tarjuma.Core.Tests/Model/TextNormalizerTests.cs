using System.Globalization;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Model;

/// <summary>The NFC fast path must agree with the runtime's normalisation (ICU) on everything it lets through.</summary>
public sealed class TextNormalizerTests
{
    private static IEnumerable<char> FastChars() =>
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => TextNormalizer.IsComposedStarter(c));

    [Fact]
    public void Every_character_of_the_fast_path_is_in_NFC_and_no_combining_mark()
    {
        foreach (var c in FastChars())
        {
            var text = c.ToString();
            Assert.True(text.IsNormalized(NormalizationForm.FormC), $"U+{(int)c:X4} is not NFC on its own");
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            Assert.False(category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark, $"U+{(int)c:X4} is a combining mark");
        }
    }

    [Fact]
    public void No_character_of_the_fast_path_composes_with_the_one_before_it()
    {
        // A character that ends a canonical decomposition (é = e + U+0301) can compose with what precedes it.
        for (var code = 0; code <= 0x1FFFF; code++)
        {
            // Unassigned code points and noncharacters have no decomposition (the runtime refuses to normalise them).
            if (!Rune.IsValid(code) || Rune.GetUnicodeCategory(new Rune(code)) == UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            var decomposed = new Rune(code).ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Length >= 2)
            {
                var last = decomposed[^1];
                Assert.False(TextNormalizer.IsComposedStarter(last), $"U+{(int)last:X4} ends the decomposition of U+{code:X4}");
            }
        }
    }

    [Fact]
    public void The_block_check_agrees_with_the_check_of_each_character_for_every_character_at_every_place()
    {
        // Every UTF-16 code unit at each place of texts of 1 to 19 characters (under, at and past the 8- and 16-character
        // blocks), among Tajik letters and ASCII: the whole text passes exactly when that character passes on its own.
        const string filler = "Ҷаҳон қалъа ғарб ӯ ӣ, 1 234.";
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            var expected = TextNormalizer.IsComposedStarter(c);
            foreach (var length in new[] { 1, 7, 8, 9, 16, 19 })
            {
                var text = filler[..length].ToCharArray();
                foreach (var place in new[] { 0, length / 2, length - 1 })
                {
                    var saved = text[place];
                    text[place] = c;
                    Assert.True(expected == TextNormalizer.AllComposedStarters(text), $"U+{code:X4} at {place} of {length}");
                    text[place] = saved;
                }
            }
        }

        Assert.True(TextNormalizer.AllComposedStarters(filler + filler));
        Assert.True(TextNormalizer.AllComposedStarters(""));
    }

    [Theory]
    [InlineData("Зиндаги\u0304 хуш", "Зиндагӣ хуш")]
    [InlineData("Ду\u0304ст — “дӯст”", "Дӯст — “дӯст”")]
    [InlineData("Ҷаҳон Қалъа Ғарб Ҳисор ӯ ӣ: 1 234,5 сомонӣ", "Ҷаҳон Қалъа Ғарб Ҳисор ӯ ӣ: 1 234,5 сомонӣ")]
    [InlineData("\u212B and \u2126", "\u00C5 and \u03A9")]
    [InlineData("cafe\u0301", "café")]
    public void Text_comes_out_as_the_runtime_normalises_it(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.ToNfc(text));
        Assert.Equal(text.Normalize(NormalizationForm.FormC), TextNormalizer.ToNfc(text));
    }

    [Fact]
    public void Text_already_in_NFC_is_returned_as_the_same_string()
    {
        var text = "Ҷумҳурии Тоҷикистон – a “state” in Central Asia";

        Assert.Same(text, TextNormalizer.ToNfc(text));
    }
}
