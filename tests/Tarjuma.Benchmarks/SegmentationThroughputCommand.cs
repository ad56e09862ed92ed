using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tarjuma.Core.Model;
using Tarjuma.Core.Segmentation;

namespace Tarjuma.Benchmarks;

/// <summary>
/// Quick single-thread throughput of the segmenter on a few MB of development text (the
/// ntrex-dev documents repeated, read at run time), beside a baseline measured in the same run:
/// a compiled <c>Regex.Split</c> on sentence punctuation. Also the OmegaT and LanguageTool SRX
/// files. MB are 10^6 bytes of UTF-8; allocations are per MB of input.
/// </summary>
internal sealed partial class SegmentationThroughputCommand : IBenchmarkCommand
{
    private const int CorpusChars = 4_000_000;

    public string Name => "segment-throughput";

    public string Description => "segmenter MB/s and allocations vs a Regex.Split baseline [--data DIR] [--seconds N] [--interleave ROUNDS]";

    public Task<int> RunAsync(string[] args)
    {
        var data = SegmentationData.Root(args);
        var secondsIndex = Array.IndexOf(args, "--seconds");
        var seconds = secondsIndex >= 0 ? double.Parse(args[secondsIndex + 1], CultureInfo.InvariantCulture) : 2.0;
        var interleaveIndex = Array.IndexOf(args, "--interleave");
        if (interleaveIndex >= 0)
        {
            Interleave(data, int.Parse(args[interleaveIndex + 1], CultureInfo.InvariantCulture));
            return Task.FromResult(0);
        }

        var omegat = SrxDocument.LoadFile(Path.Combine(data, "suites", "srx", "omegat", "defaultRules.srx"));
        var languageTool = SrxDocument.LoadFile(Path.Combine(data, "suites", "srx", "languagetool", "segment.srx"));
        foreach (var language in new[] { "tg", "en" })
        {
            var text = SegmentationData.Corpus(data, language, CorpusChars);
            var megabytes = Encoding.UTF8.GetByteCount(text) / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language}: {text.Length:N0} chars, {megabytes:F2} MB UTF-8"));
            var baseline = Measure("baseline Regex.Split", text, megabytes, seconds, () => SentenceEnd().Split(text).Length);
            var spans = new List<TextRange>(100_000);
            foreach (var (name, rules) in new[] { ("built-in tarjuma", (SrxDocument?)null), ("OmegaT defaultRules.srx", omegat), ("LanguageTool segment.srx",
                languageTool) })
            {
                var segmenter = Segmenter.Create(new SegmenterOptions { Language = language, Rules = rules });
                var rate = Measure(name, text, megabytes, seconds, () =>
                {
                    spans.Clear();
                    segmenter.Segment(text, spans);
                    return spans.Count;
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratio to baseline: {rate / baseline:F2}"));
            }
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// Baseline and built-in rules timed alternately, one pass each per round, so load from
    /// other processes hits both alike; the median of the per-round ratios is the figure to quote.
    /// </summary>
    private static void Interleave(string data, int rounds)
    {
        foreach (var language in new[] { "tg", "en" })
        {
            var text = SegmentationData.Corpus(data, language, CorpusChars);
            var megabytes = Encoding.UTF8.GetByteCount(text) / 1e6;
            var segmenter = Segmenter.Create(new SegmenterOptions { Language = language });
            var spans = new List<TextRange>(100_000);
            Func<int> builtIn = () =>
            {
                spans.Clear();
                segmenter.Segment(text, spans);
                return spans.Count;
            };
            Func<int> baseline = () => SentenceEnd().Split(text).Length;
            for (var i = 0; i < 10; i++)
            {
                builtIn();
                baseline();
            }

            var ratios = new List<double>();
            var builtInRates = new List<double>();
            var baselineRates = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var b = Time(baseline);
                var s = Time(builtIn);
                baselineRates.Add(megabytes / b);
                builtInRates.Add(megabytes / s);
                ratios.Add(b / s);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{language}: {megabytes:F2} MB, {rounds} rounds; median baseline {Median(baselineRates):F1} MB/s, built-in {Median(builtInRates):F1} "
                    + $"MB/s (best {builtInRates.Max():F1}); median ratio built-in/baseline {Median(ratios):F2} (min {ratios.Min():F2}, "
                        + $"max {ratios.Max():F2})"));
        }
    }

    private static double Time(Func<int> run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double Measure(string name, string text, double megabytes, double seconds, Func<int> run)
    {
        // Warm-up long enough for tiered JIT to reach optimised code (one call is not enough).
        var segments = 0;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 40 && (i < 3 || warm.Elapsed.TotalSeconds < 1); i++)
        {
            segments = run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var runs = 0;
        do
        {
            run();
            runs++;
        }
        while (watch.Elapsed.TotalSeconds < seconds);

        watch.Stop();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs;
        var rate = megabytes * runs / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-26} {rate,8:F1} MB/s  {allocated / megabytes,12:N0} B allocated/MB  {segments,7} segments  ({runs} runs)"));
        return rate;
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
