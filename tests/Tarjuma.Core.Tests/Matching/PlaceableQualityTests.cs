using Tarjuma.Evaluation.Matching;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>The placeable targets of issue #13: on our own sentences, and without a wrong adjusted suggestion on the development data.</summary>
public sealed class PlaceableQualityTests
{
    [Fact]
    public void Our_sentences_carry_placeables_over_in_both_directions()
    {
        var pairs = PlaceableEvaluation.ReadPairs(Path.Combine(AppContext.BaseDirectory, "Data", "Matching", "placeable-pairs.tsv"));

        var report = PlaceableEvaluation.Run(pairs);

        var summary = report.Format("placeable-pairs");
        Assert.True(report.Cases >= 100, summary);
        Assert.True(report.Rate >= 0.98, summary);
        Assert.True(report.WrongAdjusted == 0, summary);
        foreach (var kind in new[] { "number", "ordinal", "date", "time" })
        {
            foreach (var side in new[] { "tg", "en" })
            {
                Assert.Contains(report.Lines, l => l.Category == $"{kind} ({side})" && l.Cases >= 10);
            }
        }
    }

    [SkippableFact]
    public void Development_data_has_no_wrong_adjusted_suggestion()
    {
        var parallel = SharedData.Require("ntrex-dev/parallel.tsv");
        var pairs = File.ReadLines(parallel).Skip(1).Select(l => l.Split('\t')).Select(f => new QualityPair(f[1], f[2])).ToList();

        var report = PlaceableEvaluation.Run(pairs);

        Assert.True(report.Cases > 100 && report.WrongAdjusted == 0, report.Format("ntrex-dev"));
    }
}
