using Tarjuma.CommandLine.Backends;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Proto = Tarjuma.Protos.V1;

namespace Tarjuma.Cli.Tests;

/// <summary>The fields a server sends that the commands' model must keep (what --server maps).</summary>
public sealed class RemoteResultsTests
{
    [Fact]
    public void A_match_keeps_the_ranges_whose_placeables_were_not_carried()
    {
        var match = new Proto.Match
        {
            Score = 90,
            RawScore = 90,
            Memory = "news",
            Unit = new Proto.TranslationUnit
            {
                Id = 7,
                Source = new Proto.Segment { Text = "Соли 2020." },
                Target = new Proto.Segment { Text = "The year 2020." }
            },
            Differences = { new Proto.TextRange { Start = 5, Length = 4 } },
            NotCarried = { new Proto.TextRange { Start = 5, Length = 4 } },
        };

        var mapped = RemoteResults.ToMatch(match);

        Assert.Equal([new TextRange(5, 4)], mapped.NotCarried);
        Assert.Equal([new TextRange(5, 4)], mapped.Differences);
        Assert.False(mapped.TargetAdjusted);
    }

    [Fact]
    public void An_import_summary_keeps_the_units_skipped_for_other_memories()
    {
        var response = new Proto.ImportTmxResponse
        {
            Read = 5,
            Added = 3,
            SkippedCount = 2,
            Skipped = { new Proto.SkippedUnits { Reason = "without de-DE", Count = 2 } },
        };

        var summary = RemoteResults.ToImportSummary(response);

        var skipped = Assert.Single(summary.Skipped);
        Assert.Equal("without de-DE", skipped.Reason);
        Assert.Equal(2, summary.SkippedCount);
    }

    [Fact]
    public void An_xliff_summary_reads_its_bands_by_name_in_any_order()
    {
        var summary = new Proto.XliffSummary
        {
            Version = "1.2",
            Segments = 3,
            FilledSegments = 1,
            Filled = { new Proto.Band { Name = "100", Segments = 1 } },
            Best = { new Proto.Band { Name = "no-match", Segments = 2 }, new Proto.Band { Name = "100", Segments = 1 } },
        };

        var mapped = RemoteResults.ToXliffSummary(summary);

        Assert.Equal(1, mapped.FilledByBand[(int)AnalysisBand.Exact]);
        Assert.Equal(2, mapped.BestByBand[(int)AnalysisBand.NoMatch]);
        Assert.Equal(1, mapped.BestByBand[(int)AnalysisBand.Exact]);
        Assert.Equal(1, mapped.FilledByBand.Sum());
        var error = Assert.Throws<TarjumaException>(() => RemoteResults.ToXliffSummary(new Proto.XliffSummary { Best = { new Proto.Band { Name = "99.5" } } }));
        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
    }

    [Fact]
    public void Abbreviations_keep_their_origins_and_derive_the_effective_list()
    {
        var abbreviations = new Proto.MemoryAbbreviations
        {
            Memory = "law",
            Learned = { new Proto.LearnedAbbreviation { Text = "мас", Score = 4.5, WithPeriod = 3 }, new Proto.LearnedAbbreviation { Text = "ш", Score = 0.4,
                WithPeriod = 2 } },
            Added = { "ҷ" },
            Removed = { "ш" },
            LearnedFromUnits = 12,
        };

        var mapped = RemoteResults.ToAbbreviations(abbreviations);

        Assert.Equal(["мас", "ш"], mapped.Learned.Select(a => a.Text));
        Assert.Equal(3, mapped.Learned[0].WithPeriod);
        Assert.Equal(12, mapped.LearnedFromUnits);
        Assert.Equal(["мас", "ҷ"], mapped.Effective.Order(StringComparer.Ordinal));
    }
}
