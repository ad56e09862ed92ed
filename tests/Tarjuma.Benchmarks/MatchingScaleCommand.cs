using System.Diagnostics;
using System.Globalization;
using Tarjuma.Core.Matching;
using Tarjuma.Core.Model;
using Tarjuma.Evaluation.Matching;

namespace Tarjuma.Benchmarks;

/// <summary>
/// <c>match-scale [units] [recall-queries]</c>: builds the index of a generated memory
/// (<see cref="MatchingMemoryGenerator"/>, default 1,000,000 units) and prints build time, single
/// lookup latency at min score 70 (long and short queries apart), streaming throughput on all
/// cores, resident memory, and recall of the index against the exhaustive scan at min score 50
/// with both timed in the same run. Queries are NTREX sentences edited as in the quality report
/// and windows of 3–6 words.
/// </summary>
internal sealed class MatchingScaleCommand : IBenchmarkCommand
{
    private static readonly LanguageTag Tajik = LanguageTag.Parse("tg", "language");
    private static readonly LanguageTag English = LanguageTag.Parse("en", "language");

    public string Name => "match-scale";

    public string Description => "Matching at scale: build, p50/p99 lookup, throughput, RSS, recall vs exhaustive scan.";

    public async Task<int> RunAsync(string[] args)
    {
        var units = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var recallQueries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var root = MatchingData.Root();
        if (root is null)
        {
            Console.Error.WriteLine("../shared/data not found (set TARJUMA_SHARED_DATA).");
            return 1;
        }

        var basePairs = MatchingMemoryGenerator.LoadBase(root);
        var generator = new MatchingMemoryGenerator(basePairs);
        var ntrex = MatchingData.NtrexPairs(root);
        var (longQueries, shortQueries) = Queries(ntrex);
        Console.WriteLine(
            $"memory: {units:N0} generated units from {generator.BasePairs:N0} real pairs; queries: {longQueries.Count} long, {shortQueries.Count} short");

        var clock = Stopwatch.StartNew();
        var generated = 0L;
        foreach (var unit in generator.Generate(units))
        {
            generated += unit.Source.Text.Length;
        }

        var generation = clock.Elapsed;
        clock.Restart();
        using var index = await MemoryIndex.BuildAsync(generator.GenerateAsync(units), Tajik, English, MemorySide.Source).ConfigureAwait(false);
        var build = clock.Elapsed - generation;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var rss = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine(
            $"index build: {build.TotalSeconds:F1} s (generating the units alone: {generation.TotalSeconds:F1} s, subtracted); managed "
                + $"heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB; RSS {rss / 1048576.0:F0} MiB");

        var options70 = new MatchOptions { MinScore = 70 };
        foreach (var q in longQueries.Take(50))
        {
            index.Search(q, options70);
        }

        var (longP50, longP99, longHits, longCpu) = Latency(index, longQueries, options70);
        var (shortP50, shortP99, shortHits, shortCpu) = Latency(index, shortQueries, options70);
        Console.WriteLine(
            $"lookup, min 70, long  ({longQueries.Count}): p50 {longP50:F3} ms, p99 {longP99:F3} ms, mean CPU time {longCpu:F3} ms, with a "
                + $"match {longHits:P0}");
        Console.WriteLine(
            $"lookup, min 70, short ({shortQueries.Count}): p50 {shortP50:F3} ms, p99 {shortP99:F3} ms, mean CPU time {shortCpu:F3} ms, with a "
                + $"match {shortHits:P0}");
        Console.WriteLine($"(wall-clock percentiles include waiting for a core: load average now {LoadAverage()})");

        // The cost of block moves (issue #13): the same queries scored by the plain edit distance, same run.
        var (_, _, _, plainLongCpu) = Latency(index, longQueries, options70 with { BlockMoves = false });
        var (_, _, _, movesLongCpu) = Latency(index, longQueries, options70);
        Console.WriteLine(
            $"long queries, mean CPU time: with block moves {movesLongCpu:F3} ms, plain edit distance {plainLongCpu:F3} ms "
                + $"(ratio {movesLongCpu / plainLongCpu:F2})");

        var options50 = new MatchOptions { MinScore = 50, MaxResults = 1 };
        var recallSet = longQueries.Take(recallQueries / 2).Concat(shortQueries.Take(recallQueries - (recallQueries / 2))).ToList();
        var indexed = new IReadOnlyList<MatchCandidate>[recallSet.Count];
        var exhaustive = new IReadOnlyList<MatchCandidate>[recallSet.Count];
        clock.Restart();
        for (var i = 0; i < recallSet.Count; i++)
        {
            indexed[i] = index.Search(recallSet[i], options50);
        }

        var indexTime = clock.Elapsed;
        clock.Restart();
        Parallel.For(0, recallSet.Count, i => exhaustive[i] = index.SearchExhaustive(recallSet[i], options50));
        var scanTime = clock.Elapsed * Environment.ProcessorCount;
        var same = 0;
        var sameUnit = 0;
        var withMatch = 0;
        for (var i = 0; i < recallSet.Count; i++)
        {
            var best = exhaustive[i].Count > 0 ? exhaustive[i][0].Score : -1;
            var found = indexed[i].Count > 0 ? indexed[i][0].Score : -1;
            same += best == found ? 1 : 0;
            sameUnit += (best < 0 && found < 0) || (best >= 0 && found >= 0 && exhaustive[i][0].UnitId == indexed[i][0].UnitId) ? 1 : 0;
            withMatch += best >= 0 ? 1 : 0;
            if (best != found)
            {
                Console.WriteLine($"  miss: exhaustive {best}, index {found}: {recallSet[i].Text.Text}");
            }
        }

        var perIndex = indexTime.TotalMilliseconds / recallSet.Count;
        var perScan = scanTime.TotalMilliseconds / recallSet.Count;
        Console.WriteLine(
            $"recall vs exhaustive scan, min 50, {recallSet.Count} queries ({withMatch} with a match): same best "
                + $"score {same / (double)recallSet.Count:P2}, same unit {sameUnit / (double)recallSet.Count:P2}");
        Console.WriteLine($"per query at min 50: index {perIndex:F2} ms, exhaustive scan {perScan:F0} ms (one core), ratio {perScan / perIndex:F0}x");
        // The same check at the lookup threshold, where the index verifies only the most promising candidates.
        var set70 = longQueries.Skip(recallQueries / 2).Take(30).Concat(shortQueries.Skip(recallQueries / 2).Take(30)).ToList();
        var index70 = set70.Select(q => index.Search(q, options70 with { MaxResults = 1 })).ToList();
        var scan70 = new IReadOnlyList<MatchCandidate>[set70.Count];
        Parallel.For(0, set70.Count, i => scan70[i] = index.SearchExhaustive(set70[i], options70 with { MaxResults = 1 }));
        var same70 = Enumerable.Range(0, set70.Count).Count(i => (scan70[i].Count > 0 ? scan70[i][0].Score : -1) == (index70[i].Count > 0 ? index70[i][0].Score
            : -1));
        Console.WriteLine(
            $"recall vs exhaustive scan, min 70, {set70.Count} other queries ({scan70.Count(r => r.Count > 0)} with a match): same best "
                + $"score {same70 / (double)set70.Count:P2}");
        Console.WriteLine($"targets: p50 <= 2 ms, p99 <= 10 ms, >= 2000 segments/s, RSS <= 3072 MiB, build <= 60 s, recall >= 99.5%");
        return 0;
    }

