using System.Globalization;
using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Scores the built-in rules (or <c>--srx FILE</c>) on the development documents and the
/// golden-rule suites under <c>../shared/data</c>; <c>-v</c> lists every failure.
/// </summary>
internal sealed class SegmentationEvalCommand : IBenchmarkCommand
{
    public string Name => "segmentation-eval";

    public string Description => "segmentation F1 on ntrex-dev and golden-rule pass rates [--data DIR] [--srx FILE] [-v]";

    public Task<int> RunAsync(string[] args)
    {
        var data = SegmentationData.Root(args);
        var verbose = args.Contains("-v");
        var srxIndex = Array.IndexOf(args, "--srx");
        var rules = srxIndex >= 0 ? SrxDocument.LoadFile(args[srxIndex + 1]) : null;
        var inv = CultureInfo.InvariantCulture;

        foreach (var lang in new[] { "tg", "en" })
        {
            var path = Path.Combine(data, "ntrex-dev", $"segmentation.{lang}.jsonl");
            var result = SegmentationEvaluation.ScoreDocuments(
                SegmentationEvaluation.ReadDocuments(path),
                Segmenter.Create(new SegmenterOptions { Language = lang, Rules = rules }));
            var s = result.Score;
            Console.WriteLine(string.Create(inv,
                $"ntrex-dev {lang}: {result.Documents} docs  P={s.Precision:F4} R={s.Recall:F4} F1={s.F1:F4}  (tp {s.TruePositives}, "
                    + $"fp {s.FalsePositives}, fn {s.FalseNegatives})"));
            if (verbose)
            {
                foreach (var f in result.Failures)
                {
                    Console.WriteLine($"    {f.Kind,-8} {f.DocumentId}: {f.Context}");
                }
            }
        }

        var suites = new[]
        {
            "pragmatic_segmenter/en_golden_rules.jsonl",
            "pysbd/en_golden_rules.jsonl",
            "pragmatic_segmenter/ru_golden_rules.jsonl",
            "pragmatic_segmenter/kk_golden_rules.jsonl",
            "pysbd/kk_golden_rules.jsonl",
            "pragmatic_segmenter/ru_more.jsonl",
        };
        foreach (var suite in suites)
        {
            var path = Path.Combine(data, "suites", "segmentation", suite);
            Report(suite, SegmentationEvaluation.ReadGoldenCases(path), new SegmenterOptions { Language = "en", Rules = rules }, verbose);
        }

        var own = Path.Combine(SegmentationData.RepositoryRoot(), "tests", "Tarjuma.Core.Tests", "Data", "Segmentation", "tg_golden.jsonl");
        if (File.Exists(own))
        {
            Report("tests/.../tg_golden.jsonl", SegmentationEvaluation.ReadGoldenCases(own), new SegmenterOptions { Language = "tg", Rules = rules }, verbose);
        }

        return Task.FromResult(0);
    }

    private static void Report(string name, IReadOnlyList<GoldenCase> cases, SegmenterOptions options, bool verbose)
    {
        var result = SegmentationEvaluation.ScoreGoldenRules(cases, options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {result.Passed}/{result.Total} = {result.PassRate:P1} (suite marks {result.Skipped} as skip/xfail)"));
        if (verbose)
        {
            foreach (var f in result.Failures)
            {
                Console.WriteLine($"    FAIL {f.Case.Name}: {f.Case.Text.Replace('\n', '⏎')}");
                Console.WriteLine($"       expected: {string.Join(" | ", f.Case.Expected)}");
                Console.WriteLine($"       actual:   {string.Join(" | ", f.Actual)}");
            }
        }
    }
}
