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
                if (run.Regex.IsMatch(text.AsSpan(lo, hi - lo), p - lo))
                {
                    hits++;
                }
            }

            Console.WriteLine($"{run.Break} {watch.Elapsed.TotalMilliseconds:F1} ms admitted {admitted} hits {hits}: {run.Regex.ToString()[..Math.Min(110, run.Regex.ToString().Length)]}");
        }

        return Task.FromResult(0);
    }

}
