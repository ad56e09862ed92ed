using System.Collections.Immutable;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

public sealed class TokenizerTests
{
    public static TheoryData<string, string, string> Cases => MatchingData.Three("tokens.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokens_are_the_golden_ones(string name, string text, string expected)
    {
        var language = text.Any(c => c is >= 'а' and <= 'ӯ' or >= 'А' and <= 'Я') ? NumberConvention.DecimalComma : NumberConvention.DecimalPoint;
        var tokens = Tokenizer.Tokenize(new SegmentText(text), language);
        var rendered = string.Join('|', tokens.Select(t => $"{t.Kind}:{text.Substring(t.Start, t.Length)}"));
        Assert.True(expected == rendered, $"{name}: expected {expected}, got {rendered}");
    }

    [Fact]
    public void Inline_tags_become_tag_tokens_at_their_positions()
    {
        var tags = ImmutableArray.Create(new InlineTag(InlineTagKind.Begin, 4, "<bpt i=\"1\">&lt;b&gt;</bpt>"), new InlineTag(InlineTagKind.End, 9,
            "<ept i=\"1\">&lt;/b&gt;</ept>"));
        var tokens = Tokenizer.Tokenize(new SegmentText("Ман хона рафтам", tags), NumberConvention.DecimalComma);
        Assert.Equal([TokenKind.Word, TokenKind.Tag, TokenKind.Word, TokenKind.Tag, TokenKind.Word], tokens.Select(t => t.Kind));
        Assert.Equal(0, tokens[1].TagIndex);
        Assert.Equal(1, tokens[3].TagIndex);
    }

    [Fact]
    public void Same_value_written_differently_shares_the_value_key()
    {
        var grouped = Tokenizer.Tokenize(new SegmentText("5\u00A0000"), NumberConvention.DecimalComma)[0];
        var plain = Tokenizer.Tokenize(new SegmentText("5000"), NumberConvention.DecimalComma)[0];
        Assert.NotEqual(grouped.Exact, plain.Exact);
        Assert.Equal(grouped.Case, plain.Case);
    }

    [Fact]
    public void Russian_letters_give_the_same_folded_key_as_tajik_ones()
    {
        var tajik = Tokenizer.Tokenize(new SegmentText("Ҷумҳурӣ"), NumberConvention.DecimalComma)[0];
        var russian = Tokenizer.Tokenize(new SegmentText("Чумхури"), NumberConvention.DecimalComma)[0];
        Assert.NotEqual(tajik.Case, russian.Case);
        Assert.Equal(tajik.Fold, russian.Fold);
    }

    /// <summary>
    /// A word's keys come from tables below U+0530 and from the folding layers above it; either way they are the layers'
    /// (<see cref="TextFolding.Fold(string)"/> for the folded key) for every letter, beside Cyrillic letters and beside Latin ones.
    /// </summary>
    [Fact]
    public void Every_letters_keys_are_the_folding_layers_ones()
    {
        var checkedLetters = 0;
        for (var c = 1; c < 0x3000; c++)
        {
            // ʼ (U+02BC) is a letter that folds as an apostrophe inside a word, which TextFolding.Fold leaves to the word layer.
            if (!char.IsLetter((char)c) || char.IsSurrogate((char)c) || c == 'ʼ')
            {
                continue;
            }

            foreach (var word in new[] { "ба" + (char)c + "р", "ba" + (char)c + "r" })
            {
                var tokens = Tokenizer.Tokenize(new SegmentText(word), NumberConvention.DecimalComma);
                if (tokens is not [{ Kind: TokenKind.Word } token] || token.Length != word.Length)
                {
                    continue;
                }

                var caseKey = Fnv.Hash(string.Concat(word.Select(ch => TextFolding.FoldCase(TextFolding.FoldPunctuation(ch)))));
                Assert.True(caseKey == token.Case, $"case key of U+{c:X4} in {word}");
                Assert.True(Fnv.Hash(TextFolding.Fold(word)) == token.Fold, $"folded key of U+{c:X4} in {word}");
                checkedLetters++;
            }
        }

        Assert.True(checkedLetters > 2_000, $"only {checkedLetters} words checked");
    }

    [Fact]
    public void Very_long_runs_are_cut_into_bounded_tokens()
    {
        var text = new string('а', Tokenizer.MaxTokenLength * 3);
        var tokens = Tokenizer.Tokenize(new SegmentText(text), NumberConvention.DecimalComma);
        Assert.Equal(3, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(Tokenizer.MaxTokenLength, t.Length));
    }
}
