using System.Collections.Immutable;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

public sealed class PlaceableTransferTests
{
    private static MatchCandidate Best(MemoryIndex index, string query) => index.Search(MatchQuery.Plain(query), new MatchOptions { MinScore = 50 })[0];

    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (var fields in MatchingData.Rows("placeables.tsv", 8))
        {
            data.Add(fields[0]);
        }

        return data;
    }

    private static string[] Golden(string name) => MatchingData.Rows("placeables.tsv", 8).Single(f => f[0] == name);

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Golden_transfer(string name)
    {
        var f = Golden(name);
        var side = f[1] == "tg" ? MemorySide.Source : MemorySide.Target;
        using var index = TestMemory.Index(side, TestMemory.Unit(1, f[2], f[3]));
        var query = f[4];
        var match = Best(index, query);
        var notCarried = string.Join('|', match.NotCarriedRanges.Select(r => query.Substring(r.Start, r.Length)));
        var rendered =
            $"{match.SuggestedTarget.Text} | adjusted {(match.TargetAdjusted ? "yes" : "no")} | not carried {(notCarried.Length == 0 ? "-" : notCarried)}";
        Assert.True(rendered == $"{f[5]} | adjusted {f[6]} | not carried {f[7]}", $"{name}: got {rendered}");
    }

    [Fact]
    public void A_changed_year_is_carried_into_the_target()
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, "Мактаб соли 2023 сохта шуд.", "The school was built in 2023."));
        var match = Best(index, "Мактаб соли 2024 сохта шуд.");
        Assert.Equal("The school was built in 2024.", match.SuggestedTarget.Text);
        Assert.Equal("The school was built in 2023.", match.Target.Text);
        Assert.True(match.TargetAdjusted);
    }

    [Fact]
    public void A_tajik_decimal_comma_becomes_an_english_decimal_point()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        var match = Best(index, "Даромади ширкат 1,5 млрд. сомонӣ шуд.");
        Assert.Equal("The company's revenue was 1.5 billion somoni.", match.SuggestedTarget.Text);
        Assert.True(match.TargetAdjusted);
    }

    [Fact]
    public void An_english_decimal_point_becomes_a_tajik_decimal_comma_in_reverse_lookup()
    {
        using var index = TestMemory.Index(MemorySide.Target, TestMemory.News());
        var match = Best(index, "The company's revenue was 2.7 billion somoni.");
        Assert.Equal("Даромади ширкат 2,7 млрд. сомонӣ шуд.", match.SuggestedTarget.Text);
    }

    [Fact]
    public void Grouped_thousands_keep_the_target_grouping()
    {
        using var index = TestMemory.Tajik(TestMemory.Unit(1, "Ба озмун 5\u00A0000 нафар омаданд.", "5,000 people came to the contest."));
        var match = Best(index, "Ба озмун 12\u00A0500 нафар омаданд.");
        Assert.Equal("12,500 people came to the contest.", match.SuggestedTarget.Text);
    }

    [Fact]
    public void Dates_urls_and_emails_are_carried_over()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        Assert.Equal("The meeting takes place on 15.05.2025.", Best(index, "Ҷаласа санаи 15.05.2025 баргузор мешавад.").SuggestedTarget.Text);
        Assert.Equal("More information is at https://example.tj/sport.", Best(index,
            "Маълумоти бештар дар https://example.tj/sport ҷойгир аст.").SuggestedTarget.Text);
    }

    [Fact]
    public void Same_numbers_leave_the_target_unchanged()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        var match = Best(index, "соли 2023 дар шаҳр се мактаб сохта шуд");
        Assert.False(match.TargetAdjusted);
        Assert.Same(match.Target, match.SuggestedTarget);
    }

    [Fact]
    public void Changed_tag_content_is_carried_into_the_target_tags()
    {
        var sourceTags = ImmutableArray.Create(new InlineTag(InlineTagKind.Placeholder, 4, "<ph x=\"1\">&lt;img src=\"a.png\"/&gt;</ph>"));
        var targetTags = ImmutableArray.Create(new InlineTag(InlineTagKind.Placeholder, 4, "<ph x=\"1\">&lt;img src=\"a.png\"/&gt;</ph>"));
        var unit = new TranslationUnit
        {
            Id = 1,
            Source = new SegmentText("Расм дар саҳифа", sourceTags),
            Target = new SegmentText("The picture on the page",
            targetTags)
        };
        using var index = TestMemory.Tajik(unit);
        var queryTags = ImmutableArray.Create(new InlineTag(InlineTagKind.Placeholder, 4, "<ph x=\"1\">&lt;img src=\"b.png\"/&gt;</ph>"));
        var match = index.Search(new MatchQuery(new SegmentText("Расм дар саҳифа", queryTags)))[0];
        Assert.True(match.TargetAdjusted);
        Assert.Equal(queryTags[0].Xml, match.SuggestedTarget.Tags[0].Xml);
        Assert.Equal(4, match.SuggestedTarget.Tags[0].Position);
    }

    [Fact]
    public void Tags_after_a_longer_number_move_with_the_text()
    {
        var targetTags = ImmutableArray.Create(new InlineTag(InlineTagKind.Placeholder, 12, "<ph x=\"1\"/>"));
        var unit = new TranslationUnit { Id = 1, Source = SegmentText.Plain("Нарх 9 сомонӣ"), Target = new SegmentText("The price 9 somoni", targetTags) };
        using var index = TestMemory.Tajik(unit);
        var match = Best(index, "Нарх 1200 сомонӣ");
        Assert.Equal("The price 1200 somoni", match.SuggestedTarget.Text);
        Assert.Equal(15, match.SuggestedTarget.Tags[0].Position);
    }
}
