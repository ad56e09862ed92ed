using Google.Protobuf.WellKnownTypes;
using Tarjuma.Protos.V1;
using Tarjuma.WebConsole.Session;
using Tarjuma.WebConsole.Text;
using Tarjuma.WebConsole.Views;

namespace Tarjuma.WebConsole.Tests;

/// <summary>The console's logic without a browser: what the components render from.</summary>
public sealed class LogicTests
{
    [Fact]
    public void Ranges_cut_the_text_into_marked_and_plain_pieces()
    {
        var pieces = Highlight.Pieces("Раҳмон гуфт, ки Раҳмон", [new TextRange { Start = 16, Length = 6 }, new TextRange { Start = 0, Length = 6 }]);

        Assert.Equal(
            [new TextPiece("Раҳмон", true), new TextPiece(" гуфт, ки ", false), new TextPiece("Раҳмон", true)],
            pieces);
    }

    [Fact]
    public void Ranges_outside_the_text_are_clamped_not_thrown()
    {
        var pieces = Highlight.Pieces("абв", [new TextRange { Start = 2, Length = 40 }, new TextRange { Start = -5, Length = 1 }]);

        Assert.Equal([new TextPiece("аб", false), new TextPiece("в", true)], pieces);
        Assert.Empty(Highlight.Pieces("", [new TextRange { Start = 0, Length = 3 }]));
    }

    [Fact]
    public void Carried_placeables_are_the_suggestion_words_the_stored_target_lacks()
    {
        var pieces = Highlight.Changed("Page 12 of 40", "Page 7 of 40");

        Assert.Equal([new TextPiece("Page ", false), new TextPiece("12", true), new TextPiece(" of 40", false)], pieces);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(20, 20)]
    [InlineData(21, 50)]
    [InlineData(999, 1000)]
    [InlineData(1001, 2000)]
    public void Axis_top_is_the_next_round_number(long value, long expected) => Assert.Equal(expected, BarChart.NiceCeiling(value));

    [Fact]
    public void Bars_are_scaled_to_the_axis_and_stand_on_the_baseline()
    {
        var chart = BarChart.Layout([("100", 50), ("95-99", 25), ("no-match", 0)]);

        Assert.Equal(50, chart.AxisMax);
        Assert.Equal(BarChart.PlotHeight, chart.Bars[0].Height, 6);
        Assert.Equal(BarChart.PlotHeight / 2, chart.Bars[1].Height, 6);
        Assert.Equal(0, chart.Bars[2].Height);
        Assert.All(chart.Bars, bar => Assert.Equal(BarChart.Top + BarChart.PlotHeight, bar.Y + bar.Height, 6));
        Assert.True(chart.Bars[0].X + chart.Bars[0].Width <= chart.Bars[1].X, "bars overlap");
    }

    [Fact]
    public void An_empty_or_all_zero_chart_has_no_division_by_zero()
    {
        Assert.Empty(BarChart.Layout([]).Bars);
        Assert.All(BarChart.Layout([("a", 0), ("b", 0)]).Bars, bar => Assert.Equal(0, bar.Height));
    }

