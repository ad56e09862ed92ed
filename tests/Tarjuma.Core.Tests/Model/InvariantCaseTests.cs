using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Model;

/// <summary>The table-driven lower case must give what the runtime's span lower case (ICU on Linux) gives.</summary>
public sealed class InvariantCaseTests
{
    [Fact]
    public void Every_character_lowers_as_the_runtime_lowers_it_in_a_span()
    {
        Span<char> expected = stackalloc char[3];
        Span<char> actual = stackalloc char[3];
        for (var code = 0; code <= char.MaxValue; code++)
        {
            // Between two Tajik capitals, so the character is lowered inside a text, not alone.
            ReadOnlySpan<char> text = ['Ҷ', (char)code, 'Ӯ'];
            text.ToLowerInvariant(expected);
            InvariantCase.ToLower(text, actual);
            Assert.True(expected.SequenceEqual(actual), $"U+{code:X4}");
        }
    }

    [Theory]
    [InlineData("ДУШАНБЕ ва Хуҷанд: ҒАРБ, ҚАЛЪА, ӢӮ")]
    [InlineData("Dr. MÜLLER's İstanbul ΣΟΦΙΑ")]
    [InlineData("Ҳисор 𐐀𐐁 Ⓐ")]
    [InlineData("")]
    public void Texts_lower_as_the_runtime_lowers_them(string text)
    {
        var expected = new char[text.Length];
        var actual = new char[text.Length + 2];
        text.AsSpan().ToLowerInvariant(expected);
        InvariantCase.ToLower(text, actual);
        Assert.Equal(new string(expected), new string(actual, 0, text.Length));
    }
}
