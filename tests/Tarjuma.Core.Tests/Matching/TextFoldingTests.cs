using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Tests.Matching;

public sealed class TextFoldingTests
{
    public static TheoryData<string, string, string> Cases => MatchingData.Three("folding.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Folding_gives_the_golden_form(string name, string input, string expected)
    {
        Assert.True(expected == TextFolding.Fold(input), name);
    }

    [Fact]
    public void Folding_keeps_every_offset()
    {
        const string text = "«Раҳмон» — 5\u00A0000 нафар, country’s";
        Assert.Equal(text.Length, TextFolding.Fold(text).Length);
    }

    [Theory]
    [InlineData('ҳ', 'х')]
    [InlineData('Ҷ', 'Ч')]
    [InlineData('қ', 'к')]
    [InlineData('ғ', 'г')]
    [InlineData('ӣ', 'и')]
    [InlineData('Ӯ', 'У')]
    [InlineData('ж', 'ж')]
    public void Tajik_layer_maps_tajik_letters_to_russian_base_letters(char tajik, char russian)
    {
        Assert.Equal(russian, TextFolding.FoldTajikLetter(tajik));
    }

    [Fact]
    public void Look_alike_layer_changes_latin_letters_only_inside_cyrillic_words()
    {
        Assert.Equal('а', TextFolding.FoldLookAlike('a', cyrillicWord: true));
        Assert.Equal('a', TextFolding.FoldLookAlike('a', cyrillicWord: false));
        Assert.Equal('ӯ', TextFolding.FoldLookAlike('ȳ', cyrillicWord: false));
    }

    [Fact]
    public void Punctuation_layer_unifies_quotes_and_dashes_but_not_other_marks()
    {
        Assert.Equal('"', TextFolding.FoldPunctuation('«'));
        Assert.Equal('"', TextFolding.FoldPunctuation('”'));
        Assert.Equal('-', TextFolding.FoldPunctuation('—'));
        Assert.Equal(',', TextFolding.FoldPunctuation(','));
    }

    [Fact]
    public void Whitespace_layer_turns_no_break_spaces_into_spaces()
    {
        Assert.Equal(' ', TextFolding.FoldWhitespace('\u00A0'));
        Assert.Equal(' ', TextFolding.FoldWhitespace('\u202F'));
        Assert.Equal('x', TextFolding.FoldWhitespace('x'));
    }

    [Fact]
    public void Case_layer_lowers_cyrillic()
    {
        Assert.Equal('ҳ', TextFolding.FoldCase('Ҳ'));
    }

    [Fact]
    public void Case_layer_agrees_with_invariant_lower_case_on_every_bmp_character()
    {
        for (var c = '\0'; c < '\uFFFF'; c++)
        {
            Assert.Equal(char.ToLowerInvariant(c), TextFolding.FoldCase(c));
        }
    }
}
