using Tarjuma.Core.Matching;

namespace Tarjuma.Core.Tests.Matching;

public sealed class NumberValueTests
{
    [Theory]
    [InlineData("1,2", NumberConvention.DecimalComma, "1.2")]
    [InlineData("1,200", NumberConvention.DecimalComma, "1.200")]
    [InlineData("1,200", NumberConvention.DecimalPoint, "1200")]
    [InlineData("1.2", NumberConvention.DecimalPoint, "1.2")]
    [InlineData("1.2", NumberConvention.DecimalComma, "1.2")]
    [InlineData("1.200", NumberConvention.DecimalComma, "1200")]
    [InlineData("5\u00A0000", NumberConvention.DecimalComma, "5000")]
    [InlineData("1,250,000.75", NumberConvention.DecimalPoint, "1250000.75")]
    [InlineData("1.250.000,75", NumberConvention.DecimalComma, "1250000.75")]
    public void Values_are_read_by_the_language_convention(string text, NumberConvention convention, string expected)
    {
        Assert.True(NumberValue.TryParse(text, convention, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value.Value);
    }

    [Theory]
    [InlineData("1,5", NumberConvention.DecimalComma, "1.2", NumberConvention.DecimalPoint, "1.5")]
    [InlineData("1.5", NumberConvention.DecimalPoint, "1,2", NumberConvention.DecimalComma, "1,5")]
    [InlineData("7\u00A0500", NumberConvention.DecimalComma, "5,000", NumberConvention.DecimalPoint, "7,500")]
    [InlineData("7,500", NumberConvention.DecimalPoint, "5\u00A0000", NumberConvention.DecimalComma, "7\u00A0500")]
    [InlineData("2024", NumberConvention.DecimalComma, "2023", NumberConvention.DecimalPoint, "2024")]
    public void A_value_is_written_in_the_style_of_the_target_token(string value, NumberConvention from, string template, NumberConvention to, string expected)
    {
        Assert.True(NumberValue.TryParse(value, from, out var parsed));
        Assert.True(NumberValue.TryParse(template, to, out var style));
        Assert.Equal(expected, NumberValue.Format(parsed, style, to));
    }

    [Fact]
    public void Digit_strings_longer_than_the_limit_are_not_values()
    {
        Assert.False(NumberValue.TryParse(new string('9', NumberValue.MaxDigits + 1), NumberConvention.DecimalPoint, out _));
    }
}
