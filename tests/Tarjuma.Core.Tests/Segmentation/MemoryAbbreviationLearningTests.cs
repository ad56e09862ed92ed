using Tarjuma.Core.Segmentation.Learning;

namespace Tarjuma.Core.Tests.Segmentation;

public sealed class MemoryAbbreviationLearningTests
{
    private static MemoryAbbreviations LearnedFrom(long units) => new("law", [], [], [], units);

    [Theory]
    [InlineData(0, 1, true)]        // never learned: any unit is reason to learn
    [InlineData(0, 0, false)]       // an empty memory
    [InlineData(1_000, 1_150, false)] // grown by less than 200 units
    [InlineData(1_000, 1_200, true)]
    [InlineData(10_000, 10_999, false)] // grown by less than 10 %
    [InlineData(10_000, 11_000, true)]
    [InlineData(5_000, 4_000, false)]  // shrunk
    [InlineData(MemoryAbbreviationLearning.MaxUnits, MemoryAbbreviationLearning.MaxUnits * 2, false)]
    public void A_memory_is_learned_again_after_it_grows_by_a_tenth_and_two_hundred_units(long learnedFrom, long units, bool due)
    {
        Assert.Equal(due, MemoryAbbreviationLearning.IsDue(LearnedFrom(learnedFrom), units));
    }

    [Fact]
    public void Removed_entries_are_not_used_even_when_learned()
    {
        var abbreviations = new MemoryAbbreviations("law", [new LearnedAbbreviation("ш", 2, 5, 0, 1), new LearnedAbbreviation("мас", 3, 5, 0, 1)], ["га"],
            ["ш"], 10);

        Assert.Equal(["га", "мас"], abbreviations.Effective);
    }
}
