using Tarjuma.Core.Model;

namespace Tarjuma.Core.Tests.Matching;

public sealed class ConcordanceTests
{
    [Fact]
    public void Russian_letters_find_the_tajik_spelling_with_its_range()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        var page = index.Concordance("Рахмон");
        var hit = Assert.Single(page.Hits);
        Assert.Equal(9, hit.UnitId);
        var range = Assert.Single(hit.Ranges);
        Assert.Equal("Раҳмон", hit.Text.Text.Substring(range.Start, range.Length));
        Assert.Equal("Emomali Rahmon went on a working visit.", hit.Translation.Text);
    }

    [Fact]
    public void A_phrase_is_found_case_insensitively_and_the_last_word_may_be_a_beginning()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        Assert.Equal(9, Assert.Single(index.Concordance("ба сафари ко").Hits).UnitId);
        Assert.Equal(8, Assert.Single(index.Concordance("милали муттаҳид").Hits).UnitId);
        Assert.Empty(index.Concordance("милали шарқ").Hits);
    }

    [Fact]
    public void A_month_name_inside_a_date_placeable_is_found()
    {
        using var index = TestMemory.Tajik(
            TestMemory.Unit(1, "Созишнома 15-уми марти соли 2023 ба имзо расид.", "The agreement was signed on 15 March 2023."),
            TestMemory.Unit(2, "Дар моҳи март ҳаво гарм шуд.", "It got warm in March."));
        Assert.Equal([1], index.Concordance("марти").Hits.Select(h => h.UnitId));
        Assert.Equal([1], index.Concordance("марти соли").Hits.Select(h => h.UnitId));
        Assert.Equal([1, 2], index.Concordance("мар").Hits.Select(h => h.UnitId).Order());
    }

    [Fact]
    public void Target_side_concordance_searches_translations()
    {
        using var index = TestMemory.Index(MemorySide.Target, TestMemory.News());
        var hit = Assert.Single(index.Concordance("united nations").Hits);
        Assert.Equal("Ташкилоти Милали Муттаҳид ҳисобот нашр кард.", hit.Translation.Text);
    }

    [Fact]
    public void Pages_split_the_hits_and_the_total_counts_them_all()
    {
        using var index = TestMemory.Tajik(Enumerable.Range(1, 25).Select(i => TestMemory.Unit(i, $"Мактаби рақами {i} кушода шуд.",
            $"School number {i} opened.")).ToArray());
        var first = index.Concordance("мактаби", skip: 0, take: 10);
        var last = index.Concordance("мактаби", skip: 20, take: 10);
        Assert.Equal(25, first.Total);
        Assert.Equal(10, first.Hits.Count);
        Assert.Equal(5, last.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.UnitId).Intersect(last.Hits.Select(h => h.UnitId)));
    }

    [Fact]
    public void A_phrase_inside_a_word_is_not_a_hit()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        Assert.Empty(index.Concordance("мон").Hits);
    }

    [Fact]
    public void Too_short_a_phrase_is_rejected()
    {
        using var index = TestMemory.Tajik(TestMemory.News());
        Assert.Equal("phrase", Assert.Throws<TarjumaException>(() => index.Concordance("а")).Field);
    }
}
