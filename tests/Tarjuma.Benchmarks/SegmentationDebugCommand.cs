using System.Diagnostics;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Benchmarks;

internal sealed class SegmentationDebugCommand : IBenchmarkCommand
{
    public string Name => "segmentation-debug";

    public string Description => "print candidate scanners and per-run cost of the built-in rules";

    public Task<int> RunAsync(string[] args)
    {
        var lang = args.Length > 0 ? args[0] : "tg";
        var srxIndex = Array.IndexOf(args, "--srx");
        var doc = srxIndex >= 0 ? SrxDocument.LoadFile(args[srxIndex + 1]) : BuiltInRules.Default;
        var set = CompiledRuleSet.Build(doc, doc.RulesFor(lang));
        var checkIndex = Array.IndexOf(args, "--check-text");
        if (checkIndex >= 0)
        {
            return Task.FromResult(CheckEdges(doc, lang, args[checkIndex + 1]));
        }

        foreach (var s in set.Scanners)
        {
            var count = 0;
            for (var c = 0; c < 65536 && s.Key is not null; c++)
            {
                count += s.Key.Contains((char)c) ? 1 : 0;
            }

            Console.WriteLine($"scanner offset {s.Offset}, key {(s.Key is null ? "ALL POSITIONS" : count + " chars")}");
        }

        var text = SegmentationData.Corpus(SegmentationData.Root(args), lang, 1_000_000);
        var candidates = new List<int>();
        for (var p = 1; p < text.Length; p++)
        {
            if (text[p - 1] is '.' or '!' or '?' or '…' or '"' or '”' or '»')
            {
                candidates.Add(p);
            }
        }

        Console.WriteLine($"{candidates.Count} candidates in {text.Length} chars");
        foreach (var run in set.Runs)
        {
            var watch = Stopwatch.StartNew();
            var hits = 0;
            var admitted = 0;
            foreach (var p in candidates)
            {
                if (!CompiledRuleSet.AnyAdmits(run.Rules, text, p))
                {
                    continue;
                }

                admitted++;
                var lo = Math.Max(0, p - 256);
                var hi = Math.Min(text.Length, p + 256);
                if (run.IsMatch(text.AsSpan(lo, hi - lo), p - lo))
                {
                    hits++;
                }
            }

            Console.WriteLine(
                $"{run.Break} {watch.Elapsed.TotalMilliseconds:F1} ms admitted {admitted} "
                    + $"hits {hits}: {run.ToString()[..Math.Min(110, run.ToString().Length)]}");
        }

        return Task.FromResult(0);
    }

    /// <summary>Lists rules whose regex matches somewhere in the text where their edge checks say it cannot (must be none).</summary>
    private static int CheckEdges(SrxDocument doc, string lang, string text)
    {
        var wrong = 0;
        foreach (var rule in doc.RulesFor(lang).Distinct())
        {
            var t = doc.Translated(rule);
            var regex = new System.Text.RegularExpressions.Regex(
                @"\G(?<=" + (t.BeforeBreak.Length > 0 ? t.BeforeBreak : string.Empty) + ")(?=" + t.AfterBreak + ")");
            var checks = CompiledRuleSet.EdgeCheckOptions(t).Select(c => new CompiledRuleSet.RuleChecks(c, null)).ToArray();
            for (var p = 0; p <= text.Length; p++)
            {
                var admitted = CompiledRuleSet.AnyAdmits(checks, text, p);
                if (!admitted && regex.IsMatch(text, p))
                {
                    wrong++;
                    Console.WriteLine($"at {p}: {t.BeforeBreak} ‖ {t.AfterBreak}: {checks.Length} check lists");
                }
            }
        }

        Console.WriteLine($"{wrong} rule positions wrongly excluded");

        // Reference: every rule at every position, in order, first match decides (SRX 2.0 §2.5).
        var naive = new List<int>();
        var rules = doc.RulesFor(lang)
            .Select(r => (r.Break, Regex: new System.Text.RegularExpressions.Regex(
                @"\G(?<=" + doc.Translated(r).BeforeBreak + ")(?=" + doc.Translated(r).AfterBreak + ")")))
            .ToList();
        for (var p = 1; p < text.Length; p++)
        {
            var decided = rules.FirstOrDefault(r => r.Regex.IsMatch(text, p));
            if (decided.Regex is not null && decided.Break)
            {
                naive.Add(p);
            }
        }

        // Untrimmed segments cover the text: each one's end but the last is a break.
        var fast = Segmenter.Create(new SegmenterOptions { Language = lang, Rules = doc, LineBreaks = LineBreakMode.RulesOnly, TrimWhitespace = false })
            .Segment(text).Select(s => s.End).Where(end => end < text.Length).ToList();
        Console.WriteLine($"naive breaks: {string.Join(", ", naive)}; segmenter: {string.Join(", ", fast)}");
        return wrong == 0 ? 0 : 1;
    }

}
