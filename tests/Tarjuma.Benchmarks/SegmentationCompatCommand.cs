using System.Diagnostics;
using System.Globalization;
using Tarjuma.Core.Segmentation;
using Tarjuma.Evaluation.Segmentation;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Loads every third-party SRX file under <c>suites/srx</c> and runs the SRX engine suites
/// (srx-ruby on the SRX 2.0 sample, LanguageTool's own tests and golden rules with its rules).
/// </summary>
internal sealed class SegmentationCompatCommand : IBenchmarkCommand
{
    public string Name => "segmentation-compat";

    public string Description => "load third-party SRX files and run the SRX engine suites [--data DIR] [-v]";

    public Task<int> RunAsync(string[] args)
    {
        var data = SegmentationData.Root(args);
        var verbose = args.Contains("-v");
        var inv = CultureInfo.InvariantCulture;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(data, "suites", "srx"), "*.srx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var document = SrxDocument.LoadFile(file);
                var load = watch.Elapsed.TotalMilliseconds;
                var segmenter = Segmenter.Create(new SegmenterOptions { Language = "en", Rules = document });
                var spans = segmenter.Segment("Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? Yes: both are.");
                Console.WriteLine(string.Create(inv,
                    $"{Path.GetRelativePath(data, file)}: {document.LanguageRules.Sum(r => r.Rules.Count)} rules, load {load:F0} ms, "
                        + $"build {watch.Elapsed.TotalMilliseconds - load:F0} ms, en sample → {spans.Count} segments"));
            }
            catch (Exception ex) when (ex is Tarjuma.Core.Model.TarjumaException)
            {
                Console.WriteLine($"{Path.GetRelativePath(data, file)}: NOT LOADED: {ex.Message}");
            }
        }

        var srxRuby = Path.Combine(data, "suites", "segmentation", "srx-ruby", "engine_tests_on_srx20_sample.jsonl");
        var sample = SrxDocument.LoadFile(Path.Combine(data, "suites", "srx", "srx-spec", "srx-20-sample.srx"));
        Report("srx-ruby engine tests", SegmentationEvaluation.ReadGoldenCases(srxRuby), sample, verbose);

        var lt = SrxDocument.LoadFile(Path.Combine(data, "suites", "srx", "languagetool", "segment.srx"));
        Report("LanguageTool split tests", SegmentationEvaluation.ReadGoldenCases(Path.Combine(data, "suites", "segmentation", "srx-languagetool-ruby",
            "languagetool_split_tests.jsonl")), lt, verbose);
        Report("golden rules with LanguageTool SRX", SegmentationEvaluation.ReadGoldenCases(Path.Combine(data, "suites", "segmentation",
            "srx-languagetool-ruby", "golden_rules_with_languagetool_srx.jsonl")), lt, verbose);
        return Task.FromResult(0);
    }

    private static void Report(string name, IReadOnlyList<GoldenCase> cases, SrxDocument rules, bool verbose)
    {
        var all = SegmentationEvaluation.ScoreGoldenRules(cases, new SegmenterOptions { Language = "en", Rules = rules });
        var expectedToPass = SegmentationEvaluation.ScoreGoldenRules(cases, new SegmenterOptions { Language = "en", Rules = rules }, includeSkipped: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {all.Passed}/{all.Total} all cases; {expectedToPass.Passed}/{expectedToPass.Total} of those the reference engine passes"));
        if (verbose)
        {
            foreach (var f in expectedToPass.Failures)
            {
                Console.WriteLine($"    FAIL [{f.Case.SrxLanguage ?? f.Case.Language}] {f.Case.Name}: {f.Case.Text.Replace('\n', '⏎')}");
                Console.WriteLine($"       expected: {string.Join(" | ", f.Case.Expected.Select(e => e.Replace('\n', '⏎')))}");
                Console.WriteLine($"       actual:   {string.Join(" | ", f.Actual.Select(e => e.Replace('\n', '⏎')))}");
            }
        }
    }
}
