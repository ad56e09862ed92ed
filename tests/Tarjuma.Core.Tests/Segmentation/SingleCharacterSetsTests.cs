using System.Text.RegularExpressions;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Core.Tests.Segmentation;

/// <summary>
/// The one-scan set of a one-character pattern equals the plain definition (the anchored pattern tried on
/// each code unit alone), for the atoms the built-in and user rules use and random alternations of them.
/// </summary>
public sealed class SingleCharacterSetsTests
{
    /// <summary>One-character atoms as <see cref="PatternShape"/> hands them over: classes, escapes, literals.</summary>
    private static readonly string[] Atoms =
    [
        ".", @"\.", "a", "K", "ӣ", "Ӯ", @"\p{L}", @"\p{Lu}", @"\p{Ll}", @"\P{L}", @"\p{IsCyrillic}", @"\d", @"\D", @"\s", @"\S",
        @"\w", @"\W", "[a-z]", "[A-Z]", "[^a-z]", @"[\p{Lu}\d]", @"[^\s\p{L}]", "[а-яё]", "[ӣӯҳқҷғ]", @"[.!?…]", @"[\u2019'""»)]",
        "[a-z-[aeiou]]", @"\u00AB", @"\x41", @"\t", @"\n", @"\cM", @"\060", "[Ⅰ-ↈ]", @"[\uD800-\uDFFF]", "(", "[(]", @"\)",
    ];

    public static TheoryData<string> EachAtom() => [.. Atoms];

    [Theory]
    [MemberData(nameof(EachAtom))]
    public void An_atom_gives_the_set_of_trying_each_code_unit(string atom)
    {
        if (atom == "(")
        {
            Assert.Throws<RegexParseException>(() => SingleCharacterSets.Matching(atom, RegexOptions.CultureInvariant));
            return;
        }

        foreach (var options in new[] { RegexOptions.CultureInvariant, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant })
        {
            Assert.Equal(SingleCharacterSets.MatchingOneByOne(atom, options), SingleCharacterSets.Matching(atom, options));
        }
    }

    [Fact]
    public void Random_alternations_give_the_set_of_trying_each_code_unit()
    {
        var random = new Random(12);
        var usable = Atoms.Where(a => a != "(").ToArray();
        for (var round = 0; round < 25; round++)
        {
            var alternation = string.Join('|', Enumerable.Range(0, random.Next(1, 6)).Select(_ => usable[random.Next(usable.Length)]));
            var options = RegexOptions.CultureInvariant | (random.Next(2) == 0 ? RegexOptions.IgnoreCase : RegexOptions.None);

            Assert.True(
                SingleCharacterSets.MatchingOneByOne(alternation, options) == SingleCharacterSets.Matching(alternation, options),
                $"{alternation} ({options})");
        }
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a|bc")]
    [InlineData("a?")]
    [InlineData("x*|y")]
    [InlineData(@"\b")]
    [InlineData("(?=a)")]
    public void Patterns_that_are_not_one_character_still_give_the_plain_set(string pattern)
    {
        Assert.Equal(
            SingleCharacterSets.MatchingOneByOne(pattern, RegexOptions.CultureInvariant),
            SingleCharacterSets.Matching(pattern, RegexOptions.CultureInvariant));
    }

    [Theory]
    [InlineData(@"\S", true)]
    [InlineData(@"/|\.|\S", true)]
    [InlineData(@"[\p{L}\p{N}._%+\-]|@", true)]
    [InlineData(@"[ \t]|[^\s•⁃▪◦]", true)]
    [InlineData(@"['""»”’)\]]|[.!?…]", true)]
    [InlineData(@"\p{IsCyrillic}|ӣ|\P{Lu}|.", true)]
    [InlineData(@"[|]|\|", true)]
    [InlineData("ab", false)]
    [InlineData("a|", false)]
    [InlineData("|a", false)]
    [InlineData("a?", false)]
    [InlineData(@"\b", false)]
    [InlineData(@"\x41", false)]
    [InlineData(@"\u00AB", false)]
    [InlineData(@"\cM", false)]
    [InlineData(@"\1", false)]
    [InlineData("[a-z-[aeiou]]", false)]
    [InlineData("[]a]", false)]
    [InlineData("[a", false)]
    [InlineData(@"[a\]", false)]
    [InlineData("(?:a)", false)]
    [InlineData("😀", false)]
    [InlineData(" ", false)]
    [InlineData(@"\", false)]
    public void Only_options_that_are_one_code_unit_by_their_syntax_are_scanned_as_runs(string alternation, bool oneUnit)
    {
        Assert.Equal(oneUnit, SingleCharacterSets.IsOneUnitAlternation(alternation));
        if (oneUnit)
        {
            foreach (var options in new[] { RegexOptions.CultureInvariant, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant })
            {
                Assert.Equal(SingleCharacterSets.MatchingOneByOne(alternation, options), SingleCharacterSets.Matching(alternation, options));
            }
        }
    }

    [Fact]
    public void All_chars_holds_every_code_unit_at_its_own_index()
    {
        var all = SingleCharacterSets.AllChars;

        Assert.Equal(char.MaxValue + 1, all.Length);
        Assert.All(new[] { 0, 46, 1_179, 0xD800, 0xFFFF }, c => Assert.Equal(c, all[c]));
    }
}
