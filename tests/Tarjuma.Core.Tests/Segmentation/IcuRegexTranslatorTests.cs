using System.Text.RegularExpressions;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Tests.Segmentation;

/// <summary>ICU and Java patterns behave in .NET as in their own engine.</summary>
public sealed class IcuRegexTranslatorTests
{
    [Theory]
    [InlineData(@"[\x{ff61}\x{3002}]+", "Icu", "。", true)]
    [InlineData(@"\Qa.b\E", "Icu", "a.b", true)]
    [InlineData(@"\Qa.b\E", "Icu", "axb", false)]
    [InlineData(@"\h", "Java", "\u00A0", true)]
    [InlineData(@"\h", "Java", "\n", false)]
    [InlineData(@"\v", "Java", "\u2028", true)]
    [InlineData(@"\s", "Java", "\u00A0", false)]
    [InlineData(@"(?U)\s", "Java", "\u00A0", true)]
    [InlineData(@"\s", "Icu", "\u00A0", true)]
    [InlineData(@"[\p{L}&&[^rwn]]", "Java", "r", false)]
    [InlineData(@"[\p{L}&&[^rwn]]", "Java", "s", true)]
    [InlineData(@"[a-z[0-9]]", "Java", "5", true)]
    [InlineData(@"[\p{Pe}\p{Po}-[,;]]", "Icu", ",", false)]
    [InlineData(@"[\p{Pe}\p{Po}-[,;]]", "Icu", ".", true)]
    [InlineData(@"\p{Punct}", "Java", "!", true)]
    [InlineData(@"\p{IsCyrillic}", "Java", "ҷ", true)]
    [InlineData(@"\p{InCyrillic}", "Java", "ӣ", true)]
    [InlineData(@"a++b", "Java", "aab", true)]
    [InlineData(@"(?iu)ҳ\.", "Java", "Ҳ.", true)]
    [InlineData(@"\ظ", "Java", "ظ", true)]
    [InlineData(@"[[:alpha:]]", "Java", "q", true)]
    public void Translated_pattern_matches_as_in_its_dialect(string pattern, string dialect, string input, bool matches)
    {
        var dotnet = IcuRegexTranslator.Translate(pattern, Enum.Parse<SrxRegexDialect>(dialect));

        Assert.Equal(matches, Regex.IsMatch(input, @"\A(?:" + dotnet + @")\z", RegexOptions.CultureInvariant));
    }

    [Theory]
    [InlineData(@"\X")]
    [InlineData(@"\p{NoSuchThing}")]
    [InlineData(@"[abc")]
    public void Unsupported_or_broken_patterns_throw_a_format_exception(string pattern)
    {
        Assert.Throws<FormatException>(() => IcuRegexTranslator.Translate(pattern, SrxRegexDialect.Icu));
    }
}
