using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;
using Tarjuma.Tests;

namespace Tarjuma.Core.Tests.Segmentation;

/// <summary>
/// The golden suites as tests: our own Tajik cases one by one, and the shared suites and
/// development documents against the targets, so that a regression fails the build.
/// </summary>
public sealed class GoldenSuiteTests
{
    private static readonly string TajikGoldenPath = Path.Combine(AppContext.BaseDirectory, "Data", "Segmentation", "tg_golden.jsonl");

    public static TheoryData<string> TajikCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var golden in SegmentationEvaluation.ReadGoldenCases(TajikGoldenPath))
        {
            data.Add(golden.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TajikCaseNames))]
    public void Tajik_golden_case(string name)
    {
        var golden = SegmentationEvaluation.ReadGoldenCases(TajikGoldenPath).Single(c => c.Name == name);

        var actual = SegmentationEvaluation.Run(golden, new SegmenterOptions { Language = "tg" });

        Assert.Equal(golden.Expected, actual);
    }

    [Fact]
    public void Tajik_golden_suite_has_at_least_60_cases_covering_every_rule()
    {
        var lines = File.ReadAllLines(TajikGoldenPath).Where(l => l.Length > 0).ToList();
        var rules = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("rule").GetString()).ToHashSet();

        Assert.True(lines.Count >= 60, $"only {lines.Count} cases");
        string[] required =
        [
            "abbreviation", "initials", "numbers", "quotes", "quotation end", "dialogue", "ellipsis",
            "punctuation", "parentheses", "url", "email", "acronyms", "latin", "russian letters",
        ];
        Assert.All(required, r => Assert.Contains(r, rules));
    }

    [SkippableFact]
    public void English_golden_rules_pass_at_least_98_percent()
    {
        var result = Score("suites/segmentation/pragmatic_segmenter/en_golden_rules.jsonl");

        Assert.True(result.PassRate >= 0.98, Describe(result));
    }

    [SkippableFact]
    public void PySBD_English_golden_rules_pass_at_least_98_percent()
    {
        var result = Score("suites/segmentation/pysbd/en_golden_rules.jsonl");

        Assert.True(result.PassRate >= 0.98, Describe(result));
    }

    [SkippableFact]
    public void Russian_golden_rules_all_pass()
    {
        var result = Score("suites/segmentation/pragmatic_segmenter/ru_golden_rules.jsonl");

        Assert.True(result.Passed == result.Total, Describe(result));
    }

    [SkippableFact]
    public void Kazakh_golden_rules_pass_at_least_90_percent()
    {
        // A check on Cyrillic handling: the built-in rules have no Kazakh list; the one miss
        // ("кім? не?", a question mark before a lower-case word) is accepted.
        var result = Score("suites/segmentation/pragmatic_segmenter/kk_golden_rules.jsonl");

        Assert.True(result.PassRate >= 0.9, Describe(result));
    }

    [SkippableFact]
    public void Tajik_development_documents_reach_boundary_F1_0_995()
    {
        var result = ScoreDocuments("tg");

        Assert.True(result.Score.F1 >= 0.995, $"F1 {result.Score.F1:F4}: " + string.Join("; ", result.Failures.Select(f => f.Context)));
    }

    [SkippableFact]
    public void English_development_documents_reach_boundary_F1_0_998()
    {
        var result = ScoreDocuments("en");

        Assert.True(result.Score.F1 >= 0.998, $"F1 {result.Score.F1:F4}: " + string.Join("; ", result.Failures.Select(f => f.Context)));
    }

    private static GoldenEvaluation Score(string relative)
    {
        var path = SharedData.Require(relative);
        return SegmentationEvaluation.ScoreGoldenRules(SegmentationEvaluation.ReadGoldenCases(path), new SegmenterOptions { Language = "en" });
    }

    private static DocumentEvaluation ScoreDocuments(string language)
    {
        var path = SharedData.Require($"ntrex-dev/segmentation.{language}.jsonl");
        return SegmentationEvaluation.ScoreDocuments(
            SegmentationEvaluation.ReadDocuments(path),
            Segmenter.Create(new SegmenterOptions { Language = language }));
    }

    private static string Describe(GoldenEvaluation result) =>
        $"{result.Passed}/{result.Total}; failing: " + string.Join(" || ", result.Failures.Select(f => $"{f.Case.Name}: {string.Join(" | ", f.Actual)}"));
}
