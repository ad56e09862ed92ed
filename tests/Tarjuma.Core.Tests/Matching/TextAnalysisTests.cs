using System.Globalization;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>The one text analysis that matching and alignment share (<see cref="TextAnalysis"/>).</summary>
public sealed class TextAnalysisTests
{
    public static TheoryData<string, string, string, string> Cases => Four("analysis.tsv");

    public static TheoryData<string, string, string, string> Pairs => Four("analysis-pairs.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokens_and_values_are_the_golden_ones(string name, string language, string text, string expected)
    {
        var convention = language == "tg" ? NumberConvention.DecimalComma : NumberConvention.DecimalPoint;

        var rendered = string.Join('|', TextAnalysis.Tokenize(text, convention).Select(t => Render(text, t)));

        var want = MatchingData.Escape(expected);
        Assert.True(want == rendered, $"{name}: expected {want}, got {rendered}");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_same_value_written_in_either_language_has_one_key(string name, string tajik, string english, string expected)
    {
        var source = PlaceableKeys(tajik, NumberConvention.DecimalComma);
        var target = PlaceableKeys(english, NumberConvention.DecimalPoint);

        Assert.NotEmpty(source);
        Assert.True(source.SetEquals(target) == (expected == "same"), $"{name}: expected {expected}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analysis_reads_the_tokens_matching_reads(string name, string language, string text, string expected)
    {
        _ = expected;
        var convention = language == "tg" ? NumberConvention.DecimalComma : NumberConvention.DecimalPoint;

        var analysed = TextAnalysis.Tokenize(text, convention).Select(t => (t.Kind, t.Start, t.Length, t.Key));
        var matched = Tokenizer.Tokenize(new SegmentText(text), convention).Select(t => (t.Kind, t.Start, t.Length, Key: t.Case));

        Assert.True(matched.SequenceEqual(analysed), name);
    }

    [Fact]
    public void Number_key_is_the_key_of_a_number_token_of_that_value()
    {
        var grouped = TextAnalysis.Tokenize("2 024", NumberConvention.DecimalComma)[0];
        var decimals = TextAnalysis.Tokenize("2,50", NumberConvention.DecimalComma)[0];

        Assert.Equal(TextAnalysis.NumberKey(2024), grouped.Key);
        Assert.Equal(TextAnalysis.NumberKey(2.5m), decimals.Key);
        Assert.NotEqual(TextAnalysis.NumberKey(25), decimals.Key);
    }

    [Fact]
    public void Word_keys_fold_case_and_are_stable_across_calls()
    {
        var lower = TextAnalysis.Tokenize("душанбе", NumberConvention.DecimalComma)[0].Key;
        var upper = TextAnalysis.Tokenize("ДУШАНБЕ", NumberConvention.DecimalComma)[0].Key;
        var other = TextAnalysis.Tokenize("хуҷанд", NumberConvention.DecimalComma)[0].Key;

        Assert.Equal(lower, upper);
        Assert.NotEqual(lower, other);
        Assert.Equal(lower, TextAnalysis.Tokenize("душанбе", NumberConvention.DecimalComma)[0].Key);
    }

    [Fact]
    public void A_word_joiner_or_soft_hyphen_inside_a_word_leaves_its_key_unchanged()
    {
        var plain = TextAnalysis.Tokenize("Тоҷикистон", NumberConvention.DecimalComma)[0].Key;

        Assert.Equal(plain, TextAnalysis.Tokenize("Тоҷи\u2060кистон", NumberConvention.DecimalComma)[0].Key);
        Assert.Equal(plain, TextAnalysis.Tokenize("Тоҷи\u00ADкистон", NumberConvention.DecimalComma)[0].Key);
    }

    [Theory]
    [InlineData("апрели", 4)]
    [InlineData("апрел", 4)]
    [InlineData("Апрели", 4)]
    [InlineData("April", 4)]
    [InlineData("May", 5)]
    [InlineData("may", 0)]
    [InlineData("майдон", 0)]
    [InlineData("апрелҳо", 0)]
    public void Month_names_are_read_as_dates_read_them(string word, int month) => Assert.Equal(month, TextAnalysis.MonthOf(word));

    /// <summary>
    /// Month names are compared by a table of basic letters (issue #12: the runtime's ignore-case comparison at every word start was
    /// most of tokenising); any UTF-16 code unit at the first, second or last letter gives what an ordinal ignore-case comparison gives.
    /// </summary>
    [Fact]
    public void A_month_name_with_any_character_in_place_of_a_letter_is_read_as_an_ignore_case_comparison_reads_it()
    {
        string[] tajik = ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
        string[] english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        var chars = new char[12];
        foreach (var name in tajik.Concat(english))
        {
            foreach (var at in new[] { 0, 1, name.Length - 1 })
            {
                name.CopyTo(chars);
                for (var c = 0; c <= char.MaxValue; c++)
                {
                    chars[at] = (char)c;
                    var word = new string(chars, 0, name.Length);
                    var expected = Array.FindIndex(tajik, n => string.Equals(word, n, StringComparison.OrdinalIgnoreCase)) + 1;
                    if (expected == 0 && char.IsUpper(word[0]))
                    {
                        expected = Array.FindIndex(english, n => string.Equals(word, n, StringComparison.OrdinalIgnoreCase)) + 1;
                    }

                    if (TextAnalysis.MonthOf(word) != expected)
                    {
                        Assert.Fail($"'{word}' (U+{c:X4} at {at}): {TextAnalysis.MonthOf(word)}, expected {expected}");
                    }
                }
            }
        }
    }

    private static HashSet<ulong> PlaceableKeys(string text, NumberConvention convention) =>
        [.. TextAnalysis.Tokenize(MatchingData.Unescape(text), convention)
            .Where(t => t.Kind is not (TokenKind.Word or TokenKind.Punctuation))
            .Select(t => t.Key)];

    private static string Render(string text, TextToken token)
    {
        var head = $"{token.Kind}:{MatchingData.Escape(text.Substring(token.Start, token.Length))}";
        return token.Kind switch
        {
            TokenKind.Number => head + "=" + (token.Value is { } value ? Normalized(value) : "?"),
            TokenKind.Date => head + FormattableString.Invariant($"={token.Year}-{token.Month}-{token.Day}"),
            TokenKind.Ordinal => head + FormattableString.Invariant($"={token.Ordinal}"),
            TokenKind.Time => head + FormattableString.Invariant($"={token.Minutes / 60}:{token.Minutes % 60:00}"),
            _ => head,
        };
    }

    /// <summary>The value without trailing zeros: "2,50" reads 2.5.</summary>
    private static string Normalized(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static TheoryData<string, string, string, string> Four(string file)
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var fields in MatchingData.Rows(file, 4))
        {
            data.Add(fields[0], fields[1], fields[2], fields[3]);
        }

        return data;
    }
}