    /// <summary>The 1-minute load average (Linux), to read wall-clock figures on a shared machine.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static (double P50, double P99, double WithMatch, double CpuMean) Latency(MemoryIndex index, List<MatchQuery> queries, MatchOptions options)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var times = new double[queries.Count];
        var hits = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var results = index.Search(queries[i], options);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            hits += results.Count > 0 ? 1 : 0;
        }

        var cpuMean = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / queries.Count;
        Array.Sort(times);
        return (times[times.Length / 2], times[Math.Min(times.Length - 1, (int)Math.Ceiling(times.Length * 0.99) - 1)], hits / (double)queries.Count, cpuMean);
    }

    /// <summary>Long: NTREX Tajik sentences of 8+ words, each with one edit of the quality report. Short: 3–6 word windows, some edited.</summary>
    internal static (List<MatchQuery> Long, List<MatchQuery> Short) Queries(List<QualityPair> ntrex)
    {
        var random = new Random(7);
        var longQueries = new List<MatchQuery>();
        var shortQueries = new List<MatchQuery>();
        for (var i = 0; i < ntrex.Count && (longQueries.Count < 1000 || shortQueries.Count < 1000); i++)
        {
            var words = ntrex[i].Tajik.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 8 && longQueries.Count < 1000)
            {
                var edits = MatchQualityEvaluation.Derive(ntrex[i].Tajik, i, true, ntrex).ToList();
                longQueries.Add(MatchQuery.Plain(edits[random.Next(edits.Count)].Query));
            }

            if (words.Length >= 6 && shortQueries.Count < 1000)
            {
                var length = 3 + random.Next(4);
                var start = random.Next(words.Length - length + 1);
                var window = string.Join(' ', words.Skip(start).Take(length));
                shortQueries.Add(MatchQuery.Plain(random.Next(3) == 0 ? window.ToLowerInvariant() : window));
            }
        }

        return (longQueries, shortQueries);
    }
}