    [Fact]
    public void Csv_has_a_header_every_band_and_the_total_with_invariant_numbers()
    {
        var analysis = new AnalyzeResponse
        {
            Bands = { new Band { Name = "100", Segments = 2, Words = 1234, Characters = 5678 }, new Band { Name = "no-match", Segments = 1, Words = 3,
                Characters = 9 } },
            Total = new Band { Name = "total", Segments = 3, Words = 1237, Characters = 5687 },
        };

        Assert.Equal("band,segments,words,characters\r\n100,2,1234,5678\r\nno-match,1,3,9\r\ntotal,3,1237,5687\r\n", AnalysisCsv.Write(analysis));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Csv_fields_are_quoted_as_rfc_4180_says(string value, string expected) => Assert.Equal(expected, AnalysisCsv.Field(value));

    [Theory]
    [InlineData(false, new[] { "news:read" }, "news", false, true)]
    [InlineData(false, new[] { "news:read" }, "news", true, false)]
    [InlineData(false, new[] { "news:write" }, "news", true, true)]
    [InlineData(false, new[] { "*:write" }, "legal", true, true)]
    [InlineData(false, new[] { "legal:write" }, "news", false, false)]
    [InlineData(false, new[] { "News:write" }, "news", true, false)]
    [InlineData(true, new string[0], "news", true, true)]
    public void Grants_decide_the_controls_as_the_server_decides_calls(bool admin, string[] grants, string memory, bool write, bool expected)
    {
        var key = new ApiKeyInfo { Admin = admin, Grants = { grants } };

        Assert.Equal(expected, KeyGrants.Allows(key, memory, write));
    }

    [Fact]
    public void Duplicates_are_same_source_with_different_targets_only()
    {
        TranslationUnit Unit(long id, string source, string target) => new()
        {
            Id = id,
            Source = new Segment { Text = source },
            Target = new Segment { Text = target }
        };

        var groups = Duplicates.Group([Unit(1, "Салом.", "Hello."), Unit(2, "Салом.", "Hi."), Unit(3, "Ҳа.", "Yes."), Unit(4, "Ҳа.", "Yes."), Unit(5, "Не.",
            "No.")]);

        var group = Assert.Single(groups);
        Assert.Equal("Салом.", group.Source);
        Assert.Equal([1L, 2L], group.Units.Select(u => u.Id));
    }

    [Fact]
    public void Activity_counts_every_month_between_the_first_and_last_and_ranks_contributors()
    {
        TranslationUnit Unit(string by, int year, int month) => new()
        {
            CreatedBy = by,
            CreatedAt = Timestamp.FromDateTime(new DateTime(year, month, 15, 12, 0, 0, DateTimeKind.Utc)),
        };

        var activity = MemoryActivity.Summarize([Unit("dilnoza", 2025, 11), Unit("dilnoza", 2026, 1), Unit("farid", 2026, 1)], complete: true);

        Assert.Equal([(new DateOnly(2025, 11, 1), 1L), (new DateOnly(2025, 12, 1), 0L), (new DateOnly(2026, 1, 1), 2L)], activity.AddedPerMonth);
        Assert.Equal([("dilnoza", 2L), ("farid", 1L)], activity.Contributors);
        Assert.Equal(3, activity.Scanned);
    }

    [Fact]
    public void A_download_ticket_is_served_once_and_not_after_it_expires()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-30T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tickets = new DownloadTickets(time);

        var once = tickets.Add([1, 2, 3], "application/x-tmx+xml", "news.tmx")[DownloadTickets.PathPrefix.Length..];
        var reusable = tickets.Add([4], "text/csv", "analysis.csv", reusable: true)[DownloadTickets.PathPrefix.Length..];
        var late = tickets.Add([5], "text/csv", "late.csv", reusable: true)[DownloadTickets.PathPrefix.Length..];

        Assert.Equal("news.tmx", tickets.Take(once)?.FileName);
        Assert.Null(tickets.Take(once));
        Assert.NotNull(tickets.Take(reusable));
        Assert.NotNull(tickets.Take(reusable));
        Assert.Null(tickets.Take("0123456789abcdef0123456789abcdef"));
        time.Now += DownloadTickets.Lifetime;
        Assert.Null(tickets.Take(late));
        Assert.Equal(32, once.Length);
    }

    [Fact]
    public void Every_interface_string_has_a_tajik_translation()
    {
        var properties = typeof(ConsoleText).GetProperties().Where(p => p.PropertyType == typeof(string));
        var untranslated = properties
            .Where(p => string.IsNullOrWhiteSpace((string?)p.GetValue(ConsoleText.Tajik)))
            .Select(p => p.Name);

        Assert.Empty(untranslated);
        // Placeholders must survive translation, or string.Format throws on the Tajik page.
        var placeholders = properties.Where(p => Placeholders((string)p.GetValue(ConsoleText.English)!) != Placeholders((string)p.GetValue(ConsoleText.Tajik)!))
            .Select(p => p.Name);
        Assert.Empty(placeholders);
    }

    [Fact]
    public void Xliff_is_told_from_text_by_content()
    {
        Assert.True(DocumentKind.IsXliff("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">"u8));
        Assert.False(DocumentKind.IsXliff("Салом, ҷаҳон."u8));
    }

    private static string Placeholders(string text) =>
        string.Concat(System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Order(StringComparer.Ordinal));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
