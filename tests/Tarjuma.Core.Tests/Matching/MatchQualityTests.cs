using Tarjuma.Evaluation.Matching;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Matching;

/// <summary>The quality targets on the public development data (skipped when it is absent).</summary>
public sealed class MatchQualityTests
{
    [SkippableFact]
    public void Development_data_meets_the_quality_targets()
    {
        var parallel = SharedData.Require("ntrex-dev/parallel.tsv");
        var udhrTajik = SharedData.Require("udhr/udhr_tgk.units.tsv");
        var udhrEnglish = SharedData.Require("udhr/udhr_eng.units.tsv");
        var pairs = File.ReadLines(parallel).Skip(1).Select(l => l.Split('\t')).Select(f => new QualityPair(f[1], f[2])).ToList();
        static List<string> Sentences(string path) =>
            File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length > 3 && f[3].Split(' ').Length >= 3).Select(f => f[3]).ToList();

        var report = MatchQualityEvaluation.Run(pairs, Sentences(udhrTajik), Sentences(udhrEnglish));

        Assert.True(report.RecallAt1 >= 0.99, report.Format());
        Assert.True(report.PlaceableCases > 100 && report.PlaceableRate >= 0.95, report.Format());
        Assert.True(report.UnrelatedQueries > 100 && report.UnrelatedRate <= 0.01, report.Format());
    }
}
